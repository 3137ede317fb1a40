"""What sending returns or raises: :class:`SendError`, :class:`SendResult` and the progress callback type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from recorder.upload import TransferProgress

ProgressCallback = Callable[[TransferProgress], None]


class SendError(Exception):
    """A submission was not sent in this run; ``str(error)`` is plain English.

    Attributes:
        submission_id: which one.
        permanent: True when it was marked failed (a person must act); otherwise it stays queued.
    """

    def __init__(self, message: str, submission_id: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.submission_id = submission_id
        self.permanent = permanent


@dataclass(frozen=True)
class SendResult:
    """The outcome of one submission in :meth:`Outbox.send_pending`."""

    submission_id: str
    reference: str | None
    error: str | None
