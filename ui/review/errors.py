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


def export_refusal_message(error: ExportRefusedError) -> str:
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
