"""A take's video served for an export: the consent rule checked on the server too, the file labelled.

The review app exports through ``GET /api/v1/review/takes/{take_id}/export?use=social|internal``, not through
the player's stream, so the server applies the same rule as the app (:mod:`recorder.consent_rules`) to
everything it hands out for an export: approved, consent current, wording known, and public social media only
with the person's Yes. A file for internal use is named ``…_INTERNAL-ONLY.mp4``. Each download that starts at
the first byte is audited (``export_download`` with the take and the use).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from recorder.consent_rules import INTERNAL_ONLY, Use, export_refusal
from server.auth import ReviewerUser
from server.context import ServerContext
from server.db.models import Take
from server.errors import ApiError
from server.services import audit, consent_texts
from server.services.closing import check_reviewable, consent_expired
from server.services.review_actions import open_media
from server.storage.port import OpenedMedia


@dataclass(frozen=True)
class ExportFile:
    """The opened video and the file name it is served under."""

    opened: OpenedMedia
    filename: str


def open_for_export(
    ctx: ServerContext, user: ReviewerUser, take_id: str, use: Use, *, first_byte: bool
) -> ExportFile:
    """Checks the export rule, then opens the take's video as :func:`open_media` does.

    Args:
        first_byte: the request starts at byte 0 (not a resumed download): it is audited.

    Raises:
        ApiError: 404 unknown take; 410 withdrawn / consent expired; 409 not received; 403
            ``export_refused`` with ``error.reason`` (:mod:`recorder.consent_rules`).
    """
    with ctx.db.session() as session:
        take = session.scalar(select(Take).where(Take.take_id == take_id))
        if take is None:
            raise ApiError(404, "unknown_take", "There is no such take.")
        submission = take.submission
        check_reviewable(ctx, submission)
        refusal = export_refusal(
            status=submission.status,
            expired=consent_expired(ctx, submission),
            choices=json.loads(submission.consent_choices_json),
            wording_known=consent_texts.wording_known(session, submission),
            use=use,
        )
        if refusal is not None:
            raise ApiError(403, "export_refused", refusal.message, extra={"reason": refusal.reason})
        label = f"_{INTERNAL_ONLY}" if use is Use.INTERNAL else ""
        filename = f"{submission.reference}_{take.prompt_id}{label}.mp4"
        if first_byte:
            audit.record(session, ctx.now(), user.username, "export_download", submission.id,
                         {"take_id": take_id, "use": use.value})  # fmt: skip
    return ExportFile(open_media(ctx, take_id, "video"), filename)
