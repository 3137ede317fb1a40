"""What sending returns or raises: :class:`SendError`, :class:`SendResult` and the progress callback type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from recorder.messages import CodedError, MessageCode, Params
from recorder.upload import TransferProgress

ProgressCallback = Callable[[TransferProgress], None]


class SendError(CodedError):
    """A submission was not sent in this run; ``str(error)`` is plain English.

    Attributes:
        submission_id: which one.
        permanent: True when it was marked failed (a person must act); otherwise it stays queued.
        message_code, message_params: for the translated UI (:mod:`recorder.messages`); a failure of the
            upload or the server's API carries the code of the error it wraps.
    """

    def __init__(
        self,
        message: str,
        submission_id: str,
        *,
        permanent: bool = False,
        code: MessageCode | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.submission_id = submission_id
        self.permanent = permanent


@dataclass(frozen=True)
class SendResult:
    """The outcome of one submission in :meth:`Outbox.send_pending`."""

    submission_id: str
    reference: str | None
    error: str | None
