"""Locks on one host: an asyncio lock per upload in this process plus flock across its worker processes.

A PATCH holds the upload's lock from the offset check until its bytes are committed, so two PATCHes to the
same upload never interleave: the second waits, then sees the new offset (and gets 409 if it no longer
matches). The in-process lock queues requests fairly without polling; the ``flock`` on ``<id>.lock`` in the
data folder's ``uploads/`` also serialises uvicorn workers in other processes (polled, as flock cannot be
awaited). On platforms without ``fcntl`` (Windows, where only the single-process demo server runs) the
in-process lock is the only one. Submissions are serialised by a lock per submission in this process (the
database's row locks keep other processes correct; with replicas, ``PostgresLocks`` does both). A background
job is run by whichever worker holds the flock on ``<data>/<job>.lock``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import weakref
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

from server.locks.port import LockTimeoutError, UploadGoneError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FLOCK_POLL_S = 0.02


class LocalLocks:
    """Per-upload locks (entries dropped when nobody holds or waits for them) and per-submission locks."""

    def __init__(self, lock_dir: Path) -> None:
        self.lock_dir = lock_dir
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}
        self._submissions: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
        self._guard = threading.Lock()

    def lock_path(self, upload_id: str) -> Path:
        """The lock file of an upload (made with it; never re-created after it ended)."""
        return self.lock_dir / f"{upload_id}.lock"

    def prepare(self, upload_id: str) -> None:
        """Creates the upload's lock file."""
        self.lock_path(upload_id).touch(mode=0o600)

    def forget(self, upload_id: str) -> None:
        """Deletes the upload's lock file: a request still waiting then gets UploadGoneError."""
        self.lock_path(upload_id).unlink(missing_ok=True)

    @contextlib.asynccontextmanager
    async def hold(self, upload_id: str, timeout_s: float) -> AsyncIterator[None]:
        """Holds the upload's lock for the body of the ``async with``.

        Raises:
            LockTimeoutError: the lock was not free within ``timeout_s``.
            UploadGoneError: the upload's lock file no longer exists.
        """
        lock = self._locks.setdefault(upload_id, asyncio.Lock())
        self._users[upload_id] = self._users.get(upload_id, 0) + 1
        try:
            try:
                await asyncio.wait_for(lock.acquire(), timeout_s)
            except TimeoutError:
                raise LockTimeoutError from None
            try:
                fd = await _flock(self.lock_path(upload_id), timeout_s)
                try:
                    yield
                finally:
                    _unflock(fd)
            finally:
                lock.release()
        finally:
            self._users[upload_id] -= 1
            if self._users[upload_id] == 0:
                del self._users[upload_id]
                self._locks.pop(upload_id, None)

    @contextlib.contextmanager
    def try_hold(self, upload_id: str) -> Iterator[bool]:
        """Takes the flock if no request (in any worker) holds it now; False also when the file is gone."""
        if upload_id in self._users:
            yield False
            return
        if fcntl is None:  # pragma: no cover - Windows: the in-process check is all there is
            yield True
            return
        try:
            fd = os.open(self.lock_path(upload_id), os.O_RDWR)
        except FileNotFoundError:
            yield True  # nothing can be writing to an upload whose lock file is gone
            return
        with _flock_if_free(fd) as got:
            yield got

    @contextlib.contextmanager
    def elect(self, job: str) -> Iterator[bool]:
        """A flock on ``<job>.lock`` beside the data folder's ``uploads/``: one worker process of this host
        runs the job at a time (True), the others skip it (False)."""
        if fcntl is None:  # pragma: no cover - Windows: one process only
            yield True
            return
        fd = os.open(self.lock_dir.parent / f"{job}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        with _flock_if_free(fd) as got:
            yield got

    @contextlib.contextmanager
    def submission(self, submission_id: str) -> Iterator[None]:
        """The in-process lock that serialises complete (and discard) of one submission."""
        with self._guard:
            lock = self._submissions.get(submission_id)
            if lock is None:
                lock = threading.Lock()
                self._submissions[submission_id] = lock
        with lock:
            yield

    def close(self) -> None:
        """Nothing pooled."""


@contextlib.contextmanager
def _flock_if_free(fd: int) -> Iterator[bool]:
    """Takes the flock on ``fd`` if nobody holds it now (yields whether it did), then closes ``fd``."""
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


async def _flock(lock_path: Path, timeout_s: float) -> int | None:
    if fcntl is None:  # pragma: no cover - Windows
        return None
    try:
        fd = os.open(lock_path, os.O_RDWR)  # made with the upload; never re-created after termination
    except FileNotFoundError:
        raise UploadGoneError from None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if loop.time() >= deadline:
                os.close(fd)
                raise LockTimeoutError from None
            await asyncio.sleep(FLOCK_POLL_S)
        except BaseException:
            os.close(fd)
            raise


def _unflock(fd: int | None) -> None:
    if fd is None or fcntl is None:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
