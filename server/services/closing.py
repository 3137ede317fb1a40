"""Withdrawal and consent expiry: delete a submission's media at once and keep only a tombstone."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from server import statuses
from server.context import ServerContext
from server.db.models import Comment, Submission
from server.errors import ApiError
from server.services import audit, deletions

log = logging.getLogger(__name__)


def consent_expired(ctx: ServerContext, submission: Submission, now: datetime | None = None) -> bool:
    """True when the consent was given longer ago than the server keeps it valid."""
    limit = timedelta(days=ctx.settings.consent_valid_days)
    return (now or ctx.now()) >= submission.consent_given_utc + limit


def close_submission(
    ctx: ServerContext,
    session: Session,
    submission: Submission,
    status: str,
    actor: str,
    detail: dict[str, object] | None = None,
) -> None:
    """Turns a submission into a tombstone (status, reference, dates, consent record, take ids and hashes).

    The person's details, the manifest text and prompt texts are cleared and reviewer comments deleted
    (they describe the clip); decisions and the audit trail stay. The media files are scheduled for
    deletion in the same transaction; the caller carries that out once it has committed
    (:func:`server.services.deletions.after_personal_data_removed`).

    Args:
        ctx: the server context.
        session: the caller's transaction (the submission row is locked in it).
        submission: the submission to close.
        status: ``withdrawn`` or ``expired``.
        actor: who closed it, for the audit trail (``submitter``, ``system`` or a reviewer's name).
        detail: more for the audit entry (e.g. the reviewer's note); never personal data or secrets.
    """
    media_ids = [take.media_id for take in submission.takes if take.media_id]
    now = ctx.now()
    submission.status = status
    submission.closed_utc = now
    submission.person_json = None
    submission.contact_email = None
    submission.contact_phone = None
    submission.manifest_json = None
    submission.search_text = (submission.reference or "").lower()
    for take in submission.takes:
        take.media_id = None
        take.prompt_text = ""
        session.execute(delete(Comment).where(Comment.take_pk == take.id))
    deletions.schedule(session, now, deletions.MEDIA, media_ids)
    audit.record(
        session, now, actor, status, submission.id, {**(detail or {}), "media_files": len(media_ids)}
    )
    log.info(
        "Submission %s %s; %d media file(s) deleted",
        submission.reference or "(no reference)",
        status,
        len(media_ids),
    )


def check_reviewable(ctx: ServerContext, submission: Submission) -> None:
    """Raises unless reviewers may act on (and watch) this submission now.

    Raises:
        ApiError: 410 ``withdrawn`` / ``consent_expired``; 409 ``not_received`` for an open one.
    """
    if submission.status == statuses.WITHDRAWN:
        raise ApiError(410, "withdrawn", "This submission was withdrawn; its videos were deleted.")
    if submission.status == statuses.EXPIRED or consent_expired(ctx, submission):
        raise ApiError(410, "consent_expired", "The consent for this submission has expired.")
    if submission.status not in statuses.REVIEWABLE:
        raise ApiError(409, "not_received", "This submission has not been completely received yet.")


@dataclass(frozen=True)
class Withdrawal:
    """The outcome of a withdrawal.

    Attributes:
        submission_id: the submission's id.
        reference: its reference code (None for one never completed).
        already: True when it had been withdrawn before (nothing was changed this time).
        withdrawn_utc: when it was withdrawn.
    """

    submission_id: str
    reference: str | None
    already: bool
    withdrawn_utc: datetime | None


def withdraw_locked(
    ctx: ServerContext,
    session: Session,
    submission: Submission,
    actor: str,
    detail: dict[str, object] | None = None,
) -> Withdrawal:
    """Withdraws a row-locked submission inside the caller's transaction (idempotent); its media files are
    scheduled for deletion in it, which the caller carries out once it has committed
    (:func:`server.services.deletions.after_personal_data_removed`)."""
    if submission.status == statuses.WITHDRAWN:
        return Withdrawal(submission.id, submission.reference, True, submission.closed_utc)
    close_submission(ctx, session, submission, statuses.WITHDRAWN, actor, detail)
    return Withdrawal(submission.id, submission.reference, False, submission.closed_utc)


def locked_submission(session: Session, submission_id: str) -> Submission:
    """The submission's row, locked for the caller's change; 404 ``unknown_submission`` when there is none."""
    submission: Submission | None = session.get(Submission, submission_id, with_for_update=True)
    if submission is None:
        raise ApiError(404, "unknown_submission", "There is no such submission.")
    return submission


def reviewable_submission(ctx: ServerContext, session: Session, submission_id: str) -> Submission:
    """The submission's row, locked, when a reviewer may still act on it (:func:`check_reviewable`)."""
    submission = locked_submission(session, submission_id)
    check_reviewable(ctx, submission)
    return submission


def withdraw_on_request(ctx: ServerContext, submission_id: str, reviewer: str, note: str) -> Withdrawal:
    """A reviewer withdraws a submission because the person asked (e.g. read out their reference code).

    The same tombstone as the person's own withdrawal (``server.services.self_withdrawal``); the audit
    entry names the reviewer and keeps their note. Idempotent: withdrawing a withdrawn submission changes
    nothing and says ``already``.

    Raises:
        ApiError: 404 unknown submission; 409 ``not_received`` for one still being sent.
    """
    with ctx.db.session() as session:
        submission = locked_submission(session, submission_id)
        if submission.status == statuses.OPEN:
            raise ApiError(
                409, "not_received", "This submission has not been completely received yet, so it has no "
                "reference code. Try again once it has arrived.",
            )  # fmt: skip
        outcome = withdraw_locked(ctx, session, submission, reviewer, {"on_request": True, "note": note})
    deletions.after_personal_data_removed(ctx)  # a repeat also finishes what a crash left pending
    return outcome
