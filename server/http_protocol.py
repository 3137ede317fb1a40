"""uvicorn's httptools protocol with the limits it lacks: request head size and header count, a deadline for
the head, a timeout for a stalled body, and a cap on open connections that closes idle ones first.

Why a subclass of the httptools protocol, not uvicorn's h11 one with ``h11_max_incomplete_event_size``:
httptools parses bodies in C and keeps the ingest benchmark's throughput (bench/bench_abuse.py measures
both), while h11 is pure Python. httptools itself has no limits: it joins a header's pieces with ``bytes +=``
as they arrive, so 10 connections each sending a 50 MiB header line grew the server by 484 MiB, and a
connection that sends nothing, or one byte a minute, was held for ever (uvicorn arms its keep-alive timer
only after a first response). So:

- head size: the bytes of the request line and headers are counted before they are fed to the parser; past
  ``max_head_bytes`` the client gets 431 and the connection is closed, so at most one read more is held;
- header count: past ``max_headers`` headers, 431 the same way;
- head deadline: the request line and headers must be complete ``head_timeout_s`` after the connection opens
  (or, on a kept-alive connection, after the request's first byte); else 408 (or a plain close if nothing
  came) — a slowloris connection is gone in seconds;
- stalled body: a body that sends nothing for ``body_timeout_s`` while the server is ready to read it gets
  the connection closed (tus PATCH ends earlier on its own, with 204, after ``patch_idle_timeout_s``);
- connections: at ``max_connections`` open (kept below the file-handle limit), a new connection closes the
  one idle longest (no request in progress), else the one whose head has been arriving longest; only if all
  are busy with requests is the new one closed. Idle sockets can therefore never starve real requests.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from server.settings import Settings

try:
    import resource
except ImportError:  # pragma: no cover - Windows: no file-handle limit to fit under
    resource = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

#: File handles kept for everything but client sockets: database, uploads being written, media, logs.
RESERVED_HANDLES = 100
#: How long a refused connection's further bytes are read and dropped before it is closed.
LINGER_S = 1.0


@dataclass(frozen=True)
class Limits:
    """What one server process allows a connection (see the module docstring)."""

    max_head_bytes: int = 32 * 1024
    max_headers: int = 100
    head_timeout_s: float = 10.0
    body_timeout_s: float = 60.0
    max_connections: int = 1000


def _refusal(status: str, code: str, message: str) -> bytes:
    """A whole response in the JSON error shape, written before the connection is closed."""
    body = f'{{"error":{{"code":"{code}","message":"{message}"}}}}'
    return (
        f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
        f"connection: close\r\n\r\n{body}"
    ).encode()


HEAD_TOO_LARGE = _refusal(
    "431 Request Header Fields Too Large", "headers_too_large", "The request's headers are too large."
)
HEAD_TOO_SLOW = _refusal(
    "408 Request Timeout", "headers_too_slow", "The request's headers took too long to arrive."
)


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """One connection. ``limits`` is set on a subclass made by :func:`protocol_with`."""

    limits: ClassVar[Limits] = Limits()
    #: connections with no request in progress and no byte of the next, the longest idle first
    idle_connections: ClassVar[OrderedDict[LimitedHttpToolsProtocol, None]] = OrderedDict()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0
        self._header_count = 0
        self._in_head = True  # until a request's headers are complete; again after each response
        self._in_body = False
        self._refused = False
        self._last_data = 0.0
        self._opened = 0.0
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    # Connection life

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._opened = self._last_data = self.loop.time()
        self._head_timer = self.loop.call_later(self.limits.head_timeout_s, self._head_too_slow)
        self._set_idle(True)
        if len(self.connections) > self.limits.max_connections:
            self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timers()
        self._set_idle(False)
        super().connection_lost(exc)

    def _cancel_timers(self) -> None:
        for timer in (self._head_timer, self._body_timer):
            if timer is not None:
                timer.cancel()
        self._head_timer = self._body_timer = None

    def _set_idle(self, idle: bool) -> None:
        """Keeps ``idle_connections`` (oldest first) to connections with no request and no byte of one."""
        if idle:
            self.idle_connections[self] = None
        else:
            self.idle_connections.pop(self, None)

    def _make_room(self) -> None:
        """Closes the connection idle longest, else the slowest head; else this new one."""
        for idle in self.idle_connections:
            if idle is not self:
                idle._set_idle(False)
                idle.transport.close()
                return
        heads = [
            c
            for c in self.connections
            if isinstance(c, LimitedHttpToolsProtocol) and c is not self and c._in_head and c._head_bytes
        ]
        if heads:
            min(heads, key=lambda c: c._opened).transport.close()
            return
        log.warning("All %d connections are busy with requests; a new one was closed", len(self.connections))
        self.transport.close()

    # Bytes in

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        self._last_data = self.loop.time()
        self._set_idle(False)
        # The head is fed up to its limit only, so body bytes that came in the same read are not counted.
        while data and self._in_head:
            room = self.limits.max_head_bytes - self._head_bytes
            if room <= 0:
                self._refuse(HEAD_TOO_LARGE)
                return
            piece, data = data[:room], data[room:]
            self._head_bytes += len(piece)
            super().data_received(piece)
            if self._refused or self.transport.is_closing():
                return
        if data:
            super().data_received(data)

    def _refuse(self, response: bytes) -> None:
        """Answers and closes. The rest of what the client sends is read and dropped for a moment first
        (a "lingering close"): closing with unread bytes makes the kernel reset the connection, and the
        client would lose the answer."""
        self._refused = True
        self._cancel_timers()
        if self.transport.is_closing():
            return
        self.transport.write(response)
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self.loop.call_later(LINGER_S, self.transport.close)
        else:
            self.transport.close()

    def send_400_response(self, msg: str) -> None:
        if not self._refused:  # a 431 for too many headers already went out (see on_header)
            super().send_400_response(msg)

    # Parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._header_count = True, 0
        if self._head_timer is None:  # a kept-alive connection: the head's deadline runs from its first byte
            self._head_timer = self.loop.call_later(self.limits.head_timeout_s, self._head_too_slow)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        if self._header_count > self.limits.max_headers:
            self._refuse(HEAD_TOO_LARGE)
            raise ValueError("too many headers")  # stops the parser; uvicorn's 400 is then suppressed
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head, self._head_bytes = False, 0
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        self._in_body = True
        self._body_timer = self.loop.call_later(self.limits.body_timeout_s, self._body_stalled)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._in_body = False
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None
        super().on_message_complete()

    def on_response_complete(self) -> None:
        self._in_head = True
        super().on_response_complete()
        if not self.transport.is_closing() and not self.pipeline:
            self._set_idle(True)

    # Timers

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self._in_head and not self.transport.is_closing():
            if self._head_bytes:
                self._refuse(HEAD_TOO_SLOW)
            else:  # never said a word (or idle after a response): nothing to answer
                self.transport.close()

    def _body_stalled(self) -> None:
        self._body_timer = None
        if not self._in_body or self.transport.is_closing():
            return
        now = self.loop.time()
        cycle = self.cycle
        if self.flow.read_paused or (cycle is not None and cycle.waiting_for_100_continue):
            self._last_data = now  # the client waits for the server, not the other way round
        waited = now - self._last_data
        if waited < self.limits.body_timeout_s:
            self._body_timer = self.loop.call_later(self.limits.body_timeout_s - waited, self._body_stalled)
            return
        log.info("A request body sent nothing for %.0f s; its connection was closed", waited)
        self.transport.close()


def protocol_with(limits: Limits) -> type[LimitedHttpToolsProtocol]:
    """A protocol class for ``uvicorn.Config(http=…)`` with these limits."""
    members = {"limits": limits, "idle_connections": OrderedDict()}
    return type("ConfiguredHttpToolsProtocol", (LimitedHttpToolsProtocol,), members)


def limits_for(settings: Settings) -> Limits:
    """The limits ``settings`` give, the connection cap fitted under this process's file-handle limit."""
    return Limits(
        max_head_bytes=settings.max_header_bytes,
        max_headers=settings.max_headers,
        head_timeout_s=settings.header_timeout_s,
        body_timeout_s=settings.body_timeout_s,
        max_connections=connection_budget(settings.max_connections),
    )


class WorkerHttpToolsProtocol(LimitedHttpToolsProtocol):
    """The protocol of ``serve --workers N``: uvicorn spawns each worker and imports the protocol by name
    there (a class made by :func:`protocol_with` cannot be handed over), and the worker's app factory sets
    its limits from the settings before the first connection (:func:`server.app.app_from_environment`)."""

    idle_connections: ClassVar[OrderedDict[LimitedHttpToolsProtocol, None]] = OrderedDict()


#: ``uvicorn.run(http=...)`` for worker processes.
WORKER_PROTOCOL = f"{__name__}:{WorkerHttpToolsProtocol.__name__}"


def connection_budget(wanted: int) -> int:
    """``wanted`` connections, or fewer when the file-handle limit would not leave room for the rest.

    The soft limit is first raised to the hard one (systemd's default is 1024 soft, 524288 hard).
    """
    if resource is None:  # pragma: no cover - Windows
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return wanted
    budget = max(16, min(wanted, soft - RESERVED_HANDLES))
    if budget < wanted:
        log.warning(
            "The file-handle limit (%d) allows %d connections, not %d; raise LimitNOFILE",
            soft,
            budget,
            wanted,
        )
    return budget
