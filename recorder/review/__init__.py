"""Review mode's core: the review API client, token storage in the OS keyring, the local clip proxy.

Qt-free; ui/review is the thin layer on top. Entry point: :class:`ReviewClient`.
"""

from recorder.review.client import CancelledError, ListFilter, ReviewClient
from recorder.review.clip_proxy import ClipProxy
from recorder.review.errors import (
    ClipMissingError,
    NotFoundError,
    RefusedError,
    ReviewError,
    ServerFailedError,
    ServerUnreachableError,
    SignedOutError,
    SignInError,
)
from recorder.review.models import (
    SubmissionDetail,
    SubmissionPage,
    SubmissionSummary,
    TakeInfo,
    Withdrawal,
    Wording,
)
from recorder.review.token_store import StoredSignIn, TokenStore

__all__ = [
    "CancelledError",
    "ClipMissingError",
    "ClipProxy",
    "ListFilter",
    "NotFoundError",
    "RefusedError",
    "ReviewClient",
    "ReviewError",
    "ServerFailedError",
    "ServerUnreachableError",
    "SignInError",
    "SignedOutError",
    "StoredSignIn",
    "SubmissionDetail",
    "SubmissionPage",
    "SubmissionSummary",
    "TakeInfo",
    "TokenStore",
    "Withdrawal",
    "Wording",
]
