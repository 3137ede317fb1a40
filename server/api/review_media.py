"""Review media and export: clip streaming with HTTP Range, poster JPEG, CSV export."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from server.api.open_file import OpenFileResponse
from server.api.review import QueryText, filters_from_query
from server.auth import Context, ReviewerAuth
from server.errors import ApiError
from server.services import review_actions
from server.services.export import export_csv

router = APIRouter(tags=["review"])
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
PRIVATE = {"Cache-Control": "private, no-store"}


def _media(ctx: Context, take_id: str, kind: str, media_type: str) -> OpenFileResponse:
    if not _ID_RE.fullmatch(take_id):
        raise ApiError(404, "unknown_take", "There is no such take.")
    opened = review_actions.open_media(ctx, take_id, kind)
    # Starlette's FileResponse (underneath) answers Range requests (206, multipart ranges, 416) and If-Range.
    return OpenFileResponse(
        opened.file,
        stat_result=opened.stat,
        media_type=media_type,
        headers=PRIVATE,
        content_disposition_type="inline",
    )


@router.get("/review/takes/{take_id}/video")
def video(ctx: Context, _user: ReviewerAuth, take_id: str) -> OpenFileResponse:
    """The take's MP4; supports ``Range`` for seeking."""
    return _media(ctx, take_id, "video", "video/mp4")


@router.get("/review/takes/{take_id}/poster")
def poster(ctx: Context, _user: ReviewerAuth, take_id: str) -> OpenFileResponse:
    """The take's poster frame (JPEG)."""
    return _media(ctx, take_id, "poster", "image/jpeg")


@router.get("/review/export.csv")
async def export(
    ctx: Context,
    user: ReviewerAuth,
    status: QueryText = None,
    prompt_id: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")] = None,
    since: QueryText = None,
    until: QueryText = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> StreamingResponse:
    """Metadata of received submissions (one row per take); never withdrawn or consent-expired ones."""
    filters = filters_from_query(status, prompt_id, since, until, q)
    if filters.status in ("open", "withdrawn", "expired"):
        raise ApiError(409, "cannot_export", "Only received submissions can be exported.")
    pieces = await run_in_threadpool(export_csv, ctx, user, filters)
    headers = {**PRIVATE, "Content-Disposition": 'attachment; filename="voicebooth-export.csv"'}
    return StreamingResponse(pieces, media_type="text/csv; charset=utf-8", headers=headers)
