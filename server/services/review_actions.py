"""Review detail and actions: full record with audit trail, decisions, timecoded comments, media access."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from server.auth import ReviewerUser
from server.context import ServerContext
from server.db.models import AuditEvent, Comment, Decision, Submission, Take
from server.errors import ApiError
from server.services import audit, consent_texts, views
from server.services.closing import check_reviewable, reviewable_submission
from server.storage.port import OpenedMedia


def _submission(session: Any, submission_id: str) -> Submission:
    submission: Submission | None = session.get(Submission, submission_id)
    if submission is None:
        raise ApiError(404, "unknown_submission", "There is no such submission.")
    return submission


def _comment(row: Comment, take_id: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "take_id": take_id,
        "at_ms": row.at_ms,
        "text": row.text,
        "reviewer": row.reviewer.username,
        "created_utc": views.utc_text(row.created_utc),
    }


def detail(ctx: ServerContext, submission_id: str) -> dict[str, Any]:
    """The full record: manifest fields, person, consent, takes, decisions, comments and audit trail."""
    with ctx.db.session() as session:
        submission = _submission(session, submission_id)
        manifest = json.loads(submission.manifest_json) if submission.manifest_json else {}
        takes = [views.take_summary(ctx, submission, take) for take in submission.takes]
        take_ids = {take.id: take.take_id for take in submission.takes}
        comments = session.scalars(
            select(Comment)
            .where(Comment.take_pk.in_(take_ids))
            .order_by(Comment.take_pk, Comment.at_ms, Comment.id)
        ).all()
        decisions = session.scalars(
            select(Decision).where(Decision.submission_id == submission_id).order_by(Decision.id)
        ).all()
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.submission_id == submission_id).order_by(AuditEvent.id)
        ).all()
        return {
            "submission_id": submission.id,
            "reference": submission.reference,
            "status": submission.status,
            "schema": manifest.get("schema", 1),
            "campaign_id": submission.campaign_id,
            "app_version": submission.app_version,
            "locale": submission.locale,
            "created_utc": views.utc_text(submission.created_utc),
            "posted_utc": views.utc_text(submission.posted_utc),
            "received_utc": views.utc_text(submission.received_utc),
            "closed_utc": views.utc_text(submission.closed_utc),
            "person": views.person(submission),
            "contact": views.contact(submission),  # reviewers only: never listed or exported
            "consent": {
                **views.consent(ctx, submission),
                "wording": consent_texts.wording_view(session, submission),
            },
            "takes": takes,
            "decisions": [views.decision(row) for row in decisions],
            "comments": [_comment(row, take_ids[row.take_pk]) for row in comments],
            "audit": [
                {
                    "at_utc": views.utc_text(event.at_utc),
                    "actor": event.actor,
                    "action": event.action,
                    "detail": json.loads(event.detail or "{}"),
                }
                for event in events
            ],
        }


def decide(
    ctx: ServerContext, user: ReviewerUser, submission_id: str, choice: str, note: str
) -> dict[str, Any]:
    """Records a decision (approved / changes requested / rejected) with its note in the audit trail."""
    now = ctx.now()
    with ctx.db.session() as session:
        submission = reviewable_submission(ctx, session, submission_id)
        previous = submission.status
        row = Decision(
            submission_id=submission_id, reviewer_id=user.id, decision=choice, note=note, created_utc=now
        )
        session.add(row)
        submission.status = choice
        audit.record(session, now, user.username, "decision", submission_id, {"from": previous, "to": choice})
        session.flush()
        return {"submission_id": submission_id, "status": choice, "decision": views.decision(row)}


def comment(ctx: ServerContext, user: ReviewerUser, take_id: str, at_ms: int, text: str) -> dict[str, Any]:
    """Adds a timecoded comment to a take (``at_ms`` within the take)."""
    now = ctx.now()
    with ctx.db.session() as session:
        take = session.scalar(select(Take).where(Take.take_id == take_id))
        if take is None:
            raise ApiError(404, "unknown_take", "There is no such take.")
        check_reviewable(ctx, take.submission)
        if at_ms > round(take.duration_s * 1000):
            raise ApiError(422, "invalid_request", "The comment's time (at_ms) is after the end of the take.")
        row = Comment(take_pk=take.id, reviewer_id=user.id, at_ms=at_ms, text=text, created_utc=now)
        session.add(row)
        audit.record(
            session, now, user.username, "comment", take.submission_id, {"take_id": take_id, "at_ms": at_ms}
        )
        session.flush()
        return _comment(row, take_id)


def _media_id_if_watchable(ctx: ServerContext, take_id: str) -> str:
    with ctx.db.session() as session:
        take = session.scalar(select(Take).where(Take.take_id == take_id))
        if take is None:
            raise ApiError(404, "unknown_take", "There is no such take.")
        check_reviewable(ctx, take.submission)
        media_id = take.media_id
    if media_id is None:
        raise ApiError(404, "no_media", "This take has no video on the server.")
    return media_id


def open_media(ctx: ServerContext, take_id: str, kind: str) -> OpenedMedia:
    """Opens the video or poster of a take if it may be watched (410 for withdrawn or consent-expired).

    The file is opened between two checks of the database, so a withdrawal landing at any moment gives a
    clean 410 (or, once the file is open and still allowed, the response streams from the open handle
    even if the name is deleted meanwhile), never a half-sent response or a 500.
    """
    media_id = _media_id_if_watchable(ctx, take_id)
    opened: OpenedMedia | None
    try:
        opened = ctx.storage.open_media(media_id, kind)
    except FileNotFoundError:
        opened = None
    try:
        still = _media_id_if_watchable(ctx, take_id)  # withdrawn (or replaced) between check and open?
        if opened is None or still != media_id:
            raise ApiError(404, "no_media", "This take's file is missing on the server.")
        return opened
    except BaseException:
        if opened is not None:
            opened.close()
        raise
