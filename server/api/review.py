"""Review side of the API (reviewer token): sign-in, list, detail, decisions, comments, withdrawal."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from server import statuses
from server.api.public import client_address
from server.auth import Context, ReviewerAuth
from server.errors import ApiError
from server.services import consent_texts, review_actions
from server.services import login as login_service
from server.services.closing import withdraw_on_request
from server.services.review_query import Filters, list_submissions
from server.services.undo_decision import undo_last_decision
from server.services.views import utc_text

router = APIRouter(tags=["review"])

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"
_UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"


def _plain_text(value: str) -> str:
    if _CONTROL_RE.search(value):
        raise ValueError("must not contain control characters")
    return value


def _check_submission_id(submission_id: str) -> None:
    """404 ``unknown_submission`` for a path value that cannot be a submission id (before any query)."""
    if not re.fullmatch(_UUID_PATTERN, submission_id):
        raise ApiError(404, "unknown_submission", "There is no such submission.")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


PlainText = Annotated[str, AfterValidator(_plain_text)]
NoteText = Annotated[str, AfterValidator(_plain_text), AfterValidator(_not_blank)]


class LoginBody(BaseModel):
    """``POST /auth/login`` body."""

    model_config = ConfigDict(extra="forbid", strict=True)
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1024)


class DecisionBody(BaseModel):
    """``POST …/decision`` body."""

    model_config = ConfigDict(extra="forbid", strict=True)
    decision: Literal["approved", "changes_requested", "rejected"]
    note: PlainText = Field(default="", max_length=2000)


class WithdrawOnRequestBody(BaseModel):
    """``POST …/withdraw`` body: why, e.g. how the person asked (no personal details needed)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    note: NoteText = Field(min_length=1, max_length=2000)


class WordingBody(BaseModel):
    """``POST …/wording`` body: why the consent wording of a not-verified submission is known."""

    model_config = ConfigDict(extra="forbid", strict=True)
    reason: NoteText = Field(min_length=1, max_length=2000)


class CommentBody(BaseModel):
    """``POST …/comments`` body."""

    model_config = ConfigDict(extra="forbid", strict=True)
    at_ms: int = Field(ge=0, le=3_600_000)
    text: PlainText = Field(min_length=1, max_length=2000)


@router.post("/auth/login")
async def login(request: Request, ctx: Context, body: LoginBody) -> dict[str, Any]:
    """Signs a reviewer in: a bearer token that expires (attempts are counted per client address)."""
    done = await login_service.login(ctx, client_address(request), body.username, body.password)
    return {"token": done.token, "expires_utc": utc_text(done.expires_utc)}


@router.post("/auth/logout", status_code=204)
def logout(ctx: Context, user: ReviewerAuth) -> Response:
    """Ends the sign-in used for this request."""
    login_service.logout(ctx, user.token_hash)
    return Response(status_code=204)


def parse_when(text: str | None, name: str, *, end_of_day: bool) -> datetime | None:
    """``YYYY-MM-DD`` (a whole day) or an RFC 3339 time; naive times are UTC.

    Raises:
        ApiError: 422 naming the parameter.
    """
    if text is None or text == "":
        return None
    try:
        if len(text) == 10:
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
            value = day.replace(hour=23, minute=59, second=59, microsecond=999999) if end_of_day else day
        else:
            value = datetime.fromisoformat(text)
            value = value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)
    except ValueError:
        raise ApiError(
            422, "invalid_request", f"{name} must be a date (YYYY-MM-DD) or an RFC 3339 time."
        ) from None
    except OverflowError:  # e.g. 9999-12-31T23:59:59-23:59 is in the year 10000 in UTC
        raise ApiError(
            422, "invalid_request", f"{name} must be between the years 1 and 9999 in UTC."
        ) from None
    return value


