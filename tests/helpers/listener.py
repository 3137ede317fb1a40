"""A TCP listener on 127.0.0.1 (a free port) that serves each connection on its own thread.

The base of the test proxies (:mod:`tests.helpers.http_faults`, :mod:`tests.helpers.tls_proxy`): a subclass
implements :meth:`ThreadedListener.serve` and may check :attr:`ThreadedListener.stopped` while it works.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class ThreadedListener:
    """Accepts connections on a background thread; ``serve(sock)`` runs on a thread per connection.

    Args:
        name: the accept thread's name (shows in stack dumps of a stuck test).
    """

    def __init__(self, name: str) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self.stopped = False
        threading.Thread(target=self._accept_loop, daemon=True, name=name).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop accepting (connections being served finish on their own)."""
        self.stopped = True
        with contextlib.suppress(OSError):
            self._listener.close()

    def serve(self, client: socket.socket) -> None:
        """Handle one accepted connection (called on its own thread); close it when done."""
        raise NotImplementedError

    def _accept_loop(self) -> None:
        while not self.stopped:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()
