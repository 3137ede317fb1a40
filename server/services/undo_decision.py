"""Undoing the last decision on a submission: the status goes back, and the audit trail keeps both the
decision and its undoing (nothing is deleted or edited)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from server.auth import ReviewerUser
from server.context import ServerContext
from server.db.models import AuditEvent
from server.errors import ApiError
from server.services import audit
from server.services.closing import reviewable_submission

DECIDED = "decision"
UNDONE = "decision_undone"


def undo_last_decision(ctx: ServerContext, user: ReviewerUser, submission_id: str) -> dict[str, Any]:
    """Puts the submission back to its status before its last decision, if that decision is still the last
    thing decided on it and was made by ``user``; recorded as ``decision_undone`` in the audit trail."""
    now = ctx.now()
    with ctx.db.session() as session:
        submission = reviewable_submission(ctx, session, submission_id)
        last = session.scalar(
            select(AuditEvent)
            .where(AuditEvent.submission_id == submission_id, AuditEvent.action.in_((DECIDED, UNDONE)))
            .order_by(AuditEvent.id.desc())
            .limit(1)
        )
        change = json.loads(last.detail or "{}") if last is not None else {}
        if last is None or last.action != DECIDED or submission.status != change.get("to"):
            raise ApiError(409, "nothing_to_undo", "There is no decision to undo.")
        if last.actor != user.username:
            raise ApiError(
                409, "not_your_decision", "Only the reviewer who made the last decision can undo it."
            )
        previous = str(change["from"])
        submission.status = previous
        audit.record(
            session, now, user.username, UNDONE, submission_id, {"from": change["to"], "to": previous}
        )
        session.flush()
        return {"submission_id": submission_id, "status": previous}
