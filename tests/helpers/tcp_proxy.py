"""A TCP proxy on 127.0.0.1 for network fault tests and benchmarks: delay, bandwidth cap, hang, counters.

* WAN emulation: each direction is a shared link with a one-way delay (RTT / 2) and a rate cap; bytes are
  released when they would have crossed the link (serialisation at the rate, then the delay). A bounded
  queue per connection gives TCP back-pressure, like a router buffer.
* ``hang_first``: the first N connections are accepted and read but never answered (a server or proxy that
  hangs); later connections are forwarded.
* Counters: bytes forwarded client→server and server→client, connections accepted.
* ``close_all()`` drops every open connection at once (a network drop).
* ``refuse()`` stops listening and drops every connection, so connecting is refused as when the server is
  down; ``accept_again()`` listens on the same port again (the server is back).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field

BUFFER_BYTES = 256 * 1024


@dataclass
class Link:
    """One direction of the emulated link, shared by all connections (so parallel connections share it)."""

    rate_bytes_s: float | None
    delay_s: float
    _free_at: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def deliver_at(self, size_bytes: int, now: float) -> float:
        """When bytes handed over ``now`` arrive at the far end."""
        if self.rate_bytes_s is None:
            return now + self.delay_s
        with self._lock:
            start = max(now, self._free_at)
            self._free_at = start + size_bytes / self.rate_bytes_s
            return self._free_at + self.delay_s


class TcpProxy:
    """Forwards ``127.0.0.1:port`` to ``upstream``.

    Args:
        upstream: (host, port) to forward to.
        rtt_s: round-trip time added (half each way).
        rate_bits_s: bandwidth cap per direction (None: no cap).
        hang_first: connections to accept and never answer before forwarding starts.
        queue_bytes: bytes queued per connection and direction before the proxy stops reading.
    """

    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        rtt_s: float = 0.0,
        rate_bits_s: float | None = None,
        hang_first: int = 0,
        queue_bytes: int = 1024 * 1024,
    ) -> None:
        self.upstream = upstream
        rate = None if rate_bits_s is None else rate_bits_s / 8
        self.up_link = Link(rate, rtt_s / 2)
        self.down_link = Link(rate, rtt_s / 2)
        self.hang_first = hang_first
        self.queue_bytes = queue_bytes
        self.bytes_up = 0
        self.bytes_down = 0
        self.accepted = 0
        self.hung = 0
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self.port = 0
        self._stopped = threading.Event()
        self._listen()

    def _listen(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", self.port))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop, name="tcp-proxy", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset_counters(self) -> None:
        with self._lock:
            self.bytes_up = self.bytes_down = 0

    def close_all(self) -> None:
        """Drop every open connection (RST), as a network drop would."""
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                sock.close()

    def stop(self) -> None:
        self._stopped.set()
        self.refuse()

    @property
    def refusing(self) -> bool:
        """True after :meth:`refuse` (or :meth:`stop`) until :meth:`accept_again`."""
        return not self._thread.is_alive()

    def refuse(self) -> None:
        """Stop listening and drop every connection: connecting is refused, as when the server is down."""
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below
        with contextlib.suppress(OSError):
            self._listener.close()
        self._thread.join(5)
        self.close_all()

    def accept_again(self) -> None:
        """Listen on the same port again after :meth:`refuse`."""
        if self.refusing and not self._stopped.is_set():
            self._listen()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._track(client)
            with self._lock:
                self.accepted += 1
                hang = self.hung < self.hang_first
                if hang:
                    self.hung += 1
            if hang:
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=10)
            except OSError:
                client.close()
                continue
            server.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            server.settimeout(None)
            self._track(server)
            for src, dst, link, up in (
                (client, server, self.up_link, True),
                (server, client, self.down_link, False),
            ):
                _Pipe(self, src, dst, link, up).start()

    def _swallow(self, client: socket.socket) -> None:
        """Read and discard forever: the peer waits for an answer that never comes."""
        with contextlib.suppress(OSError):
            while client.recv(BUFFER_BYTES):
                pass
        with contextlib.suppress(OSError):
            client.close()

    def _count(self, up: bool, size: int) -> None:
        with self._lock:
            if up:
                self.bytes_up += size
            else:
                self.bytes_down += size


class _Pipe:
    """One direction of one connection: a reader thread queues timed data, a writer releases it on time."""

    def __init__(self, proxy: TcpProxy, src: socket.socket, dst: socket.socket, link: Link, up: bool) -> None:
        self.proxy, self.src, self.dst, self.link, self.up = proxy, src, dst, link, up
        self.queue: deque[tuple[float, bytes | None]] = deque()
        self.queued_bytes = 0
        self.cond = threading.Condition()

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True, name="proxy-read").start()
        threading.Thread(target=self._write, daemon=True, name="proxy-write").start()

    def _read(self) -> None:
        while True:
            try:
                data = self.src.recv(BUFFER_BYTES)
            except OSError:
                data = b""
            with self.cond:
                while data and self.queued_bytes > self.proxy.queue_bytes:
                    self.cond.wait()
                at = self.link.deliver_at(len(data), time.monotonic()) if data else time.monotonic()
                self.queue.append((at, data or None))
                self.queued_bytes += len(data)
                self.cond.notify_all()
            if not data:
                return

    def _write(self) -> None:
        while True:
            with self.cond:
                while not self.queue:
                    self.cond.wait()
                at, data = self.queue[0]
            delay = at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            with self.cond:
                self.queue.popleft()
                self.queued_bytes -= len(data or b"")
                self.cond.notify_all()
            if data is None:
                with contextlib.suppress(OSError):
                    self.dst.shutdown(socket.SHUT_WR)
                return
            try:
                self.dst.sendall(data)
            except OSError:
                with contextlib.suppress(OSError):
                    self.src.close()
                return
            self.proxy._count(self.up, len(data))
