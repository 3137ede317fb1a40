"""Writes audit trail entries (who did what to which submission) inside the caller's transaction."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from server.db.models import AuditEvent

SUBMITTER = "submitter"
SYSTEM = "system"
#: action of the entry left when a sender discards its open submission (server.services.discard)
DISCARDED = "discarded"


def record(
    session: Session,
    at_utc: datetime,
    actor: str,
    action: str,
    submission_id: str | None = None,
    detail: dict[str, object] | None = None,
) -> None:
    """Adds one audit event; ``detail`` must hold no personal data or secrets."""
    session.add(
        AuditEvent(
            submission_id=submission_id,
            at_utc=at_utc,
            actor=actor,
            action=action,
            detail=json.dumps(detail or {}, sort_keys=True),
        )
    )


def happened(session: Session, submission_id: str, action: str) -> bool:
    """True when the audit trail of ``submission_id`` has an ``action`` entry."""
    found = session.scalar(
        select(exists().where(AuditEvent.submission_id == submission_id, AuditEvent.action == action))
    )
    return bool(found)
