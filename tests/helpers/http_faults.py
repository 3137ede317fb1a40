"""An HTTP/1.1 reverse proxy on 127.0.0.1 that misbehaves on purpose, in front of a real server.

Rules (any combination):

* ``max_body_bytes``: a request whose ``Content-Length`` is above it gets ``413`` without being forwarded,
  the way a corporate proxy capping request size answers (the rest of the body is read and dropped, then
  the connection is closed, like nginx's lingering close).
* ``fail_first``: the first N requests with method ``fail_method`` get ``fail_status`` (the body is read
  first; the connection stays open). Later ones are forwarded.
* ``corrupt_first_patches``: the first N PATCH bodies get one byte changed on the way (a bad link or a
  broken middlebox); a server checking ``Upload-Checksum`` must refuse them (460).
* ``hold_path``: a request whose path matches the regex is held (``held`` is set). With
  ``hold_before_forward`` it is never forwarded; otherwise it is forwarded and the answer is withheld.
  ``release()`` lets held requests go on.

Counters: requests seen by method, body bytes forwarded. Bodies are streamed, never held in memory whole.
"""

from __future__ import annotations

import contextlib
import functools
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from tests.helpers.listener import ThreadedListener

BLOCK = 256 * 1024


@dataclass
class FaultRules:
    max_body_bytes: int | None = None
    fail_first: int = 0
    fail_method: str = "PATCH"
    fail_status: int = 500
    hold_path: str | None = None
    hold_before_forward: bool = True
    corrupt_first_patches: int = 0


@dataclass
class _Conn:
    sock: socket.socket
    buffer: bytes = b""

    def read_head(self) -> bytes | None:
        while b"\r\n\r\n" not in self.buffer:
            data = self.sock.recv(65536)
            if not data:
                return None
            self.buffer += data
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        return head + b"\r\n\r\n"

    def read_exact(self, size: int) -> bytes:
        while len(self.buffer) < size:
            data = self.sock.recv(max(65536, size - len(self.buffer)))
            if not data:
                raise ConnectionError("closed mid-body")
            self.buffer += data
        out, self.buffer = self.buffer[:size], self.buffer[size:]
        return out

    def stream_body(
        self,
        size: int,
        sink: socket.socket | None,
        count: Callable[[int], None] | None = None,
        corrupt: bool = False,
    ) -> int:
        """Copy (or drop, when ``sink`` is None) ``size`` body bytes; returns how many were forwarded.

        ``count`` gets each forwarded piece's size as it goes (so a body cut short is counted too).
        """
        left = size
        while left > 0:
            if self.buffer:
                piece, self.buffer = self.buffer[:left], self.buffer[left:]
            else:
                piece = self.sock.recv(min(BLOCK, left))
                if not piece:
                    raise ConnectionError("closed mid-body")
            if corrupt and piece:
                piece = bytes([piece[0] ^ 0xFF]) + piece[1:]  # one flipped bit pattern on the way
                corrupt = False
            if sink is not None:
                sink.sendall(piece)
                if count is not None:
                    count(len(piece))
            left -= len(piece)
        return size if sink is not None else 0

    def read_line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("closed")
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line + b"\r\n"


def _headers(head: bytes) -> tuple[str, str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    first = lines[0].split(" ")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return first[0], first[1] if len(first) > 1 else "", headers


class FaultProxy(ThreadedListener):
    """Reverse proxy to ``upstream`` (host, port) applying :class:`FaultRules`."""

    def __init__(self, upstream: tuple[str, int], rules: FaultRules) -> None:
        self.upstream = upstream
        self.rules = rules
        self.methods: Counter[str] = Counter()
        self.failed = 0
        self.corrupted = 0
        self.rejected_413 = 0
        self.body_bytes_forwarded = 0
        self.body_bytes_by_method: Counter[str] = Counter()
        self.held = threading.Event()
        self._release = threading.Event()
        self._lock = threading.Lock()
        super().__init__("fault-proxy")

    def release(self) -> None:
        self._release.set()

    def stop(self) -> None:
        super().stop()
        self._release.set()

    def serve(self, client_sock: socket.socket) -> None:
        client = _Conn(client_sock)
        upstream: _Conn | None = None
        try:
            while True:
                head = client.read_head()
                if head is None:
                    return
                method, path, headers = _headers(head)
                length = int(headers.get("content-length", "0") or 0)
                with self._lock:
                    self.methods[method] += 1
                    override = headers.get("x-http-method-override", "").upper()
                    effective = override or method
                    failing = effective == self.rules.fail_method and self.failed < self.rules.fail_first
                    if failing:
                        self.failed += 1
                rules = self.rules
                if rules.max_body_bytes is not None and length > rules.max_body_bytes:
                    with self._lock:
                        self.rejected_413 += 1
                    client_sock.sendall(
                        b"HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 0\r\n"
                        b"Connection: close\r\n\r\n"
                    )
                    client_sock.settimeout(5)
                    with contextlib.suppress(OSError, ConnectionError):
                        client.stream_body(length, None)  # lingering close: drain, then close
                    return
                if failing:
                    client.stream_body(length, None)
                    status = rules.fail_status
                    client_sock.sendall(
                        f"HTTP/1.1 {status} Failing On Purpose\r\nContent-Length: 0\r\n\r\n".encode("ascii")
                    )
                    continue
                holding = rules.hold_path is not None and re.search(rules.hold_path, path) is not None
                if holding and rules.hold_before_forward:
                    self.held.set()
                    self._release.wait()
                    if self.stopped:
                        return
                if upstream is None:
                    upstream = _Conn(socket.create_connection(self.upstream, timeout=120))
                upstream.sock.sendall(head)
                with self._lock:
                    corrupt = (
                        effective == "PATCH" and self.corrupted < rules.corrupt_first_patches and length > 0
                    )
                    if corrupt:
                        self.corrupted += 1
                client.stream_body(
                    length, upstream.sock, functools.partial(self._count_body, effective), corrupt=corrupt
                )
                response = self._read_response(upstream, method)
                if holding and not rules.hold_before_forward:
                    self.held.set()
                    self._release.wait()
                    if self.stopped:
                        return
                client_sock.sendall(response)
        except (OSError, ConnectionError):
            return
        finally:
            with contextlib.suppress(OSError):
                client_sock.close()
            if upstream is not None:
                with contextlib.suppress(OSError):
                    upstream.sock.close()

    def _count_body(self, method: str, size: int) -> None:
        with self._lock:
            self.body_bytes_forwarded += size
            self.body_bytes_by_method[method] += size

    def _read_response(self, upstream: _Conn, method: str) -> bytes:
        head = upstream.read_head()
        if head is None:
            raise ConnectionError("upstream closed")
        _version, status_text, headers = _headers(head)
        status = int(status_text)
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return head
        if "content-length" in headers:
            return head + upstream.read_exact(int(headers["content-length"]))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                line = upstream.read_line()
                size = int(line.split(b";")[0].strip(), 16)
                body += line + upstream.read_exact(size + 2)
                if size == 0:
                    return head + body
        # Body until close.
        body = upstream.buffer
        upstream.buffer = b""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            data = upstream.sock.recv(65536)
            if not data:
                break
            body += data
        return head + body
