"""ASGI middleware capping JSON request bodies (a 50 MB manifest is refused without being read whole) and
the requests handled at once."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_response
from server.tus.protocol import is_tus_path


class BodyTooLargeError(Exception):
    """Raised inside the app when a streamed body passes the limit."""


class BodyLimitMiddleware:
    """Refuses bodies over ``limit_bytes`` outside /files/ with 413: by Content-Length, or as they stream."""

    def __init__(self, app: ASGIApp, limit_bytes: int) -> None:
        self.app = app
        self.limit_bytes = limit_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_tus_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        too_large = error_response(
            413, "body_too_large", f"The request body is larger than {self.limit_bytes} bytes."
        )
        too_large.headers["Connection"] = "close"
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit_bytes):
            await too_large(scope, receive, send)
            return
        seen_bytes = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen_bytes
            message = await receive()
            if message["type"] == "http.request":
                seen_bytes += len(message.get("body", b""))
                if seen_bytes > self.limit_bytes:
                    raise BodyTooLargeError
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLargeError:
            if not started:
                await too_large(scope, receive, send)


class ConcurrencyLimitMiddleware:
    """Answers 503 ``server_busy`` (``Retry-After: 1``) while ``max_requests`` requests are being handled."""

    def __init__(self, app: ASGIApp, max_requests: int) -> None:
        self.app = app
        self.max_requests = max_requests
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_requests:
            busy = error_response(
                503, "server_busy", "The server is handling too many requests. Try again in a moment."
            )
            busy.headers["Retry-After"] = "1"
            await busy(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
