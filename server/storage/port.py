"""The storage port: what the server asks of wherever media lives (the data folder, or S3-compatible storage).

Everything is named by server-generated ids only. A tus upload is written through an :class:`UploadSink`
(one per PATCH) that commits progress to the database through a callback, so the offset a client is told is
always what the storage holds; a finished upload is *adopted* as a take's media; media is read back for the
re-hash, ffprobe and review streaming; deletions are idempotent (a crash between a database commit and a
delete is repaired by running the delete again: :mod:`server.services.deletions`); and what is stored can be
listed against the database (:mod:`server.services.consistency`, :meth:`Storage.sweep`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from starlette.responses import Response


class StorageError(OSError):
    """The storage failed (object store unreachable, refused, timed out); plain English, no secrets.

    An ``OSError``, so code that already copes with a failing disk (e.g. a deletion retried later) copes
    with a failing object store the same way.
    """


class StorageFullError(StorageError):
    """The storage has no room for more bytes (a full disk, a bucket quota)."""


@dataclass(frozen=True)
class Part:
    """One committed multipart part of an upload (object storage only)."""

    number: int
    size_bytes: int
    etag: str


@dataclass(frozen=True)
class UploadTarget:
    """What a sink needs to know about an upload: its committed state in the database.

    Attributes:
        id: the upload's server id.
        length_bytes: its declared length.
        offset_bytes: bytes committed so far (parts and tail included).
        multipart_id: the object store's multipart upload id (None in the data folder).
        part_count: multipart parts committed so far.
        tail_key: the object holding bytes not yet in a part (a short remainder), or None.
        tail_bytes: the size of that object.
    """

    id: str
    length_bytes: int
    offset_bytes: int
    multipart_id: str | None = None
    part_count: int = 0
    tail_key: str | None = None
    tail_bytes: int = 0


@dataclass(frozen=True)
class Progress:
    """Bytes now safely stored, for the database: the new offset, parts added and the tail now current."""

    offset_bytes: int
    new_parts: tuple[Part, ...] = ()
    tail_key: str | None = None
    tail_bytes: int = 0


#: Records progress in the database (called in a worker thread, under the upload's lock).
Commit = Callable[[Progress], None]


class UploadSink(Protocol):
    """Appends one request body to an upload.

    Without a checksum (``deferred`` False) progress is committed while the body arrives, so a crash keeps
    what was committed; with one, nothing is committed until :meth:`close` is told to keep the body.
    """

    @property
    def committed_offset(self) -> int:
        """The offset the database now holds for this upload."""

    async def write(self, chunk: bytes) -> None:
        """Appends bytes. Raises StorageFullError or StorageError (what was committed stays)."""

    async def close(self, keep: bool) -> int:
        """Keeps everything written (True) or nothing of this body (False); returns the committed offset.

        Raises:
            StorageError: the last bytes could not be stored (``committed_offset`` says what was).
        """

    def close_on_shutdown(self, keep: bool) -> None:
        """The server is stopping mid-body: keep what can be kept quickly (blocking), release everything."""


@dataclass(frozen=True)
class LiveObjects:
    """What the database points at, for :meth:`Storage.sweep` (read after the storage was listed).

    Attributes:
        media_ids: media of takes.
        uploads: uploads still receiving or finished, with the tail object each one currently uses.
        attached: for each take's upload, the take's media id: the upload's bytes stay until they have
            become that media (attach commits, then moves them).
    """

    media_ids: frozenset[str]
    uploads: Mapping[str, str | None]
    attached: Mapping[str, str]


@dataclass(frozen=True)
class StoredMedia:
    """The takes' files the storage holds, listed at one moment (by media id)."""

    videos: frozenset[str]
    posters: frozenset[str]


