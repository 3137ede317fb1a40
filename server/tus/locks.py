"""Serialises writes to one upload: an asyncio lock per upload in this process plus flock across processes.

A PATCH holds the upload's lock from the offset check until its bytes are committed, so two PATCHes to the
same upload never interleave: the second waits, then sees the new offset (and gets 409 if it no longer
matches). The in-process lock queues requests fairly without polling; the ``flock`` on ``<id>.lock`` also
serialises uvicorn workers in other processes sharing the data folder (polled, as flock cannot be awaited).
On platforms without ``fcntl`` (Windows, where only the single-process demo server runs) the in-process lock
is the only one.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FLOCK_POLL_S = 0.02


class LockTimeoutError(Exception):
    """The upload stayed locked by another request for longer than the wait allowed."""


class UploadGoneError(Exception):
    """The upload's lock file is gone: the upload was terminated or expired meanwhile."""


class UploadLocks:
    """Per-upload locks; entries are dropped when nobody holds or waits for them."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, upload_id: str, lock_path: Path, timeout_s: float) -> AsyncIterator[None]:
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
                fd = await _flock(lock_path, timeout_s)
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

    def busy(self, upload_id: str) -> bool:
        """True while a request holds or waits for the upload's lock in this process."""
        return upload_id in self._users


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
