"""Streams a request body into an upload's storage sink: never held whole in memory, timed out when idle.

Bytes go to the sink as they arrive (``Request.stream()``), so a body cut off by a closed socket or an idle
client keeps what arrived. A chunk sent with ``Upload-Checksum`` is all-or-nothing: on a mismatch or a
cut-off body the sink is told to keep none of it. Only waiting for the client counts towards the idle
timeout, never the time the storage takes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from starlette.requests import ClientDisconnect, Request

from server.metrics import BYTES_RECEIVED
from server.storage.port import StorageError, StorageFullError, UploadSink
from server.tus.headers import Checksum

ROOM_CHECK_BYTES = 1024 * 1024


class Ending(Enum):
    """How the body ended."""

    COMPLETE = 1
    DISCONNECTED = 2
    TIMED_OUT = 3
    OVERFLOW = 4
    CHECKSUM_MISMATCH = 5
    DISK_FULL = 6
    STORAGE_FAILED = 7


@dataclass(frozen=True)
class Received:
    """The outcome: how the body ended and the offset now safely stored and committed."""

    ending: Ending
    new_offset: int


async def receive_body(
    request: Request,
    sink: UploadSink,
    max_bytes: int,
    checksum: Checksum | None,
    idle_timeout_s: float,
    has_room: Callable[[int], bool],
) -> Received:
    """Appends the request body through ``sink`` (which commits progress to the database).

    Args:
        request: the PATCH (or creation-with-upload POST).
        sink: the upload's storage sink, opened at its committed offset.
        max_bytes: bytes still missing from the upload; more than this is an overflow.
        checksum: the ``Upload-Checksum`` to verify the whole body against, or None.
        idle_timeout_s: the connection is given up when no bytes arrive for this long.
        has_room: whether the storage has room for so many more bytes (above its reserve); asked before the
            first chunk and every ROOM_CHECK_BYTES after, so the body stops (DISK_FULL) before the disk
            fills rather than at 0 bytes free (object storage always has room).

    Returns:
        How the body ended and the offset now committed.
    """
    start = sink.committed_offset
    written = 0
    room_until = 0  # the storage had room up to here when last asked
    hasher = checksum.new_hasher() if checksum else None
    ending = Ending.COMPLETE
    chunks = request.stream().__aiter__()
    try:
        while True:
            try:
                async with asyncio.timeout(idle_timeout_s):
                    chunk = await anext(chunks, None)
            except ClientDisconnect:
                ending = Ending.DISCONNECTED
                break
            except TimeoutError:
                ending = Ending.TIMED_OUT
                break
            if chunk is None:
                break
            if not chunk:
                continue
            if written + len(chunk) > max_bytes:
                ending = Ending.OVERFLOW
                chunk = chunk[: max_bytes - written]
            if written + len(chunk) > room_until:
                if not has_room(len(chunk) + ROOM_CHECK_BYTES):
                    ending = Ending.DISK_FULL
                    break
                room_until = written + len(chunk) + ROOM_CHECK_BYTES
            try:
                await sink.write(chunk)
            except StorageFullError:
                ending = Ending.DISK_FULL  # keep the whole chunks written before
                break
            except StorageError:
                ending = Ending.STORAGE_FAILED
                break
            written += len(chunk)
            if hasher is not None:
                hasher.update(chunk)
            if ending is Ending.OVERFLOW:
                break
    except asyncio.CancelledError:
        # Server shutting down mid-body: keep what arrived (blocking is fine now), then let it cancel.
        sink.close_on_shutdown(keep=hasher is None)
        raise
    if ending is Ending.COMPLETE and checksum and hasher and hasher.digest() != checksum.digest:
        ending = Ending.CHECKSUM_MISMATCH
    # Without a checksum every byte that arrived is valid upload data (an overflow keeps the part that
    # fits); with one, only a whole, matching body is kept.
    keep = ending is Ending.COMPLETE or checksum is None
    try:
        new_offset = await sink.close(keep)
    except StorageError as error:
        new_offset = sink.committed_offset
        ending = Ending.DISK_FULL if isinstance(error, StorageFullError) else Ending.STORAGE_FAILED
    BYTES_RECEIVED.inc(max(new_offset - start, 0))
    return Received(ending, new_offset)
