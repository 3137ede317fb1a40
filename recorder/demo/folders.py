"""The demo's temporary folders, each owned by its running demo, so the next demo removes those left behind.

A demo makes ``voicebooth-demo-*`` in the temporary folder (its data folder and its server's data) and
deletes it when it ends normally or by SIGTERM/SIGINT. A demo killed outright (SIGKILL, a power cut, the
task manager) cannot, so every demo folder holds an owner file, ``.owner.lock``, that its demo keeps
locked (an exclusive OS lock: flock on POSIX, msvcrt on Windows) for as long as it runs, with the owner's
process id and start time written in it for people. The OS drops the lock when the process dies, however
it dies. When a demo starts, it removes every demo folder whose lock nobody holds; a folder whose lock is
held belongs to a demo still running and is never touched. A folder whose owner file is empty or missing
may be a demo starting this very moment, so it is only removed once it is older than
:data:`STARTING_GRACE_S`.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from recorder.takes.folder import lock_fd, unlock_fd

log = logging.getLogger(__name__)

PREFIX = "voicebooth-demo-"
OWNER_FILE = ".owner.lock"
#: A folder without a written owner this old is not a demo starting: its demo died before it got going.
STARTING_GRACE_S = 120.0
_LOCK_ATTEMPTS = 50  # a sweeping demo holds a starting demo's lock for a moment at most: wait for it


class DemoFolder:
    """A new temporary demo folder, locked by this process until :meth:`release`.

    Args:
        parent: where to make it (default: the system's temporary folder).
    """

    def __init__(self, parent: Path | None = None) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
        fd = os.open(self.path / OWNER_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        for attempt in range(_LOCK_ATTEMPTS):
            try:
                lock_fd(fd)
                break
            except OSError:
                if attempt == _LOCK_ATTEMPTS - 1:
                    os.close(fd)
                    shutil.rmtree(self.path, ignore_errors=True)
                    raise
                time.sleep(0.02)
        os.write(fd, f"pid {os.getpid()} started {time.time():.3f}\n".encode("ascii"))
        self._fd: int | None = fd

    def release(self) -> None:
        """Drop the lock (safe to call twice); the caller deletes the folder."""
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                unlock_fd(fd)
            finally:
                os.close(fd)


def remove_stale(parent: Path | None = None, *, now_s: float | None = None) -> list[Path]:
    """Delete the demo folders in ``parent`` whose demo is gone; returns the folders removed.

    Args:
        parent: the folder to look in (default: the system's temporary folder).
        now_s: the current time (``time.time()``), for the starting grace.
    """
    root = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    now = time.time() if now_s is None else now_s
    removed = []
    try:
        candidates = sorted(p for p in root.glob(f"{PREFIX}*") if p.is_dir() and not p.is_symlink())
    except OSError as error:
        log.info("Could not look for old demo folders in %s: %s", root, error)
        return []
    for folder in candidates:
        try:
            if _owner_gone(folder, now):
                shutil.rmtree(folder, ignore_errors=True)
                if not folder.exists():
                    removed.append(folder)
                    log.info("Removed the folder of a demo that is no longer running: %s", folder)
        except OSError as error:  # not ours to read, or vanished meanwhile: leave it
            log.info("Left the demo folder %s alone: %s", folder, error)
    return removed


def _owner_gone(folder: Path, now_s: float) -> bool:
    """True when no running demo owns ``folder`` (its lock is free and it is not a demo starting)."""
    owner = folder / OWNER_FILE
    if not owner.exists():
        return now_s - folder.stat().st_mtime > STARTING_GRACE_S
    fd = os.open(owner, os.O_RDWR)
    try:
        try:
            lock_fd(fd)
        except OSError:
            return False  # a running demo holds it
        try:
            written = os.read(fd, 200)
        finally:
            unlock_fd(fd)
    finally:
        os.close(fd)
    if not written.strip():  # created but not yet claimed: a demo may be starting right now
        return now_s - owner.stat().st_mtime > STARTING_GRACE_S
    return True
