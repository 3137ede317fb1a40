"""Review errors in the app's language.

A :class:`recorder.review.ReviewError` carries a message code like the sending side's errors, and is shown
through the one table of the core's messages (:func:`ui.core_messages.error_text`); a refusal names the
server's own plain reason (English, from the server). An export refusal says why, with the person's name.
"""

from __future__ import annotations

from recorder.export import ExportError, ExportRefusedError
from recorder.review import ReviewError
from ui.core_messages import error_text
from ui.i18n import translate


def error_message(error: BaseException) -> str:
    """A plain sentence for ``error`` in the current language."""
    if isinstance(error, ExportRefusedError):
        return export_refusal_message(error)
    if isinstance(error, ReviewError):
        return error_text(error)  # one table for the core's messages: the sending side's and review's
    if isinstance(error, ExportError):
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
