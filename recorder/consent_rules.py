"""What a person's consent lets their video be used for: the one export rule the app and the server share.

A video leaves the system only through an export, and every export checks :func:`export_refusal` first:
the review app before it downloads anything (``recorder.export``), and the intake server before it serves
the file for an export (``GET /api/v1/review/takes/{take_id}/export``). The rule, in order:

1. withdrawn → never; consent expired → never; not approved → not yet.
2. The consent wording must be known: the server holds the exact text the person was shown (its SHA-256
   matches), or a reviewer has recorded why the wording is known (submissions from before the campaign's
   consent texts were published on the server).
3. Public social media (:attr:`Use.SOCIAL`, every export shape) only when the person said Yes to the
   ``social_media`` choice. A consent record without that choice counts as No.
4. Internal communications (:attr:`Use.INTERNAL`) in the recorded shape (16:9) only, and every file and
   metadata sheet made for it is labelled :data:`INTERNAL_ONLY`.

Qt-free and dependency-free, so the server can import it without the export's OpenCV and ffmpeg.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

#: The consent choice id that covers public social media (campaign packs use it for that choice).
SOCIAL_MEDIA_CHOICE = "social_media"
#: Put in the name of every file exported for internal use only, and in its metadata sheet.
INTERNAL_ONLY = "INTERNAL-ONLY"


class Use(enum.Enum):
    """What an export is for. The value is what the API and the metadata sheet say."""

    SOCIAL = "social"  # public social media: every export shape
    INTERNAL = "internal"  # internal communications only (intranet, staff screens): labelled so

    @property
    def sheet_text(self) -> str:
        """The metadata sheet's ``use`` cell."""
        if self is Use.INTERNAL:
            return f"{INTERNAL_ONLY}: internal communications only, not for public social media"
        return "public social media and internal communications"


#: Refusal reasons (``ExportRefusedError.reason`` in the app, ``error.code`` ``export_refused`` + reason on
#: the server). Never renamed, only added.
WITHDRAWN = "withdrawn"
EXPIRED = "expired"
NOT_APPROVED = "not_approved"
WORDING_UNVERIFIED = "wording_unverified"
NO_SOCIAL_MEDIA = "no_social_media"
SOCIAL_SHAPE_FOR_INTERNAL = "social_shape_for_internal"


@dataclass(frozen=True)
class Refusal:
    """Why an export may not happen: a stable reason and a plain English sentence."""

    reason: str
    message: str


def social_media_allowed(choices: Mapping[str, object]) -> bool:
    """Whether the person said Yes to public social media (a missing choice is No)."""
    return choices.get(SOCIAL_MEDIA_CHOICE) is True


def widest_use(choices: Mapping[str, object]) -> Use:
    """The widest use the person agreed to: public social media, or internal communications only."""
    return Use.SOCIAL if social_media_allowed(choices) else Use.INTERNAL


def export_refusal(
    *,
    status: str,
    expired: bool,
    choices: Mapping[str, object],
    wording_known: bool,
    use: Use,
    social_shapes: bool = False,
) -> Refusal | None:
    """None when the export may go ahead, else why not (module docstring for the rule).

    Args:
        status: the submission's status now (CONTRACTS.md section 3).
        expired: the consent has run out (the server's verdict, or the expiry time has passed).
        choices: the consent choices recorded with the submission.
        wording_known: the server verified the wording, or a reviewer recorded why it is known.
        use: what the export is for.
        social_shapes: the export asks for a shape made only for social media feeds (9:16, 1:1).
    """
    if status == "withdrawn":
        return Refusal(
            WITHDRAWN, "This person has withdrawn their consent. The video must not be exported or used."
        )
    if status == "expired" or expired:
        return Refusal(
            EXPIRED, "The consent for this video has expired. It must not be exported or used any more."
        )
    if status != "approved":
        return Refusal(NOT_APPROVED, "Only approved videos can be exported. Approve this submission first.")
    if not wording_known:
        return Refusal(
            WORDING_UNVERIFIED,
            "The consent wording this person agreed to is not verified: the server does not hold the exact "
            "text they were shown. Record why the wording is known before exporting.",
        )
    if use is Use.SOCIAL and not social_media_allowed(choices):
        return Refusal(
            NO_SOCIAL_MEDIA,
            "The person said No to their video being shared on public social media, so it cannot be "
            "exported for social media. A copy for internal use only can still be saved.",
        )
    if use is Use.INTERNAL and social_shapes:
        return Refusal(
            SOCIAL_SHAPE_FOR_INTERNAL,
            "A copy for internal use only is made in the recorded 16:9 shape; 9:16 and 1:1 are made for "
            "social media feeds.",
        )
    return None
