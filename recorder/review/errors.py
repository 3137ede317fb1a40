"""Plain-English errors of the review client, each saying whether trying again can help.

The UI shows ``str(error)`` with a Retry button when ``retryable`` is True, and the sign-in dialog for
:class:`SignedOutError`. Messages never contain tokens, passwords or personal details.
"""

from __future__ import annotations


class ReviewError(Exception):
    """A review action failed; ``str(error)`` is one or two plain sentences.

    Attributes:
        retryable: trying the same thing again may work (network trouble, a busy server).
        status: the HTTP status the server answered with (None: no answer, or not from HTTP).
    """

    retryable = False

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ServerUnreachableError(ReviewError):
    """No answer from the intake server (down, wrong address, network or proxy trouble)."""

    retryable = True


class ServerFailedError(ReviewError):
    """The server answered with an error of its own (5xx) or something that is not its API."""

    retryable = True


class SignInError(ReviewError):
    """Wrong user name or password, or the account is locked for a while."""


class SignedOutError(ReviewError):
    """The sign-in has expired or was ended: sign in again, then retry."""

    retryable = True


class NotFoundError(ReviewError):
    """The submission or take does not exist (any more) on the server."""


class ClipMissingError(NotFoundError):
    """The video of a take is not on the server (withdrawn, expired or lost)."""


class RefusedError(ReviewError):
    """The server refused the request (4xx other than the above), with its plain reason.

    Attributes:
        code: the server's ``error.code`` (e.g. ``export_refused``), when it sent one.
        reason: the server's ``error.reason`` (an export refusal's reason), when it sent one.
    """

    def __init__(
        self, message: str, status: int | None = None, *, code: str | None = None, reason: str | None = None
    ) -> None:
        super().__init__(message, status)
        self.code = code
        self.reason = reason


class TokenStoreError(ReviewError):
    """The sign-in could not be kept in the computer's password store."""
