"""Withdrawal and consent expiry: delete a submission's media at once and keep only a tombstone."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server import statuses
from server.context import ServerContext
from server.db.models import Comment, Submission
from server.errors import ApiError
from server.services import audit

log = logging.getLogger(__name__)


def consent_expired(ctx: ServerContext, submission: Submission, now: datetime | None = None) -> bool:
    """True when the consent was given longer ago than the server keeps it valid."""
    limit = timedelta(days=ctx.settings.consent_valid_days)
    return (now or ctx.now()) >= submission.consent_given_utc + limit


def close_submission(
    ctx: ServerContext, session: Session, submission: Submission, status: str, actor: str
) -> list[str]:
    """Turns a submission into a tombstone (status, reference, dates, consent record, take ids and hashes).

    The person's details, the manifest text and prompt texts are cleared and reviewer comments deleted
    (they describe the clip); decisions and the audit trail stay.

    Returns:
        The media ids whose files the caller deletes once the transaction has committed.
    """
    media_ids = [take.media_id for take in submission.takes if take.media_id]
    now = ctx.now()
    submission.status = status
    submission.closed_utc = now
    submission.person_json = None
    submission.manifest_json = None
    submission.search_text = (submission.reference or "").lower()
    for take in submission.takes:
        take.media_id = None
        take.prompt_text = ""
        session.execute(delete(Comment).where(Comment.take_pk == take.id))
    audit.record(session, now, actor, status, submission.id, {"media_files": len(media_ids)})
    log.info(
        "Submission %s %s; %d media file(s) deleted",
        submission.reference or "(no reference)",
        status,
        len(media_ids),
    )
    return media_ids


def withdraw(ctx: ServerContext, reference: str, token: str) -> str:
    """Withdraws by reference + withdrawal token: media deleted at once, tombstone kept (idempotent).

    Raises:
        ApiError: 404 unknown reference; 403 wrong token.
    """
    with ctx.db.session() as session:
        submission = session.scalar(
            select(Submission).where(Submission.reference == reference.strip().upper()).with_for_update()
        )
        if submission is None:
            raise ApiError(404, "unknown_reference", "There is no submission with this reference.")
        if not ctx.withdrawal_token_matches(submission.id, token):
            raise ApiError(
                403, "wrong_withdrawal_token", "The withdrawal token does not belong to this reference."
            )
        if submission.status == statuses.WITHDRAWN:
            return statuses.WITHDRAWN
        media_ids = close_submission(ctx, session, submission, statuses.WITHDRAWN, audit.SUBMITTER)
    for media_id in media_ids:
        ctx.storage.delete_media(media_id)
    return statuses.WITHDRAWN
