"""Review errors in the app's language: each kind of :class:`recorder.review.ReviewError` gets its sentence.

The core's messages are English; here each kind maps to a translated sentence. A refusal carries the
server's own plain reason (English, from the server), which is shown as it is.
"""

from __future__ import annotations

from recorder.export import ExportError, ExportRefusedError
from recorder.review import (
    ClipMissingError,
    NotFoundError,
    RefusedError,
    ReviewError,
    ServerFailedError,
    ServerUnreachableError,
    SignedOutError,
    SignInError,
)
from ui.i18n import translate


def error_message(error: BaseException) -> str:
    """A plain sentence for ``error`` in the current language."""
    if isinstance(error, ServerUnreachableError):
        return translate(
            "ReviewErrors",
            "The intake server cannot be reached. Check your network connection, then try again.",
        )
    if isinstance(error, SignedOutError):
        return translate("ReviewErrors", "Your sign-in has ended. Please sign in again.")
    if isinstance(error, ClipMissingError):
        return translate(
            "ReviewErrors",
            "This video is not on the server any more. It may have been withdrawn or its consent expired.",
        )
    if isinstance(error, NotFoundError):
        return translate("ReviewErrors", "This submission is not on the server any more.")
    if isinstance(error, ServerFailedError):
        return translate(
            "ReviewErrors",
            "The intake server had a problem and could not answer. Try again in a minute; if it keeps "
            "happening, tell IT.",
        )
    if isinstance(error, SignInError):
        if error.status == 429:
            return translate(
                "ReviewErrors",
                "Too many wrong passwords. The account is locked for a few minutes; try again later.",
            )
        return translate("ReviewErrors", "The user name or password is not right. Check them and try again.")
    if isinstance(error, ExportRefusedError):
        return export_refusal_message(error)
    if isinstance(error, RefusedError | ReviewError | ExportError):
        return str(error)
    return translate("ReviewErrors", "Something went wrong unexpectedly. Please try again.")


def export_refusal_message(error: ExportRefusedError, person: str = "") -> str:
    """Why an export was refused, in the current language; ``person``: the name to say whose choice it was."""
    if error.reason == "no_social_media":
        if person:
            return translate(
                "ReviewErrors",
                "{person} said No to their video being shared on public social media, so it cannot be "
                "exported for social media. Nothing was saved. You can save a copy for internal use only.",
            ).format(person=person)
        return translate(
            "ReviewErrors",
            "The person said No to their video being shared on public social media, so it cannot be "
            "exported for social media. Nothing was saved. You can save a copy for internal use only.",
        )
    if error.reason == "social_shape_for_internal":
        return translate(
            "ReviewErrors",
            "A copy for internal use only is made in the recorded 16:9 shape. Untick 9:16 and 1:1.",
        )
    if error.reason == "wording_unverified":
        return translate(
            "ReviewErrors",
            "The consent wording this person agreed to is not verified. Record how the wording is known "
            "(in the consent box) before exporting. Nothing was saved.",
        )
    if error.reason == "withdrawn":
        return translate(
            "ReviewErrors", "This person has withdrawn their consent. The video must not be exported or used."
        )
    if error.reason == "expired":
        return translate(
            "ReviewErrors",
            "The consent for this video has expired. It must not be exported or used any more.",
        )
    return translate("ReviewErrors", "Only approved videos can be exported. Approve this submission first.")


def can_retry(error: BaseException) -> bool:
    """Whether a Try again button makes sense for ``error``."""
    return isinstance(error, ReviewError) and error.retryable
