"""Review media and export: clip streaming with HTTP Range, poster JPEG, a take for an export, CSV export."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from recorder.consent_rules import Use
from server.api.review import QueryText, filters_from_query
from server.auth import Context, ReviewerAuth
from server.errors import ApiError
from server.services import review_actions
from server.services.export import export_csv
from server.services.export_media import open_for_export

router = APIRouter(tags=["review"])
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
PRIVATE = {"Cache-Control": "private, no-store"}


def _media(ctx: Context, take_id: str, kind: str, media_type: str) -> Response:
    if not _ID_RE.fullmatch(take_id):
        raise ApiError(404, "unknown_take", "There is no such take.")
    opened = review_actions.open_media(ctx, take_id, kind)
    # The data folder answers Range with Starlette's FileResponse (206, multipart ranges, 416, If-Range);
    # object storage is proxied with one range per request (server.storage.s3_media says why).
    return opened.response(media_type, PRIVATE)


@router.get("/review/takes/{take_id}/video", response_model=None)
def video(ctx: Context, _user: ReviewerAuth, take_id: str) -> Response:
    """The take's MP4; supports ``Range`` for seeking."""
    return _media(ctx, take_id, "video", "video/mp4")


@router.get("/review/takes/{take_id}/poster", response_model=None)
def poster(ctx: Context, _user: ReviewerAuth, take_id: str) -> Response:
    """The take's poster frame (JPEG)."""
    return _media(ctx, take_id, "poster", "image/jpeg")


@router.get("/review/takes/{take_id}/export")
def export_video(
    ctx: Context,
    user: ReviewerAuth,
    request: Request,
    take_id: str,
    use: Annotated[Literal["social", "internal"], Query()],
) -> Response:
    """The take's MP4 for an export (``use``: public social media or internal only), after the consent rule.

    403 ``export_refused`` (with ``error.reason``) when the person's consent does not allow it. Range resumes.
    """
    if not _ID_RE.fullmatch(take_id):
        raise ApiError(404, "unknown_take", "There is no such take.")
    wanted = request.headers.get("range", "").replace(" ", "")
    found = open_for_export(ctx, user, take_id, Use(use), first_byte=wanted in ("", "bytes=0-"))
    return found.opened.response("video/mp4", {**PRIVATE, "X-Voicebooth-Use": use}, filename=found.filename)


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
