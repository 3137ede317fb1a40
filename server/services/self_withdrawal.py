"""The person withdraws with their reference code and withdrawal code: the public page and the API.

:func:`find_with_codes` checks a pair and says what would be deleted (dates and questions, never the video);
:func:`withdraw_with_codes` checks it again and withdraws: media deleted at once, the same tombstone and
audit entry as a withdrawal by a reviewer (:mod:`server.services.closing`), actor ``submitter``.

Every check is counted against the client's address and the reference (:mod:`withdraw_limits`, in the
database) before anything is looked up; a matching pair is forgiven. Too many and the next attempt is
refused (:class:`TooManyAttemptsError`). A
wrong pair is :class:`WrongCodesError`, which never says which of the two codes was wrong (the API's older
error codes still tell an unknown reference from a wrong code: ``WrongCodesError.unknown_reference``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import statuses
from server.api.reference import reference_from_text
from server.context import ServerContext
from server.db.models import Submission
from server.services import audit, deletions, withdraw_limits
from server.services.closing import Withdrawal, withdraw_locked


class WrongCodesError(Exception):
    """The reference code and withdrawal code do not belong together (or name nothing).

    Attributes:
        unknown_reference: no submission has this reference (for the API's ``unknown_reference``).
    """

    def __init__(self, unknown_reference: bool) -> None:
        super().__init__("The reference code and withdrawal code do not match any submission.")
        self.unknown_reference = unknown_reference


class TooManyAttemptsError(Exception):
    """Too many wrong pairs from this address, or for this reference; ``retry_after_s`` to wait."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"Too many attempts; try again in {retry_after_s} s.")
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Answer:
    """One answer that would be deleted: the question as the person saw it, and its length."""

    question: str
    duration_s: float


@dataclass(frozen=True)
class Found:
    """A submission the codes opened, as the person may see it (nothing about them, no video)."""

    reference: str
    received_utc: datetime | None
    locale: str  # the language the questions were shown in
    answers: tuple[Answer, ...]
    withdrawn_utc: datetime | None  # set when it was withdrawn already


def find_with_codes(ctx: ServerContext, address: str, reference_text: str, code_text: str) -> Found:
    """What withdrawing would delete, once the two codes are checked.

    Raises:
        TooManyAttemptsError: refused before looking (rate limit).
        WrongCodesError: the pair does not match.
    """
    reference = _counted(ctx, address, reference_text)
    with ctx.db.session() as session:
        submission = _matching(ctx, session, address, reference, code_text, lock=False)
        return Found(
            reference=str(submission.reference),
            received_utc=submission.received_utc,
            locale=submission.locale,
            answers=tuple(Answer(take.prompt_text, take.duration_s) for take in submission.takes),
            withdrawn_utc=submission.closed_utc if submission.status == statuses.WITHDRAWN else None,
        )


def withdraw_with_codes(ctx: ServerContext, address: str, reference_text: str, code_text: str) -> Withdrawal:
    """Withdraws (idempotent: a withdrawn one answers ``already``) once the two codes are checked.

    Raises:
        TooManyAttemptsError: refused before looking (rate limit).
        WrongCodesError: the pair does not match; nothing changes.
    """
    reference = _counted(ctx, address, reference_text)
    with ctx.db.session() as session:
        submission = _matching(ctx, session, address, reference, code_text, lock=True)
        outcome = withdraw_locked(ctx, session, submission, audit.SUBMITTER)
    deletions.after_personal_data_removed(ctx)  # a repeat also finishes what a crash left pending
    return outcome


def _counted(ctx: ServerContext, address: str, reference_text: str) -> str | None:
    """The reference code typed (None when malformed), once the attempt is counted and allowed."""
    reference = reference_from_text(reference_text)
    wait_s = withdraw_limits.count_attempt(ctx, address, reference)
    if wait_s is not None:
        raise TooManyAttemptsError(wait_s)
    return reference


def _matching(
    ctx: ServerContext, session: Session, address: str, reference: str | None, code_text: str, *, lock: bool
) -> Submission:
    query = select(Submission).where(Submission.reference == reference)
    submission = session.scalar(query.with_for_update() if lock else query) if reference else None
    if submission is None or reference is None or not ctx.withdrawal_code_matches(submission.id, code_text):
        raise WrongCodesError(unknown_reference=submission is None)
    withdraw_limits.forgive(ctx, session, address, reference)
    return submission
