"""Public part of the API (no sign-in): status by reference, withdrawal with the codes, a health check."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from server import statuses
from server.api.reference import is_reference
from server.auth import Context
from server.db.models import Submission
from server.errors import ApiError
from server.services.self_withdrawal import TooManyAttemptsError, WrongCodesError, withdraw_with_codes

router = APIRouter(tags=["public"])


class WithdrawBody(BaseModel):
    """``POST /withdraw`` body (``withdrawal_token``: the person's withdrawal code, as typed)."""

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


def client_address(request: Request) -> str:
    """The client's address, for counting attempts (the proxy's address when uvicorn trusts none)."""
    return request.client.host if request.client is not None else "unknown"


@router.post("/withdraw")
def post_withdraw(ctx: Context, request: Request, body: WithdrawBody) -> dict[str, str]:
    """Withdraws a submission: its media is deleted at once and a tombstone kept (rate-limited)."""
    try:
        done = withdraw_with_codes(ctx, client_address(request), body.reference, body.withdrawal_token)
    except TooManyAttemptsError as error:
        raise ApiError(
            429,
            "too_many_attempts",
            "Too many wrong codes were tried. Wait a while, then try again.",
            headers={"Retry-After": str(error.retry_after_s)},
        ) from None
    except WrongCodesError as error:
        if error.unknown_reference:
            raise ApiError(404, "unknown_reference", "There is no submission with this reference.") from None
        raise ApiError(
            403, "wrong_withdrawal_token", "The withdrawal code does not belong to this reference."
        ) from None
    return {"reference": str(done.reference), "status": statuses.WITHDRAWN}
