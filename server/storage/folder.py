"""The data folder as storage (the default): ``uploads/<id>`` while a tus upload arrives, ``media/<id>.mp4``
and ``.jpg`` once attached; atomic renames, fsynced folders, free-space checks."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from starlette.responses import Response

from server import crashpoints
from server.api.open_file import OpenFileResponse
from server.settings import Settings
from server.storage.folder_sink import FolderSink, write_all
from server.storage.ids import is_id
from server.storage.port import (
    Commit,
    LiveObjects,
    Part,
    StorageError,
    StoredMedia,
    UploadSink,
    UploadTarget,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

READ_BLOCK_BYTES = 1024 * 1024
TEMP_SUFFIX = ".part"
#: Without flock (Windows) a temporary file counts as abandoned once it is this old.
TEMP_MAX_AGE_S = 3600


class FolderStorage:
    """Paths and file operations inside the data folder.

    ``uploads/<id>`` holds a tus upload while it arrives (``uploads/<id>.lock`` belongs to the upload locks);
    ``media/<media_id>.mp4`` and ``media/<media_id>.jpg`` hold an attached take and its poster;
    ``media/<media_id>.<random>.part`` is a poster being written, locked by its writer, so deleting a take
    finds it by name and the sweep knows when its writer died.
    """

    kind = "folder"

    def __init__(self, settings: Settings) -> None:
        self.uploads_dir = settings.uploads_dir
        self.media_dir = settings.media_dir
        self.min_free_bytes = settings.min_free_bytes

    def prepare(self) -> None:
        """Creates the folders (owner-only permissions where the OS has them)."""
        for folder in (self.uploads_dir.parent, self.uploads_dir, self.media_dir):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def check_ready(self) -> None:
        """The folders are there (a missing mount shows here)."""
        for folder in (self.uploads_dir, self.media_dir):
            if not folder.is_dir():
                raise StorageError(f"The data folder {folder.name}/ is missing.")

    def upload_path(self, upload_id: str) -> Path:
        """The file of an upload; refuses anything that is not a server id."""
        if not is_id(upload_id):
            raise ValueError("not a server id")
        return self.uploads_dir / upload_id

    def media_path(self, media_id: str) -> Path:
        """The video of an attached take."""
        if not is_id(media_id):
            raise ValueError("not a server id")
        return self.media_dir / f"{media_id}.mp4"

    def poster_path(self, media_id: str) -> Path:
        """The poster frame of an attached take."""
        return self.media_path(media_id).with_suffix(".jpg")

    def has_room_for(self, size_bytes: int, reserved_bytes: int = 0) -> bool:
        """True when ``size_bytes`` more, on top of ``reserved_bytes`` promised to uploads already under
        way, would still leave ``min_free_bytes`` free on the data disk."""
        free_bytes = shutil.disk_usage(self.uploads_dir).free
        return free_bytes - reserved_bytes - size_bytes >= self.min_free_bytes

    def create_upload(self, upload_id: str, length_bytes: int) -> str | None:
        """Creates the empty file of a new upload (fails if it somehow exists)."""
        fd = os.open(self.upload_path(upload_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        return None

    def open_sink(self, upload: UploadTarget, deferred: bool, commit: Commit) -> UploadSink:
        """Appends to ``uploads/<id>`` (a tail past the committed offset, left by a crash, is cut first)."""
        return FolderSink(self.upload_path(upload.id), upload.offset_bytes, deferred, commit)

    def finish_upload(self, upload: UploadTarget, parts: Sequence[Part]) -> None:
        """Nothing to do: the file is whole once its last byte is fsynced."""

    def delete_upload(self, upload_id: str) -> None:
        """Deletes an upload's file if present."""
        self.upload_path(upload_id).unlink(missing_ok=True)

    def adopt_upload(self, upload_id: str, media_id: str) -> None:
        """Moves a finished upload into the media folder (same disk: an atomic rename); nothing to do when
        it was moved already.

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

    def delete_media(self, media_id: str) -> None:
        """Deletes a take's video, poster and any temporary file of it, if present."""
        self.media_path(media_id).unlink(missing_ok=True)
        self.poster_path(media_id).unlink(missing_ok=True)
        for temp in self.media_dir.glob(f"{media_id}.*{TEMP_SUFFIX}"):
            temp.unlink(missing_ok=True)

    def media_size(self, media_id: str) -> int | None:
        """The video's size, or None."""
        try:
            return self.media_path(media_id).stat().st_size
        except FileNotFoundError:
            return None

    def read_media(self, media_id: str) -> Iterator[bytes]:
        """The video in 1 MiB blocks."""
        with self.media_path(media_id).open("rb") as handle:
            while block := handle.read(READ_BLOCK_BYTES):
                yield block

    @contextlib.contextmanager
    def media_location(self, media_id: str) -> Iterator[str]:
        """The video's path."""
        yield str(self.media_path(media_id))

    def put_poster(self, media_id: str, jpeg: bytes) -> None:
        """Writes the poster into a locked temporary file beside the video and renames it into place (never
        a half-written poster, even with two writers)."""
        with self._temp_file(media_id) as (fd, partial):
            write_all(fd, jpeg)
            crashpoints.crash_point(crashpoints.POSTER_WRITTEN)
            os.replace(partial, self.poster_path(media_id))

    @contextlib.contextmanager
    def _temp_file(self, media_id: str) -> Iterator[tuple[int, Path]]:
        """A new ``media/<media_id>.<random>.part``, flock-ed while its writer lives; deleted on exit unless
        moved into place. If the process dies meanwhile, :meth:`delete_media` and :meth:`sweep` find it."""
        if not is_id(media_id):
            raise ValueError("not a server id")
        path = self.media_dir / f"{media_id}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield fd, path
        finally:
            path.unlink(missing_ok=True)
            os.close(fd)

    def delete_poster(self, media_id: str) -> None:
        """Removes the poster file."""
        self.poster_path(media_id).unlink(missing_ok=True)

    def open_media(self, media_id: str, kind: str) -> OpenedFile:
        """Opens a take's video (``kind`` "video") or poster for reading.

        An open file stays readable when its name is deleted meanwhile (a withdrawal), so a response
        streams from this handle, never from the path.

        Raises:
            FileNotFoundError: the file is not there (e.g. withdrawn a moment ago).
        """
        path = self.media_path(media_id) if kind == "video" else self.poster_path(media_id)
        return OpenedFile(path.open("rb"))

    def has_media(self, media_id: str) -> bool:
        """True when the take's video is in the media folder."""
        return self.media_path(media_id).is_file()

    def has_upload(self, upload_id: str) -> bool:
        """True when the upload's file is in the uploads folder."""
        return self.upload_path(upload_id).is_file()

    def upload_size(self, upload: UploadTarget) -> int | None:
        """Bytes in the upload's file, or None when it is not there."""
        try:
            return self.upload_path(upload.id).stat().st_size
        except FileNotFoundError:
            return None

    def stored_media(self) -> StoredMedia:
        """Ids of the takes with a video, and with a poster, in the media folder."""
        names = [path.name.split(".", 1) for path in self.media_dir.iterdir()]
        return StoredMedia(
            frozenset(stem for stem, ext in names if ext == "mp4" and is_id(stem)),
            frozenset(stem for stem, ext in names if ext == "jpg" and is_id(stem)),
        )

    def sweep(
        self, live: Callable[[], LiveObjects], busy: Callable[[str], bool], min_upload_age_s: float
    ) -> list[str]:
        """Files no row points at: media at once, upload files and lock files once untouched for
        ``min_upload_age_s`` and not busy, temporary files whose writer died."""
        media_files = [p for p in self.media_dir.iterdir() if p.suffix in (".mp4", ".jpg") and is_id(p.stem)]
        videos = {p.stem for p in media_files if p.suffix == ".mp4"}
        upload_files = [
            p for p in self.uploads_dir.iterdir() if is_id(p.stem) and _age_s(p) >= min_upload_age_s
        ]
        now_live = live()
        removed: list[str] = []
        for path in media_files:
            if path.stem not in now_live.media_ids:
                path.unlink(missing_ok=True)
                removed.append(path.name)
        for path in upload_files:
            upload_id = path.stem
            if upload_id in now_live.uploads or busy(upload_id):
                continue
            media_id = now_live.attached.get(upload_id)
            if media_id is not None and media_id not in videos and path.suffix != ".lock":
                continue  # attached, its take's media not there yet: the bytes are still to be moved in
            path.unlink(missing_ok=True)
            removed.append(path.name)
        removed += self._remove_dead_temp_files()
        return removed

    def _remove_dead_temp_files(self) -> list[str]:
        """Deletes temporary files whose writer is gone (its lock is free); returns their names."""
        removed = []
        for path in self.media_dir.glob(f"*{TEMP_SUFFIX}"):
            if _temp_is_dead(path):
                path.unlink(missing_ok=True)
                removed.append(path.name)
        return removed


class OpenedFile:
    """A media file opened for a response (Starlette's FileResponse Range handling, from the handle)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle

    def response(self, media_type: str, headers: Mapping[str, str], filename: str | None = None) -> Response:
        """Streams the open handle (206 for a Range, multipart ranges, 416, If-Range)."""
        return OpenFileResponse(
            self.handle,
            stat_result=os.fstat(self.handle.fileno()),
            media_type=media_type,
            headers=headers,
            content_disposition_type="attachment" if filename else "inline",
            filename=filename,
        )

    def close(self) -> None:
        """Closes the handle."""
        self.handle.close()


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


def _age_s(path: Path) -> float:
    """Seconds since the file was last written or renamed (ctime changes on rename)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return 0.0
    return time.time() - max(info.st_mtime, info.st_ctime)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
