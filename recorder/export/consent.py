"""The consent gate every export passes: only approved submissions whose consent stands, and only for the
uses the person agreed to, can leave.

It is checked by the export itself (not only by the button that starts it), against the state fetched from
the server just before exporting, so a withdrawal that arrived after the list was loaded still stops it.
The rule itself (:func:`recorder.consent_rules.export_refusal`) is the one the server applies again before
it serves the file for an export.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from recorder.consent_rules import Use, export_refusal
from recorder.export.shapes import Shape


class ExportRefusedError(Exception):
    """The export is not allowed; ``str(error)`` explains why in plain English.

    Attributes:
        reason: one of the reasons in :mod:`recorder.consent_rules` (``withdrawn``, ``expired``,
            ``not_approved``, ``wording_unverified``, ``no_social_media``, ``social_shape_for_internal``),
            for callers that word it themselves.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ConsentState:
    """What the server says about a submission's consent right now. No field has a permissive default.

    Attributes:
        status: the submission status (CONTRACTS.md section 3).
        choices: the consent choices recorded with it (``social_media`` decides public social media).
        wording_known: the server verified the consent wording, or a reviewer recorded why it is known.
        expires_utc: when the consent runs out (None: the server gave no expiry).
        expired: the server says the consent has run out (its clock is the one that counts).
    """

    status: str
    choices: Mapping[str, bool]
    wording_known: bool
    expires_utc: datetime | None = None
    expired: bool = False


def check_exportable(
    state: ConsentState,
    now_utc: datetime | None = None,
    *,
    use: Use = Use.SOCIAL,
    shapes: Sequence[Shape] = (),
) -> None:
    """Raises :class:`ExportRefusedError` unless the submission may be exported now for ``use``.

    Args:
        state: the submission's current status and consent.
        now_utc: the time to judge expiry at (tests pass a fixed one); defaults to now.
        use: what the export is for (public social media unless said otherwise).
        shapes: the shapes asked for (an internal copy is 16:9 only).
    """
    now = now_utc or datetime.now(UTC)
    refusal = export_refusal(
        status=state.status,
        expired=state.expired or (state.expires_utc is not None and state.expires_utc <= now),
        choices=state.choices,
        wording_known=state.wording_known,
        use=use,
        social_shapes=any(shape.social_only for shape in shapes),
    )
    if refusal is not None:
        raise ExportRefusedError(refusal.message, refusal.reason)
