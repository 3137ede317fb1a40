"""The consent gate every export passes: only approved submissions whose consent stands can leave.

It is checked by the export itself (not only by the button that starts it), against a status fetched from
the server just before exporting, so a withdrawal that arrived after the list was loaded still stops it.
Which channels a person agreed to (e.g. public social media) is shown to the reviewer and written to the
metadata CSV, not enforced here: an export may be meant for the website or staff channels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


class ExportRefusedError(Exception):
    """The export is not allowed; ``str(error)`` explains why in plain English.

    Attributes:
        reason: ``withdrawn``, ``expired`` or ``not_approved`` (for callers that word it themselves).
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ConsentState:
    """What the server says about a submission's consent right now.

    Attributes:
        status: the submission status (CONTRACTS.md section 3).
        expires_utc: when the consent runs out (None: the server gave no expiry).
    """

    status: str
    expires_utc: datetime | None = None


def check_exportable(state: ConsentState, now_utc: datetime | None = None) -> None:
    """Raises :class:`ExportRefusedError` unless the submission may be exported now.

    Args:
        state: the submission's current status and consent.
        now_utc: the time to judge expiry at (tests pass a fixed one); defaults to now.
    """
    now = now_utc or datetime.now(UTC)
    if state.status == "withdrawn":
        raise ExportRefusedError(
            "This person has withdrawn their consent. The video must not be exported or used.", "withdrawn"
        )
    if state.status == "expired" or (state.expires_utc is not None and state.expires_utc <= now):
        raise ExportRefusedError(
            "The consent for this video has expired. It must not be exported or used any more.", "expired"
        )
    if state.status != "approved":
        raise ExportRefusedError(
            "Only approved videos can be exported. Approve this submission first.", "not_approved"
        )
