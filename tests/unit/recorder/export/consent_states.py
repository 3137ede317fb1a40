"""Consent states for export tests: approved with every choice Yes unless a test says otherwise."""

from __future__ import annotations

from datetime import datetime

from recorder.export import ConsentState


def approved_consent(
    status: str = "approved",
    *,
    social_media: bool = True,
    wording_known: bool = True,
    expires_utc: datetime | None = None,
) -> ConsentState:
    """A consent state as the server would give it (``status`` approved unless said otherwise)."""
    return ConsentState(
        status=status,
        choices={"record_and_use": True, "social_media": social_media},
        wording_known=wording_known,
        expires_utc=expires_utc,
    )