def filters_from_query(
    status: str | None, prompt_id: str | None, since: str | None, until: str | None, q: str | None
) -> Filters:
    """Checks the list/export query parameters."""
    if status not in (None, "") and status not in statuses.ALL:
        raise ApiError(422, "invalid_request", f"status must be one of: {', '.join(statuses.ALL)}.")
    if q is not None and _CONTROL_RE.search(q):
        raise ApiError(422, "invalid_request", "q must not contain control characters.")
    start = parse_when(since, "since", end_of_day=False)
    end = parse_when(until, "until", end_of_day=True)
    if start is not None and end is not None and start > end:
        raise ApiError(422, "invalid_request", "since must not be after until.")
    return Filters(status=status or None, prompt_id=prompt_id or None, since=start, until=end, q=q or None)


QueryText = Annotated[str | None, Query(max_length=40)]


@router.get("/review/submissions")
def list_(
    ctx: Context,
    _user: ReviewerAuth,
    status: QueryText = None,
    prompt_id: Annotated[str | None, Query(pattern=_ID_PATTERN)] = None,
    since: QueryText = None,
    until: QueryText = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 25,
) -> dict[str, Any]:
    """Submissions matching the filters, newest first, one page at a time, with counts per status."""
    filters = filters_from_query(status, prompt_id, since, until, q)
    return list_submissions(ctx, filters, page, per_page)


@router.get("/review/submissions/{submission_id}")
def get_detail(ctx: Context, _user: ReviewerAuth, submission_id: str) -> dict[str, Any]:
    """The full record of one submission."""
    _check_submission_id(submission_id)
    return review_actions.detail(ctx, submission_id)


@router.post("/review/submissions/{submission_id}/decision")
def post_decision(ctx: Context, user: ReviewerAuth, submission_id: str, body: DecisionBody) -> dict[str, Any]:
    """Approves, requests changes or rejects, with a note; recorded in the audit trail."""
    _check_submission_id(submission_id)
    return review_actions.decide(ctx, user, submission_id, body.decision, body.note)


@router.post("/review/submissions/{submission_id}/decision/undo")
def post_undo_decision(ctx: Context, user: ReviewerAuth, submission_id: str) -> dict[str, Any]:
    """Undoes the reviewer's own last decision: the status goes back; both stay in the audit trail."""
    _check_submission_id(submission_id)
    return undo_last_decision(ctx, user, submission_id)


@router.post("/review/submissions/{submission_id}/withdraw")
def post_withdraw(
    ctx: Context, user: ReviewerAuth, submission_id: str, body: WithdrawOnRequestBody
) -> dict[str, Any]:
    """Withdraws at the person's request: media deleted at once, tombstone kept, audited with the note.

    Idempotent: a submission already withdrawn (by the person or a reviewer) gives 200 with
    ``already_withdrawn: true`` and nothing changes.
    """
    _check_submission_id(submission_id)
    done = withdraw_on_request(ctx, submission_id, user.username, body.note)
    return {
        "submission_id": done.submission_id,
        "reference": done.reference,
        "status": statuses.WITHDRAWN,
        "already_withdrawn": done.already,
        "withdrawn_utc": utc_text(done.withdrawn_utc),
    }


@router.post("/review/submissions/{submission_id}/wording")
def post_wording(ctx: Context, user: ReviewerAuth, submission_id: str, body: WordingBody) -> dict[str, Any]:
    """Records why the consent wording of a submission the server could not verify is known (audited)."""
    _check_submission_id(submission_id)
    return consent_texts.confirm_wording(ctx, user, submission_id, body.reason)


@router.post("/review/takes/{take_id}/comments", status_code=201)
def post_comment(ctx: Context, user: ReviewerAuth, take_id: str, body: CommentBody) -> dict[str, Any]:
    """Adds a timecoded comment to a take."""
    if not re.fullmatch(_ID_PATTERN, take_id):
        raise ApiError(404, "unknown_take", "There is no such take.")
    return {"comment": review_actions.comment(ctx, user, take_id, body.at_ms, body.text)}
