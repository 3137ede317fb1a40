"""Plain-English errors of the review client, each saying whether trying again can help.

Like the sending side's errors, each is a :class:`recorder.messages.CodedError`: its English sentence (for
the log, and what the UI shows in English) has a stable :class:`~recorder.messages.MessageCode` (each kind
has its usual one; a raise may give a more precise one), so the UI translates review and sending messages
from one table (``ui/core_messages.py``). The UI offers Retry when ``retryable`` is True, and the sign-in
dialog for :class:`SignedOutError`. Messages never contain tokens, passwords or personal details.
"""

from __future__ import annotations

from typing import ClassVar

from recorder.messages import CodedError, MessageCode, Params
from recorder.net.errors import network_error_message

#: Sentences raised in more than one place.
SIGNED_OUT = "Your sign-in has ended. Please sign in again."
NOT_ON_SERVER = "This submission is not on the server any more."
VIDEO_NOT_ON_SERVER = (
    "This video is not on the server any more. It may have been withdrawn or its consent expired."
)


class ReviewError(CodedError):
    """A review action failed; ``str(error)`` is one or two plain sentences.

    Attributes:
        retryable: trying the same thing again may work (network trouble, a busy server).
        status: the HTTP status the server answered with (None: no answer, or not from HTTP).
        usual_code: the message code of this kind of error when the raise gives none.
    """

    retryable = False
    usual_code: ClassVar[MessageCode | None] = None

    def __init__(
        self,
        message: str,
        status: int | None = None,
        *,
        code: MessageCode | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code or self.usual_code, params=params)
        self.status = status


class ServerUnreachableError(ReviewError):
    """No answer from the intake server (down, wrong address, network or proxy trouble)."""

    retryable = True
    usual_code = MessageCode.CONNECTION_LOST


def unreachable(error: BaseException, url: str) -> ServerUnreachableError:
    """The error for a request to ``url`` that got no answer, worded (and coded) as the sending side does."""
    said = network_error_message(error, url)
    return ServerUnreachableError(said.text + ".", code=said.code, params=said.params)


class ServerFailedError(ReviewError):
    """The server answered with an error of its own (5xx) or something that is not its API."""

    retryable = True
    usual_code = MessageCode.SERVER_FAILED


class SignInError(ReviewError):
    """Wrong user name or password, or the account is locked for a while."""

    usual_code = MessageCode.SIGN_IN_WRONG


class SignedOutError(ReviewError):
    """The sign-in has expired or was ended: sign in again, then retry."""

    retryable = True
    usual_code = MessageCode.SIGNED_OUT


class NotFoundError(ReviewError):
    """The submission or take does not exist (any more) on the server."""

    usual_code = MessageCode.NOT_ON_SERVER


class ClipMissingError(NotFoundError):
    """The video of a take is not on the server (withdrawn, expired or lost)."""

    usual_code = MessageCode.VIDEO_NOT_ON_SERVER


class RefusedError(ReviewError):
    """The server refused the request (4xx other than the above), with its plain reason.

    Attributes:
        code: the server's ``error.code`` (e.g. ``export_refused``), when it sent one.
        reason: the server's ``error.reason`` (an export refusal's reason), when it sent one.
    """

    usual_code = MessageCode.REQUEST_REFUSED

    def __init__(
        self,
        message: str,
        status: int | None = None,
        *,
        code: str | None = None,
        reason: str | None = None,
        message_code: MessageCode | None = None,
    ) -> None:
        # The server's words are English; the translation names them as {reason}.
        super().__init__(message, status, code=message_code, params={"reason": message})
        self.code = code
        self.reason = reason


class TokenStoreError(ReviewError):
    """The sign-in could not be kept in the computer's password store."""

    usual_code = MessageCode.SIGN_IN_NOT_KEPT
