"""Take folders: sortable unique ids, creation, removal, and the per-take lock file that marks a live owner.

The lock is an exclusive OS lock (flock on POSIX, msvcrt on Windows) on ``<take>/.lock``. The OS drops it
when the owning process dies however it dies, so "journal says recording, but nobody holds the lock" is a
reliable sign of an interrupted take (CONTRACTS.md section 1).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

LOCK_NAME = ".lock"
TAKES_DIR = "takes"


def new_take_id(now: datetime | None = None) -> str:
    """``t`` + UTC ``yyyymmddThhmmss`` + ``-`` + 6 hex digits: sorts by time, unique."""
    moment = now or datetime.now(UTC)
    return "t" + moment.strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


def takes_root(submission_dir: Path) -> Path:
    """Where the take folders of a submission live."""
    return submission_dir / TAKES_DIR


def remove_take(take_dir: Path) -> None:
    """Delete a take folder, then its ``takes`` folder and submission folder if that left them empty."""
    shutil.rmtree(take_dir, ignore_errors=True)
    for parent in (take_dir.parent, take_dir.parent.parent):
        with contextlib.suppress(OSError):
            parent.rmdir()  # only when empty


class TakeLockedError(RuntimeError):
    """Another process (or another recorder in this one) owns the take."""


class TakeLock:
    """Exclusive, non-blocking lock on a take folder; a context manager.

    Args:
        take_dir: The take folder (must exist).
    """

    def __init__(self, take_dir: Path) -> None:
        self.path = take_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Takes the lock.

        Raises:
            TakeLockedError: Someone else holds it.
        """
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            lock_fd(fd)
        except OSError as exc:
            os.close(fd)
            raise TakeLockedError("This recording is in use by another Voicebooth window.") from exc
        self._fd = fd

    def release(self) -> None:
        """Drops the lock (safe to call twice)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            unlock_fd(fd)
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> TakeLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def is_locked(take_dir: Path) -> bool:
    """True when a live process holds the take's lock."""
    if not (take_dir / LOCK_NAME).exists():
        return False
    lock = TakeLock(take_dir)
    try:
        lock.acquire()
    except TakeLockedError:
        return True
    except OSError:  # cannot even open the lock file: treat as owned, never recover under someone's feet
        return True
    lock.release()
    return False


# The OS lock itself (also used by the outbox's send lock): exclusive, non-blocking, dropped by the OS when
# the process dies. lock_fd raises OSError when another holder has it.
if sys.platform == "win32":
    import msvcrt

    def lock_fd(fd: int) -> None:
        """Take the exclusive lock on an open file, or raise OSError at once."""
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def lock_fd(fd: int) -> None:
        """Take the exclusive lock on an open file, or raise OSError at once."""
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