class Storage(Protocol):
    """Where uploads and media live. Implemented by ``FolderStorage`` and ``S3Storage``."""

    kind: str

    def prepare(self) -> None:
        """Readies the storage at start-up (folders; a reachable bucket). Raises StorageError."""

    def check_ready(self) -> None:
        """Raises StorageError when the storage cannot be used now (for ``/api/v1/ready``)."""

    def has_room_for(self, size_bytes: int, reserved_bytes: int = 0) -> bool:
        """True when ``size_bytes`` more, on top of ``reserved_bytes`` promised to uploads under way, would
        still leave the storage's reserve free (object storage: always; its capacity is not ours to see)."""

    def create_upload(self, upload_id: str, length_bytes: int) -> str | None:
        """Makes room for a new upload; returns the multipart upload id on object storage."""

    def open_sink(self, upload: UploadTarget, deferred: bool, commit: Commit) -> UploadSink:
        """A sink appending to ``upload`` at its committed offset (a crash's uncommitted tail is cut)."""

    def finish_upload(self, upload: UploadTarget, parts: Sequence[Part]) -> None:
        """Makes a whole upload one readable object (object storage completes its multipart upload)."""

    def delete_upload(self, upload_id: str) -> None:
        """Removes an upload's bytes wherever they are (aborts its multipart upload); idempotent."""

    def adopt_upload(self, upload_id: str, media_id: str) -> None:
        """A finished upload becomes the video of media ``media_id`` (and the upload's bytes go).

        Idempotent: when it has become that media already (a repeat, or the repair after a crash between
        the database commit and the move), only what is left of the upload goes.

        Raises:
            FileNotFoundError: neither the upload's bytes nor the media are there.
        """

    def delete_media(self, media_id: str) -> None:
        """Removes a take's video, poster and any poster still being written; idempotent."""

    def media_size(self, media_id: str) -> int | None:
        """The video's size, or None when it is not there."""

    def read_media(self, media_id: str) -> Iterator[bytes]:
        """The video's bytes in blocks (for the re-hash; never the whole file in memory)."""

    def media_location(self, media_id: str) -> AbstractContextManager[str]:
        """A path or short-lived URL ffprobe and ffmpeg can read the video from (seeking included)."""

    def put_poster(self, media_id: str, jpeg: bytes) -> None:
        """Stores the take's poster frame (never half-written; a crash leaves at most a temporary file that
        :meth:`delete_media` and :meth:`sweep` find)."""

    def delete_poster(self, media_id: str) -> None:
        """Removes a poster made by a complete that then failed."""

    def open_media(self, media_id: str, kind: str) -> OpenedMedia:
        """Opens a take's ``video`` or ``poster`` for a response. Raises FileNotFoundError when absent."""

    def has_media(self, media_id: str) -> bool:
        """True when the take's video is there."""

    def has_upload(self, upload_id: str) -> bool:
        """True when a finished upload's bytes are there, ready to become media."""

    def upload_size(self, upload: UploadTarget) -> int | None:
        """Bytes the storage holds of an upload the database has at ``upload.offset_bytes`` (None: none at
        all). Object storage counts the committed parts and the tail; a lost part counts as None."""

    def stored_media(self) -> StoredMedia:
        """Lists the takes' videos and posters."""

    def sweep(
        self, live: Callable[[], LiveObjects], busy: Callable[[str], bool], min_upload_age_s: float
    ) -> list[str]:
        """Lists what is stored, then asks ``live`` what the database points at, and deletes the rest:
        media no take points at, upload bytes no unfinished upload (nor a take still to be moved in) points
        at once untouched for ``min_upload_age_s`` and not ``busy``, and temporary files whose writer died.
        Listing first means nothing added after the listing can be taken for garbage. Returns the names
        deleted (ids only, never personal data)."""


class OpenedMedia(Protocol):
    """A take's media opened between two access checks; becomes the streaming response."""

    def response(self, media_type: str, headers: Mapping[str, str], filename: str | None = None) -> Response:
        """The response (HTTP Range honoured), which releases the media when it ends.

        Args:
            media_type: the Content-Type.
            headers: extra headers.
            filename: offered as a download (``Content-Disposition: attachment``); None plays it inline.
        """

    def close(self) -> None:
        """Releases the media without answering (the second access check failed)."""
