"""The locks port: a per-upload lock a PATCH holds while it writes, a per-submission lock for complete and
discard, and a lock electing the one process that runs a background job. ``LocalLocks`` (one host) and
``PostgresLocks`` (replicas) implement it."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Protocol


class LockTimeoutError(Exception):
    """The upload stayed locked by another request for longer than the wait allowed."""


class UploadGoneError(Exception):
    """The upload's lock is gone: the upload was terminated or expired meanwhile."""


class Locks(Protocol):
    """Serialises writers of one upload, complete/discard of one submission, and runs of a background job."""

    def prepare(self, upload_id: str) -> None:
        """Readies the lock of a new upload."""

    def forget(self, upload_id: str) -> None:
        """Drops the lock of an upload that ended (a later waiter may get UploadGoneError)."""

    def hold(self, upload_id: str, timeout_s: float) -> AbstractAsyncContextManager[None]:
        """Holds the upload's lock for the body of an ``async with``.

        Raises:
            LockTimeoutError: not free within ``timeout_s``.
            UploadGoneError: the upload no longer exists.
        """

    def try_hold(self, upload_id: str) -> AbstractContextManager[bool]:
        """Takes the upload's lock if it is free now (blocking code: purge, expiry); yields whether it did."""

    def elect(self, job: str) -> AbstractContextManager[bool]:
        """Takes the lock of a background job (the timed purge) if no process, on any replica, holds it
        now; yields whether this process runs the job. Blocking code."""

    def submission(self, submission_id: str) -> AbstractContextManager[None]:
        """Holds the submission's lock (blocking code: complete, discard), waiting as long as it takes."""

    def close(self) -> None:
        """Releases pooled connections."""
