"""Reads upload chunks from a file, one chunk ahead, and hashes them for the tus checksum extension.

The next chunk is read (and hashed) on a helper thread while the current one is on the wire; hashlib and
file reads release the GIL, so on two cores this costs the upload almost nothing. A chunk is sent from
memory in slices, so cancellation is checked between slices (a bounded wait inside one chunk).
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from recorder.upload.errors import UploadCancelled

#: Cancellation is checked (and progress reported) after each slice of this size.
SLICE_BYTES = 256 * 1024


@dataclass(frozen=True)
class Chunk:
    """Bytes of the file from ``offset``; ``checksum`` is the tus ``Upload-Checksum`` value or None."""

    offset: int
    data: bytes
    checksum: str | None


class ChunkReader:
    """Reads ``[offset, offset + length)`` chunks of one file, prefetching the next one.

    Args:
        path: the file.
        algorithm: ``sha256``/``sha1`` to compute tus checksums, or None.
    """

    def __init__(self, path: Path, algorithm: str | None) -> None:
        self.path = path
        self.algorithm = algorithm
        self._file = path.open("rb")
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="upload-read")
        self._ahead: tuple[int, int, Future[Chunk]] | None = None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._file.close()

    def __enter__(self) -> ChunkReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(self, offset: int, length: int, *, prefetch_next: bool = True) -> Chunk:
        """The chunk at ``offset`` (shorter at the end of the file); starts reading the following one."""
        ahead = self._ahead
        self._ahead = None
        if ahead is not None and ahead[0] == offset and ahead[1] == length:
            chunk = ahead[2].result()
        else:
            if ahead is not None:
                ahead[2].cancel()
            chunk = self._read(offset, length)
        if prefetch_next and chunk.data:
            next_offset = offset + len(chunk.data)
            self._ahead = (next_offset, length, self._pool.submit(self._read, next_offset, length))
        return chunk

    def _read(self, offset: int, length: int) -> Chunk:
        with self._lock:
            self._file.seek(offset)
            data = self._file.read(length)
        checksum = None
        if self.algorithm and data:
            digest = hashlib.new(self.algorithm, data).digest()
            checksum = f"{self.algorithm} {base64.b64encode(digest).decode('ascii')}"
        return Chunk(offset, data, checksum)


class ChunkBody:
    """A request body that requests streams with a ``Content-Length``, slice by slice.

    Iterating yields memoryview slices; before each one the cancel event is checked (raising
    :class:`UploadCancelled`, which aborts the request and closes its connection) and after each one
    ``on_sent`` gets the slice's size.
    """

    def __init__(
        self, data: bytes, cancel: threading.Event | None, on_sent: Callable[[int], None] | None = None
    ) -> None:
        self._data = data
        self._cancel = cancel
        self._on_sent = on_sent

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[memoryview]:
        view = memoryview(self._data)
        for start in range(0, len(view), SLICE_BYTES):
            if self._cancel is not None and self._cancel.is_set():
                raise UploadCancelled()
            piece = view[start : start + SLICE_BYTES]
            yield piece
            if self._on_sent is not None:
                self._on_sent(len(piece))
