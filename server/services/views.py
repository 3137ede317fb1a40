"""Turns database rows into the JSON shapes of the review API (person as shared, consent, takes)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from server import statuses
from server.context import ServerContext
from server.db.models import Decision, Submission, Take


def utc_text(value: datetime | None) -> str | None:
    """RFC 3339 with a Z, or None."""
    if value is None:
        return None
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def person(submission: Submission) -> dict[str, Any]:
    """The person's details exactly as they chose to share them ({} once withdrawn or expired)."""
    shared: dict[str, Any] = json.loads(submission.person_json) if submission.person_json else {}
    return shared


def contact(submission: Submission) -> dict[str, str]:
    """How to reach the person, as they gave it ({} when not given, or once withdrawn or expired)."""
    found = {"email": submission.contact_email, "phone": submission.contact_phone}
    return {key: value for key, value in found.items() if value}


def consent(ctx: ServerContext, submission: Submission) -> dict[str, Any]:
    """The full consent record plus whether it has expired."""
    expires = submission.consent_given_utc + timedelta(days=ctx.settings.consent_valid_days)
    return {
        "version_id": submission.consent_version_id,
        "text_sha256": submission.consent_text_sha256,
        "choices": json.loads(submission.consent_choices_json),
        "given_utc": utc_text(submission.consent_given_utc),
        "expires_utc": utc_text(expires),
        "expired": ctx.now() >= expires,
    }


def media_available(ctx: ServerContext, submission: Submission, take: Take) -> bool:
    """True when the take can be watched: received, not withdrawn, consent still valid, file present."""
    return (
        submission.status in statuses.REVIEWABLE
        and take.media_id is not None
        and not consent(ctx, submission)["expired"]
    )


def take_summary(ctx: ServerContext, submission: Submission, take: Take) -> dict[str, Any]:
    """One take as listed in a submission."""
    available = media_available(ctx, submission, take)
    base = f"/api/v1/review/takes/{take.take_id}"
    return {
        "take_id": take.take_id,
        "prompt_id": take.prompt_id,
        "prompt_text": take.prompt_text,
        "duration_s": take.duration_s,
        "size_bytes": take.size_bytes,
        "sha256": take.sha256,
        "check": json.loads(take.check_json),
        "available": available,
        "video_url": f"{base}/video" if available else None,
        "poster_url": f"{base}/poster" if available else None,
    }


def decision(row: Decision) -> dict[str, Any]:
    """One decision with who made it."""
    return {
        "decision": row.decision,
        "note": row.note,
        "reviewer": row.reviewer.username,
        "created_utc": utc_text(row.created_utc),
    }


def summary(
    ctx: ServerContext, submission: Submission, last_decision: Decision | None = None
) -> dict[str, Any]:
    """A submission as listed."""
    return {
        "submission_id": submission.id,
        "reference": submission.reference,
        "status": submission.status,
        "campaign_id": submission.campaign_id,
        "locale": submission.locale,
        "created_utc": utc_text(submission.created_utc),
        "received_utc": utc_text(submission.received_utc),
        "person": person(submission),
        "consent_expired": consent(ctx, submission)["expired"],
        "takes": [
            {"take_id": t.take_id, "prompt_id": t.prompt_id, "duration_s": t.duration_s}
            for t in submission.takes
        ],
        "last_decision": decision(last_decision) if last_decision is not None else None,
    }
