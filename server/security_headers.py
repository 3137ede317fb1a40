"""ASGI middleware adding defensive headers to every response: no sniffing, framing, referrer or caching."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    # Answers hold personal data (review list and detail) or change by the second: no cache, no proxy, no
    # browser keeps them. A response that sets its own Cache-Control (clips: "private, no-store") keeps it.
    "Cache-Control": "no-store",
}


class SecurityHeadersMiddleware:
    """JSON and media responses can never be rendered as a page that runs script, nor kept in a cache."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
