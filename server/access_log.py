"""The access log: one line per request naming the route, never the query string or free text in the path.

uvicorn's own access log prints the raw path and query string, so a reviewer's search (``?q=<a person's
name>``) or a name typed into a reference field ended up in the log. This middleware logs the route's
template instead (``/api/v1/review/submissions/{submission_id}``), with a path parameter's value kept only
when it has the shape of an identifier the server hands out; anything else stays ``{name}``.
"""

from __future__ import annotations

import logging
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS_LOGGER = "voicebooth.server.access"
#: What each access line also carries as record attributes (the JSON log's fields).
ACCESS_FIELDS = ("method", "path", "status", "duration_ms")
log = logging.getLogger(ACCESS_LOGGER)

# Server ids, submission uuids, take ids the app makes, reference codes: none can hold a name.
_SAFE_VALUE_RE = re.compile(
    r"[0-9a-f]{32}"
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|t[0-9]{8}T[0-9]{6}-[0-9a-f]{6}"
    r"|VB-[0-9A-Z]{4}-[0-9A-Z]{4}"
)
_PARAM_RE = re.compile(r"{([^}:]+)(?::[^}]*)?}")


def route_path(scope: Scope) -> str:
    """The request's path as it may be logged: the matched route with only id-shaped values filled in.

    The router records the route it chose in the scope; its template may lack the prefix it was included
    under (``/api/v1``), which is taken from the start of the real path (a prefix has no parameters).
    """
    template = getattr(scope.get("route"), "path", None)
    if not isinstance(template, str):
        return "(no such path)"
    params = scope.get("path_params", {})

    def fill(match: re.Match[str]) -> str:
        value = params.get(match.group(1))
        return value if isinstance(value, str) and _SAFE_VALUE_RE.fullmatch(value) else match.group(0)

    segments = scope["path"].split("/")
    prefix = segments[: max(1, len(segments) - template.count("/"))]
    return "/".join(prefix) + _PARAM_RE.sub(fill, template)


class AccessLogMiddleware:
    """Logs ``client - "METHOD /route" status duration`` at INFO once each response has been sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # unless a response starts

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            if log.isEnabledFor(logging.INFO):
                client = scope.get("client")
                method, path = scope["method"], route_path(scope)
                duration_ms = round((time.perf_counter() - started) * 1000)
                fields = dict(zip(ACCESS_FIELDS, (method, path, status, duration_ms), strict=True))
                log.info(
                    '%s - "%s %s" %d %d ms',
                    client[0] if client else "-",
                    method,
                    path,
                    status,
                    duration_ms,
                    extra=fields,  # for the JSON log lines (server.logging_setup)
                )
