"""Appends a request body to an upload file in the data folder, fsyncing and committing as it goes.

Without a checksum, bytes are fsynced and committed every ``COMMIT_EVERY_BYTES`` mid-body, so a crashed
server keeps them; with one, the file is cut back to where the body started unless the whole body is kept.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from anyio import to_thread

from server.storage.port import Commit, Progress, StorageFullError

COMMIT_EVERY_BYTES = 16 * 1024 * 1024
_O_BINARY: int = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate newlines
_datasync: Callable[[int], None] = getattr(os, "fdatasync", os.fsync)


class FolderSink:
    """One body appended to ``path`` at ``offset`` (anything past it, a crash's uncommitted tail, is cut)."""

    def __init__(self, path: Path, offset: int, deferred: bool, commit: Commit) -> None:
        self._fd: int | None = os.open(path, os.O_WRONLY | _O_BINARY)
        os.ftruncate(self._fd, offset)
        os.lseek(self._fd, offset, os.SEEK_SET)
        self._start = offset
        self._committed = offset
        self._written = 0
        self._uncommitted = 0
        self._deferred = deferred
        self._commit = commit

    @property
    def committed_offset(self) -> int:
        """The offset the database holds."""
        return self._committed

    async def write(self, chunk: bytes) -> None:
        """Writes the chunk (a chunk cut short by a full disk is dropped whole, with StorageFullError)."""
        assert self._fd is not None
        try:
            write_all(self._fd, chunk)
        except OSError as error:
            if error.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            raise StorageFullError("The server ran out of disk space.") from None
        self._written += len(chunk)
        if not self._deferred:
            self._uncommitted += len(chunk)
            if self._uncommitted >= COMMIT_EVERY_BYTES:
                self._uncommitted = 0
                await to_thread.run_sync(self._sync_and_commit, self._start + self._written)

    async def close(self, keep: bool) -> int:
        """Cuts the file to what is kept, fsyncs it and commits the offset."""
        keep_offset = self._start + self._written if keep else self._start
        try:
            await to_thread.run_sync(self._finish, keep_offset)
        finally:
            self._release()
        return self._committed

    def close_on_shutdown(self, keep: bool) -> None:
        """Keeps what arrived (blocking is fine now: the server is stopping)."""
        try:
            self._finish(self._start + self._written if keep else self._start)
        finally:
            self._release()

    def _finish(self, keep_offset: int) -> None:
        assert self._fd is not None
        os.ftruncate(self._fd, keep_offset)
        self._sync_and_commit(keep_offset)

    def _sync_and_commit(self, offset: int) -> None:
        assert self._fd is not None
        _datasync(self._fd)
        if offset != self._committed:
            self._commit(Progress(offset))
            self._committed = offset

    def _release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def write_all(fd: int, chunk: bytes) -> None:
    """Writes all of ``chunk`` (``os.write`` may write less)."""
    view = memoryview(chunk)
    while view:
        done = os.write(fd, view)
        view = view[done:]
