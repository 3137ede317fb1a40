"""The data folder: files named only by server-generated ids, atomic moves, deletes and free space."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from server.settings import Settings

ID_RE = re.compile(r"^[0-9a-f]{32}$")
TEMP_SUFFIX = ".part"
#: Without flock (Windows) a temporary file counts as abandoned once it is this old.
TEMP_MAX_AGE_S = 3600


def new_id() -> str:
    """Returns a new random server id (32 hex characters); the only thing files are ever named by."""
    return secrets.token_hex(16)


def is_id(text: str) -> bool:
    """True when ``text`` has the shape of a server id (so it is safe inside a path)."""
    return ID_RE.fullmatch(text) is not None


class Storage:
    """Paths and file operations inside the data folder.

    ``uploads/<id>`` holds a tus upload while it arrives, ``uploads/<id>.lock`` serialises its PATCHes;
    ``media/<media_id>.mp4`` and ``media/<media_id>.jpg`` hold an attached take and its poster;
    ``media/<media_id>.<random>.part`` is a file being written for that take (a poster), locked by its
    writer, so deleting a take finds it by name and the sweep knows when its writer died.
    """

    def __init__(self, settings: Settings) -> None:
        self.uploads_dir = settings.uploads_dir
        self.media_dir = settings.media_dir
        self.min_free_bytes = settings.min_free_bytes

    def prepare(self) -> None:
        """Creates the folders (owner-only permissions where the OS has them)."""
        for folder in (self.uploads_dir.parent, self.uploads_dir, self.media_dir):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def upload_path(self, upload_id: str) -> Path:
        """The file of an upload; refuses anything that is not a server id."""
        if not is_id(upload_id):
            raise ValueError("not a server id")
        return self.uploads_dir / upload_id

    def lock_path(self, upload_id: str) -> Path:
        """The lock file of an upload."""
        return self.upload_path(upload_id).with_suffix(".lock")

    def media_path(self, media_id: str) -> Path:
        """The video of an attached take."""
        if not is_id(media_id):
            raise ValueError("not a server id")
        return self.media_dir / f"{media_id}.mp4"

    def poster_path(self, media_id: str) -> Path:
        """The poster frame of an attached take."""
        return self.media_path(media_id).with_suffix(".jpg")

    def open_media(self, media_id: str, kind: str) -> BinaryIO:
        """Opens a take's video (``kind`` "video") or poster for reading.

        An open file stays readable when its name is deleted meanwhile (a withdrawal), so a response
        streams from this handle, never from the path.

        Raises:
            FileNotFoundError: the file is not there (e.g. withdrawn a moment ago).
        """
        path = self.media_path(media_id) if kind == "video" else self.poster_path(media_id)
        return path.open("rb")

    def create_upload_file(self, upload_id: str) -> Path:
        """Creates the empty file and the lock file of a new upload (fails if it somehow exists)."""
        path = self.upload_path(upload_id)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        self.lock_path(upload_id).touch(mode=0o600)
        return path

    def has_room_for(self, size_bytes: int, reserved_bytes: int = 0) -> bool:
        """True when ``size_bytes`` more, on top of ``reserved_bytes`` promised to uploads already under
        way, would still leave ``min_free_bytes`` free on the data disk."""
        free_bytes = shutil.disk_usage(self.uploads_dir).free
        return free_bytes - reserved_bytes - size_bytes >= self.min_free_bytes

    def move_upload_to_media(self, upload_id: str, media_id: str) -> Path:
        """Moves a finished upload into the media folder (same disk: an atomic rename).

        Idempotent: when the upload has been moved already (by a repeat, or the start-up repair after a
        crash between the database commit and the rename), nothing is done.

        Raises:
            FileNotFoundError: neither the upload nor the moved file is there.
        """
        target = self.media_path(media_id)
        try:
            os.replace(self.upload_path(upload_id), target)
        except FileNotFoundError:
            if not target.is_file():
                raise
        _fsync_dir(self.media_dir)
        _fsync_dir(self.uploads_dir)
        return target

    def has_media(self, media_id: str) -> bool:
        """True when the take's video is in the media folder."""
        return self.media_path(media_id).is_file()

    def has_upload(self, upload_id: str) -> bool:
        """True when the upload's file is in the uploads folder."""
        return self.upload_path(upload_id).is_file()

    def upload_size(self, upload_id: str) -> int | None:
        """Bytes in an upload's file, or None when it is not there."""
        try:
            return self.upload_path(upload_id).stat().st_size
        except FileNotFoundError:
            return None

    @contextlib.contextmanager
    def temp_file(self, media_id: str) -> Iterator[Path]:
        """A new, locked ``media/<media_id>.<random>.part`` for writing a file of that take.

        The caller moves it into place with :meth:`keep_temp`; whatever is left is deleted on exit. If the
        process dies meanwhile, :meth:`remove_dead_temp_files` (start-up, purge) and :meth:`delete_media`
        find it by its name.
        """
        if not is_id(media_id):
            raise ValueError("not a server id")
        path = self.media_dir / f"{media_id}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)  # an external writer (ffmpeg) truncates, keeping the inode
            yield path
        finally:
            path.unlink(missing_ok=True)
            os.close(fd)

    def keep_temp(self, temp: Path, target: Path) -> None:
        """Moves a finished temporary file over its target (never a half-written target)."""
        os.replace(temp, target)

    def remove_dead_temp_files(self) -> list[str]:
        """Deletes temporary files whose writer is gone (its lock is free); returns their names."""
        removed = []
        for path in self.media_dir.glob(f"*{TEMP_SUFFIX}"):
            if self._temp_is_dead(path):
                path.unlink(missing_ok=True)
                removed.append(path.name)
        return removed

    @staticmethod
    def _temp_is_dead(path: Path) -> bool:
        if fcntl is None:  # pragma: no cover - Windows
            return _age_s(path) > TEMP_MAX_AGE_S
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        finally:
            os.close(fd)
        return True

    def stored_media_ids(self) -> set[str]:
        """Ids of every take with a video or poster in the media folder."""
        return {p.stem for p in self.media_dir.iterdir() if p.suffix in (".mp4", ".jpg") and is_id(p.stem)}

    def stored_upload_ids(self, min_age_s: float) -> set[str]:
        """Ids of uploads with a file or lock file in the uploads folder untouched for ``min_age_s``."""
        return {p.stem for p in self.uploads_dir.iterdir() if is_id(p.stem) and _age_s(p) >= min_age_s}

    def delete_upload(self, upload_id: str) -> None:
        """Deletes an upload's file and lock file if present."""
        _unlink(self.upload_path(upload_id))
        _unlink(self.lock_path(upload_id))

    def delete_media(self, media_id: str) -> None:
        """Deletes a take's video, poster and any temporary file of it, if present."""
        _unlink(self.media_path(media_id))
        _unlink(self.poster_path(media_id))
        for temp in self.media_dir.glob(f"{media_id}.*{TEMP_SUFFIX}"):
            _unlink(temp)


def _age_s(path: Path) -> float:
    """Seconds since the file was last written or renamed (ctime changes on rename)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return 0.0
    return time.time() - max(info.st_mtime, info.st_ctime)


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
