"""Review streaming from object storage: the replica proxies the object with HTTP Range.

Why a proxy rather than a presigned redirect: a withdrawal must stop playback at once (a presigned URL
stays valid until it expires, whatever happens to the submission); reviewers' PCs often cannot reach an
on-premises object store at all; the review app sends media and credentials only to the server's own
origin; and every access goes through the same checks and ``Cache-Control: private, no-store``. The cost,
the replica relaying review traffic, is small next to ingest.

One byte range per request is served (206 with ``Content-Range``); a request for several ranges gets the
whole object (200), as RFC 9110 allows; an unsatisfiable range gets 416 with ``Content-Range: bytes */size``;
``If-Range`` is honoured against the object's ETag or date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from anyio import to_thread
from botocore.exceptions import ClientError
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from server.errors import error_response
from server.storage.s3_client import is_missing, storage_call

if TYPE_CHECKING:
    from server.storage.s3 import S3Storage

READ_BYTES = 256 * 1024
_RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """``(first, last)`` for one satisfiable range, None to send everything, ``"unsatisfiable"`` for 416."""
    if not header:
        return None
    match = _RANGE_RE.fullmatch(header.strip().replace(" ", ""))
    if match is None:
        return None  # several ranges, or not a byte range: send the whole object
    first_text, last_text = match.groups()
    if not first_text:
        if not last_text or int(last_text) == 0:
            return "unsatisfiable"
        return max(0, size - int(last_text)), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None
    if first >= size:
        return "unsatisfiable"
    return first, min(last, size - 1)


class OpenedObject:
    """A media object looked up for a response: its key, size, ETag and date."""

    def __init__(self, store: S3Storage, key: str, size: int, etag: str, modified: datetime) -> None:
        self.store = store
        self.key = key
        self.size = size
        self.etag = etag
        self.modified = modified.astimezone(UTC)  # botocore's tzutc is not what usegmt= accepts

    def response(self, media_type: str, headers: Mapping[str, str], filename: str | None = None) -> Response:
        """A response that fetches the requested range from the store and relays it."""
        disposition = "inline" if filename is None else f'attachment; filename="{quote(filename)}"'
        return ObjectResponse(self, media_type, {**headers, "content-disposition": disposition})

    def close(self) -> None:
        """Nothing is held open until the response starts."""


class ObjectResponse(Response):
    """Relays one object (or one range of it) from the store, block by block."""

    def __init__(self, opened: OpenedObject, media_type: str, headers: Mapping[str, str]) -> None:
        super().__init__(media_type=media_type, headers=dict(headers))
        self.opened = opened

    def _wanted(self, request_headers: Headers) -> tuple[int, int] | str | None:
        if_range = request_headers.get("if-range")
        last_modified = format_datetime(self.opened.modified, usegmt=True)
        if if_range is not None and if_range not in (self.opened.etag, last_modified):
            return None
        return parse_range(request_headers.get("range"), self.opened.size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        opened = self.opened
        wanted = self._wanted(Headers(scope=scope))
        if wanted == "unsatisfiable":
            refused = error_response(416, "range_not_satisfiable", "The requested range is outside the file.")
            refused.headers["Content-Range"] = f"bytes */{opened.size}"
            await refused(scope, receive, send)
            return
        first, last = wanted if isinstance(wanted, tuple) else (0, opened.size - 1)
        try:
            body = await to_thread.run_sync(self._get, None if wanted is None else f"bytes={first}-{last}")
        except FileNotFoundError:
            gone = error_response(410, "withdrawn", "This take's video was removed a moment ago.")
            await gone(scope, receive, send)
            return
        try:
            headers = {
                **dict(self.headers),
                "accept-ranges": "bytes",
                "content-length": str(max(last - first + 1, 0)),
                "etag": opened.etag,
                "last-modified": format_datetime(opened.modified, usegmt=True),
            }
            status = 200
            if isinstance(wanted, tuple):
                status = 206
                headers["content-range"] = f"bytes {first}-{last}/{opened.size}"
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
                }
            )
            while block := await to_thread.run_sync(body.read, READ_BYTES):
                await send({"type": "http.response.body", "body": block, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            body.close()

    def _get(self, byte_range: str | None) -> Any:
        store, key = self.opened.store, self.opened.key
        with storage_call("stream_media"):
            try:
                if byte_range is None:
                    return store.client.get_object(Bucket=store.bucket, Key=key)["Body"]
                return store.client.get_object(Bucket=store.bucket, Key=key, Range=byte_range)["Body"]
            except ClientError as error:
                if is_missing(error):
                    raise FileNotFoundError(key) from None
                raise
