"""A TLS-inspecting HTTP proxy, like the ones on NHS networks: CONNECT is answered, then the proxy speaks
TLS to the client with a certificate it issues itself (signed by its own CA) and makes its own TLS
connection to the real server, checking it against ``upstream_ca``. Clients only work through it when
they trust the proxy's CA. Plain ``http://`` requests in absolute form are refused (HTTPS only).
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import ssl
import threading
from pathlib import Path

from tests.helpers.certs import Authority, make_authority
from tests.helpers.listener import ThreadedListener


class TlsInspectingProxy(ThreadedListener):
    """Listens on ``127.0.0.1:port``.

    Args:
        folder: where its CA and issued certificates are written.
        upstream_ca: the CA file the proxy trusts for real servers.

    Attributes:
        ca_path: the proxy's CA certificate (what IT would put in ``ca_bundle``).
        connects: CONNECT requests seen.
        handshake_failures: client TLS handshakes that failed (a client that does not trust the proxy).
    """

    def __init__(self, folder: Path, upstream_ca: Path) -> None:
        self.folder = folder
        self.authority: Authority = make_authority(folder, "inspecting-proxy")
        self.ca_path = self.authority.cert_path
        self.upstream_context = ssl.create_default_context(cafile=str(upstream_ca))
        self.connects = 0
        self.handshake_failures = 0
        self.errors: list[str] = []
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()
        super().__init__("tls-proxy")

    def _context_for(self, host: str) -> ssl.SSLContext:
        with self._lock:
            if host not in self._contexts:
                cert, key = self.authority.issue(self.folder, f"leaf-{host.replace(':', '_')}", [host])
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(str(cert), str(key))
                self._contexts[host] = context
            return self._contexts[host]

    def serve(self, client: socket.socket) -> None:
        try:
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(4096)
                if not data:
                    return
                head += data
            line = head.split(b"\r\n", 1)[0].decode("latin-1").split()
            if len(line) < 2 or line[0].upper() != "CONNECT":
                client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            host, _, port_text = line[1].rpartition(":")
            with self._lock:
                self.connects += 1
            upstream_raw = socket.create_connection((host, int(port_text)), timeout=10)
            upstream = self.upstream_context.wrap_socket(upstream_raw, server_hostname=host)
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            try:
                inner = self._context_for(host).wrap_socket(client, server_side=True)
            except (ssl.SSLError, OSError):
                with self._lock:
                    self.handshake_failures += 1
                upstream.close()
                return
            _relay(inner, upstream)
        except OSError as error:
            self.errors.append(repr(error))
        finally:
            with contextlib.suppress(OSError):
                client.close()


def _relay(a: ssl.SSLSocket, b: ssl.SSLSocket) -> None:
    """Copy both ways on one thread (an SSL socket must not be read and written from two threads)."""
    selector = selectors.DefaultSelector()
    selector.register(a, selectors.EVENT_READ, b)
    selector.register(b, selectors.EVENT_READ, a)
    try:
        while True:
            ready = [key.fileobj for key, _ in selector.select(timeout=60)]
            ready += [s for s in (a, b) if s.pending() and s not in ready]
            if not ready:
                return
            for src in ready:
                assert isinstance(src, ssl.SSLSocket)
                dst = b if src is a else a
                # Readable may mean a TLS record with no application data (a TLS 1.3 session ticket):
                # read without blocking, and go back to waiting when there is nothing for us.
                src.settimeout(0)
                try:
                    data = src.recv(256 * 1024)
                except (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError):
                    continue
                finally:
                    src.settimeout(None)
                if not data:
                    return
                dst.sendall(data)
    except OSError:
        return
    finally:
        selector.close()
        for s in (a, b):
            with contextlib.suppress(OSError):
                s.close()
