"""Writes audit trail entries (who did what to which submission) inside the caller's transaction."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import Session

from server.db.models import AuditEvent

SUBMITTER = "submitter"
SYSTEM = "system"


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
