"""ASGI middleware for /files/: X-HTTP-Method-Override, the Tus-Resumable gate and tus response headers.

It runs before any handler, so a request with an unsupported ``Tus-Resumable`` gets 412 with ``Tus-Version``
without its upload ever being looked at, and without its body being read.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_response
from server.tus.headers import TUS_VERSION

OVERRIDABLE_METHODS = frozenset({"PATCH", "DELETE", "HEAD", "POST", "OPTIONS"})


def is_tus_path(path: str) -> bool:
    """True for the tus creation URL and upload URLs."""
    return path in ("/files", "/files/") or path.startswith("/files/")


class TusProtocolMiddleware:
    """Applies the tus rules that hold for every request under /files/."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_tus_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        override = headers.get("x-http-method-override")
        if override is not None:
            method = override.strip().upper()
            if method not in OVERRIDABLE_METHODS:
                response = error_response(
                    400, "bad_method_override", "X-HTTP-Method-Override must be PATCH, DELETE, HEAD or POST."
                )
                response.headers["Tus-Resumable"] = TUS_VERSION
                await response(scope, receive, send)
                return
            outer, scope = scope, {**scope, "method": method}
        method = scope["method"]
        if method != "OPTIONS" and headers.get("tus-resumable") != TUS_VERSION:
            response = error_response(
                412,
                "tus_version_unsupported",
                f"This server speaks tus {TUS_VERSION}; send 'Tus-Resumable: {TUS_VERSION}'.",
                {"Tus-Version": TUS_VERSION, "Tus-Resumable": TUS_VERSION},
            )
            if method == "HEAD":
                response.headers["Cache-Control"] = "no-store"
            await response(scope, receive, send)
            return

        async def send_with_tus_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["Tus-Resumable"] = TUS_VERSION
                if method == "HEAD":
                    out["Cache-Control"] = "no-store"
            await send(message)

        try:
            await self.app(scope, receive, send_with_tus_headers)
        finally:
            if override is not None:  # the access log (outside) names the route the router chose
                outer.update({k: scope[k] for k in ("route", "path_params") if k in scope})
