"""Files and folders that hold personal data are readable by their owner only (POSIX: 0600 and 0700).

Recordings, manifests and the outbox (with its withdrawal codes for a moment) are personal data. On POSIX
the app's processes run with :func:`owner_only_umask` (set first thing by the ``voicebooth`` entry points),
so every file they create, and every file ffmpeg writes for them, is ``0600`` and every folder ``0700``;
the folders and the outbox file are also made owner-only explicitly where they are created
(:func:`private_folder`, :func:`private_file`), so a library caller with a looser umask, or a data folder
left by an earlier version, gets the same. On Windows the profile's ACLs are already per-user, and these
are no-ops.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
#: The umask that gives :data:`FILE_MODE` files and :data:`FOLDER_MODE` folders.
OWNER_ONLY_UMASK = 0o077
_POSIX = os.name == "posix"


def owner_only_umask() -> None:
    """Make this process (and the ffmpeg it starts) create owner-only files and folders (POSIX)."""
    if _POSIX:
        os.umask(OWNER_ONLY_UMASK)


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) owner-only, and make ``path`` itself owner-only if it exists.

    Only ``path`` is changed when it exists (a data folder chosen on the command line); missing parents
    are created owner-only too. A folder owned by someone else is left as it is.

    Raises:
        OSError: it cannot be created.
    """
    for parent in reversed(path.parents):
        if not parent.exists():
            parent.mkdir(mode=FOLDER_MODE, exist_ok=True)
    path.mkdir(mode=FOLDER_MODE, exist_ok=True)
    _restrict(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only when missing; make an existing one owner-only (POSIX)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    _restrict(path, FILE_MODE)
    return path


def restrict_existing(path: Path) -> None:
    """Make ``path`` owner-only when it exists (a file SQLite made next to the database)."""
    if path.exists():
        _restrict(path, FILE_MODE)


def _restrict(path: Path, mode: int) -> None:
    if not _POSIX:
        return
    with contextlib.suppress(OSError):  # not ours (a shared parent): leave it
        if path.stat().st_mode & 0o777 != mode:
            os.chmod(path, mode)
