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
from starlette.responses import FileResponse
from starlette.types import Receive, Scope, Send

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
            await super().__call__({**scope, "extensions": extensions}, receive, send)
        finally:
            self._handle.close()

    @contextlib.asynccontextmanager
    async def _open_file(self) -> AsyncIterator[anyio.AsyncFile[bytes]]:
        yield anyio.wrap_file(self._handle)  # closed by __call__, also when the client goes away
