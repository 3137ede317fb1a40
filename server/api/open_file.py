"""A file response that streams from a file already opened (Range, If-Range and 416 as Starlette does).

Starlette's ``FileResponse`` opens its path only when the response starts, after the handler has checked
access; a withdrawal deleting the file in between made that a 500. Opening the file while checking (see
``server.services.review_actions.open_media``) and streaming from the handle closes that gap: on POSIX an
open file stays readable after its name is deleted.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Mapping
from typing import BinaryIO

import anyio
from starlette.datastructures import Headers
from starlette.responses import FileResponse, MalformedRangeHeader, RangeNotSatisfiable, Response
from starlette.types import Receive, Scope, Send

from server.errors import error_response

PATHSEND = "http.response.pathsend"


class OpenFileResponse(FileResponse):
    """Streams ``handle`` (closed when the response ends) with ``FileResponse``'s Range handling.

    Args:
        handle: the file, opened for binary reading; its name is used only in messages.
        stat_result: ``os.fstat`` of the handle (size, times for ETag and Last-Modified).
        media_type: the Content-Type.
        headers: extra response headers.
        content_disposition_type: ``inline`` or ``attachment``.
        filename: the file name offered in ``Content-Disposition`` (None: none).
    """

    def __init__(
        self,
        handle: BinaryIO,
        *,
        stat_result: os.stat_result,
        media_type: str,
        headers: Mapping[str, str] | None = None,
        content_disposition_type: str = "attachment",
        filename: str | None = None,
    ) -> None:
        super().__init__(
            handle.name,
            media_type=media_type,
            filename=filename,
            headers=headers,
            stat_result=stat_result,
            content_disposition_type=content_disposition_type,
        )
        self._handle = handle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # "pathsend" would hand the server the path to open again: never use it.
        extensions = {k: v for k, v in scope.get("extensions", {}).items() if k != PATHSEND}
        try:
            refused = self._range_refusal(scope)
            if refused is not None:
                await refused(scope, receive, send)
                return
            await super().__call__({**scope, "extensions": extensions}, receive, send)
        finally:
            self._handle.close()

    def _range_refusal(self, scope: Scope) -> Response | None:
        """The JSON error for a Range header FileResponse would refuse (it answers those in plain text)."""
        headers = Headers(scope=scope)
        http_range = headers.get("range")
        if_range = headers.get("if-range")
        if (
            http_range is None
            or scope["method"].upper() not in ("GET", "HEAD")
            or (if_range is not None and not self._should_use_range(if_range))
        ):
            return None
        size = self.stat_result.st_size if self.stat_result else os.fstat(self._handle.fileno()).st_size
        try:
            self._parse_range_header(http_range, size)
        except MalformedRangeHeader:
            return error_response(400, "bad_range", "The Range header is not a valid bytes range.")
        except RangeNotSatisfiable:
            return error_response(
                416,
                "range_not_satisfiable",
                f"The range starts past the end of the file ({size} bytes).",
                {"Content-Range": f"bytes */{size}"},
            )
        return None

    @contextlib.asynccontextmanager
    async def _open_file(self) -> AsyncIterator[anyio.AsyncFile[bytes]]:
        yield anyio.wrap_file(self._handle)  # closed by __call__, also when the client goes away
