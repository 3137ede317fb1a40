"""Public part of the API (no sign-in): status by reference, withdrawal with the token, a health check."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from server.api.reference import is_reference
from server.auth import Context
from server.db.models import Submission
from server.errors import ApiError
from server.services.closing import withdraw

router = APIRouter(tags=["public"])


class WithdrawBody(BaseModel):
    """``POST /withdraw`` body."""

    model_config = ConfigDict(extra="forbid", strict=True)
    reference: str = Field(min_length=1, max_length=40)
    withdrawal_token: str = Field(min_length=1, max_length=200)


@router.get("/health")
def health() -> dict[str, str]:
    """Answers when the server is up."""
    return {"status": "ok"}


@router.get("/status/{reference}")
def status(ctx: Context, reference: str) -> dict[str, str]:
    """The status of a submission by its reference code (404 for unknown or malformed codes)."""
    code = reference.strip().upper()
    if not is_reference(code):
        raise ApiError(404, "unknown_reference", "There is no submission with this reference.")
    with ctx.db.session() as session:
        found = session.scalar(select(Submission.status).where(Submission.reference == code))
    if found is None:
        raise ApiError(404, "unknown_reference", "There is no submission with this reference.")
    return {"reference": code, "status": found}


@router.post("/withdraw")
def post_withdraw(ctx: Context, body: WithdrawBody) -> dict[str, str]:
    """Withdraws a submission: its media is deleted at once and a tombstone kept."""
    code = body.reference.strip().upper()
    if not is_reference(code):
        raise ApiError(404, "unknown_reference", "There is no submission with this reference.")
    return {"reference": code, "status": withdraw(ctx, code, body.withdrawal_token)}
