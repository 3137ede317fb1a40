"""Sending side of the API (upload key): create a submission, attach takes, complete it, or discard it."""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from server.auth import Context, UploadKeyAuth, authenticate_upload_key
from server.context import ServerContext
from server.errors import ApiError
from server.locks import LockTimeoutError, UploadGoneError
from server.services.complete import complete_submission
from server.services.discard import DISCARDED, discard_submission, upload_ids_to_lock
from server.services.intake import attach_take, create_submission

router = APIRouter(tags=["sending"])

SubmissionId = Path(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TakeId = Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


class AttachBody(BaseModel):
    """``PUT …/takes/{take_id}`` body."""

    model_config = ConfigDict(extra="forbid", strict=True)
    upload_url: str = Field(min_length=1, max_length=2000)


@router.post("/submissions", status_code=201)
async def post_submission(request: Request) -> JSONResponse:
    """Creates a submission from its manifest (201), or returns the existing one for a repeat post (200)."""
    ctx: ServerContext = request.app.state.context
    key = await run_in_threadpool(authenticate_upload_key, ctx, request)
    body = await request.body()  # capped by BodyLimitMiddleware
    created = await run_in_threadpool(create_submission, ctx, key, body)
    return JSONResponse(
        {"submission_id": created.submission_id, "status": created.status},
        status_code=201 if created.created else 200,
    )


@router.put("/submissions/{submission_id}/takes/{take_id}")
def put_take(
    ctx: Context,
    key: UploadKeyAuth,
    body: AttachBody,
    submission_id: str = SubmissionId,
    take_id: str = TakeId,
) -> dict[str, Any]:
    """Attaches a finished tus upload to one take of the manifest."""
    return attach_take(ctx, key, submission_id, take_id, body.upload_url)


@router.post("/submissions/{submission_id}/complete")
def post_complete(ctx: Context, key: UploadKeyAuth, submission_id: str = SubmissionId) -> dict[str, str]:
    """Verifies every take and returns the reference code and withdrawal token (idempotent)."""
    done = complete_submission(ctx, key, submission_id)
    return {"reference": done.reference, "withdrawal_token": done.withdrawal_token, "status": done.status}


@router.delete("/submissions/{submission_id}")
async def delete_submission(request: Request, submission_id: str = SubmissionId) -> dict[str, str]:
    """Discards an open submission of this key: manifest, personal data, media and uploads go at once.

    Every upload of the submission is locked first (as tus termination does), so a PATCH still writing
    finishes before its file goes, and one waiting afterwards gets 410.
    """
    ctx: ServerContext = request.app.state.context
    key = await run_in_threadpool(authenticate_upload_key, ctx, request)
    upload_ids = await run_in_threadpool(upload_ids_to_lock, ctx, key, submission_id)
    try:
        async with contextlib.AsyncExitStack() as held:
            for upload_id in upload_ids:
                with contextlib.suppress(UploadGoneError):  # terminated or expired meanwhile
                    await held.enter_async_context(
                        ctx.locks.hold(upload_id, ctx.settings.patch_idle_timeout_s)
                    )
            await run_in_threadpool(discard_submission, ctx, key, submission_id)
    except LockTimeoutError:
        raise ApiError(
            423, "upload_locked", "An upload of this submission is still being written. Try again."
        ) from None
    return {"submission_id": submission_id, "status": DISCARDED}


@router.post("/submissions/{submission_id}/discard")
async def post_discard(request: Request, submission_id: str = SubmissionId) -> dict[str, str]:
    """The same as ``DELETE /submissions/{submission_id}``, for networks that block DELETE."""
    return await delete_submission(request, submission_id)
