"""Streams a request body onto the end of an upload file: never held whole in memory, timed out when idle.

Bytes are written as they arrive (``Request.stream()``), so a body cut off by a closed socket or an idle
client keeps what arrived. A chunk sent with ``Upload-Checksum`` is all-or-nothing: on a mismatch or a cut-off
body the file is truncated back to where the request started.
"""

from __future__ import annotations

import asyncio
import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from anyio import to_thread
from starlette.requests import ClientDisconnect, Request

from server.tus.headers import Checksum

ROOM_CHECK_BYTES = 1024 * 1024
_O_BINARY: int = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate newlines
_datasync: Callable[[int], None] = getattr(os, "fdatasync", os.fsync)


class Ending(Enum):
    """How the body ended."""

    COMPLETE = 1
    DISCONNECTED = 2
    TIMED_OUT = 3
    OVERFLOW = 4
    CHECKSUM_MISMATCH = 5
    DISK_FULL = 6


@dataclass(frozen=True)
class Received:
    """The outcome: how the body ended and the offset that is now safely on disk."""

    ending: Ending
    new_offset: int


async def receive_body(
    request: Request,
    path: Path,
    offset: int,
    max_bytes: int,
    checksum: Checksum | None,
    idle_timeout_s: float,
    commit_every_bytes: int,
    on_commit: Callable[[int], None],
    has_room: Callable[[int], bool],
) -> Received:
    """Appends the request body to ``path`` at ``offset``.

    Args:
        request: the PATCH (or creation-with-upload POST).
        path: the upload file; anything past ``offset`` (a tail a crash left uncommitted) is cut first.
        offset: the committed offset the body continues from.
        max_bytes: bytes still missing from the upload; more than this is an overflow.
        checksum: the ``Upload-Checksum`` to verify the whole body against, or None.
        idle_timeout_s: the connection is given up when no bytes arrive for this long.
        commit_every_bytes: without a checksum, bytes are fsynced and committed this often mid-body, so a
            crashed server keeps them.
        on_commit: called (in a worker thread) with each offset committed mid-body, and when the server
            shuts down mid-body.
        has_room: whether the disk has room for so many more bytes (above its reserve); asked before the
            first chunk and every ROOM_CHECK_BYTES after, so the body stops (DISK_FULL) before the disk
            fills rather than at 0 bytes free.

    Returns:
        How the body ended and the offset now on disk (the caller commits it).
    """
    fd = os.open(path, os.O_WRONLY | _O_BINARY)
    written = 0
    uncommitted = 0
    room_until = 0  # the disk had room up to here when last asked
    hasher = checksum.new_hasher() if checksum else None
    ending = Ending.COMPLETE
    try:
        os.ftruncate(fd, offset)
        os.lseek(fd, offset, os.SEEK_SET)
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(idle_timeout_s) as timer:
                async for chunk in request.stream():
                    timer.reschedule(loop.time() + idle_timeout_s)
                    if written + len(chunk) > max_bytes:
                        ending = Ending.OVERFLOW
                        chunk = chunk[: max_bytes - written]
                    if written + len(chunk) > room_until:
                        if not has_room(len(chunk) + ROOM_CHECK_BYTES):
                            ending = Ending.DISK_FULL
                            break
                        room_until = written + len(chunk) + ROOM_CHECK_BYTES
                    try:
                        _write_all(fd, chunk)
                    except OSError as error:
                        if error.errno not in (errno.ENOSPC, errno.EDQUOT):
                            raise
                        ending = Ending.DISK_FULL  # keep the whole chunks written before; cut the partial one
                        break
                    written += len(chunk)
                    if hasher is not None:
                        hasher.update(chunk)
                    else:
                        uncommitted += len(chunk)
                        if uncommitted >= commit_every_bytes:
                            uncommitted = 0
                            await to_thread.run_sync(_sync_and_commit, fd, on_commit, offset + written)
                    if ending is Ending.OVERFLOW:
                        break
        except ClientDisconnect:
            ending = Ending.DISCONNECTED
        except TimeoutError:
            ending = Ending.TIMED_OUT
        except asyncio.CancelledError:
            # Server shutting down mid-body: keep what arrived (blocking is fine now), then let it cancel.
            keep = offset if hasher is not None else offset + written
            os.ftruncate(fd, keep)
            _datasync(fd)
            if keep > offset:
                on_commit(keep)
            raise
        if ending is Ending.COMPLETE and checksum and hasher and hasher.digest() != checksum.digest:
            ending = Ending.CHECKSUM_MISMATCH
        # Without a checksum every byte that arrived is valid upload data (an overflow keeps the part that
        # fits); with one, only a whole, matching body is kept.
        keep = offset + written if ending is Ending.COMPLETE or checksum is None else offset
        os.ftruncate(fd, keep)
        await to_thread.run_sync(_datasync, fd)
        return Received(ending, keep)
    finally:
        os.close(fd)


def _write_all(fd: int, chunk: bytes) -> None:
    view = memoryview(chunk)
    while view:
        done = os.write(fd, view)
        view = view[done:]


def _sync_and_commit(fd: int, on_commit: Callable[[int], None], offset: int) -> None:
    _datasync(fd)
    on_commit(offset)
