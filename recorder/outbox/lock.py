"""One sender at a time per outbox: a thread lock plus an OS file lock (released by the OS if killed)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import TracebackType

from recorder.takes.folder import lock_fd, unlock_fd
from recorder.upload.errors import UploadCancelled


def _try_lock(fd: int) -> bool:
    try:
        lock_fd(fd)
    except OSError:
        return False
    return True


class SendLock:
    """Held while sending. Waiting for it polls, so a cancel request is noticed.

    Args:
        path: the lock file (created).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.Lock()
        self._fd: int | None = None

    def acquire(self, cancel: threading.Event | None = None, poll_s: float = 0.2) -> None:
        """Wait for the lock.

        Raises:
            UploadCancelled: ``cancel`` was set while waiting.
        """
        while not self._thread_lock.acquire(timeout=poll_s):
            if cancel is not None and cancel.is_set():
                raise UploadCancelled()
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            while not _try_lock(fd):
                if cancel is not None and cancel.wait(poll_s):
                    os.close(fd)
                    raise UploadCancelled()
                if cancel is None:
                    time.sleep(poll_s)
            self._fd = fd
        except BaseException:
            self._thread_lock.release()
            raise

    def release(self) -> None:
        if self._fd is not None:
            unlock_fd(self._fd)
            os.close(self._fd)
            self._fd = None
        self._thread_lock.release()

    def __enter__(self) -> SendLock:
        self.acquire()
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.release()
