"""The data folder: files named only by server-generated ids, atomic moves, deletes and free space."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import BinaryIO

from server.settings import Settings

ID_RE = re.compile(r"^[0-9a-f]{32}$")


def new_id() -> str:
    """Returns a new random server id (32 hex characters); the only thing files are ever named by."""
    return secrets.token_hex(16)


def is_id(text: str) -> bool:
    """True when ``text`` has the shape of a server id (so it is safe inside a path)."""
    return ID_RE.fullmatch(text) is not None


class Storage:
    """Paths and file operations inside the data folder.

    ``uploads/<id>`` holds a tus upload while it arrives, ``uploads/<id>.lock`` serialises its PATCHes;
    ``media/<media_id>.mp4`` and ``media/<media_id>.jpg`` hold an attached take and its poster.
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
        """Creates the empty file of a new upload (fails if it somehow exists)."""
        path = self.upload_path(upload_id)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        return path

    def has_room_for(self, size_bytes: int) -> bool:
        """True when ``size_bytes`` more would still leave ``min_free_bytes`` free on the data disk."""
        free_bytes = shutil.disk_usage(self.uploads_dir).free
        return free_bytes - size_bytes >= self.min_free_bytes

    def move_upload_to_media(self, upload_id: str, media_id: str) -> Path:
        """Moves a finished upload into the media folder (same disk: an atomic rename)."""
        target = self.media_path(media_id)
        os.replace(self.upload_path(upload_id), target)
        _fsync_dir(self.media_dir)
        _fsync_dir(self.uploads_dir)
        return target

    def delete_upload(self, upload_id: str) -> None:
        """Deletes an upload's file and lock file if present."""
        _unlink(self.upload_path(upload_id))
        _unlink(self.lock_path(upload_id))

    def delete_media(self, media_id: str) -> None:
        """Deletes a take's video and poster if present."""
        _unlink(self.media_path(media_id))
        _unlink(self.poster_path(media_id))


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
