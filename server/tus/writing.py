"""Writing to an upload under its lock: the offset check, the body streamed through the storage sink with
progress committed as it lands, and finishing the upload once its last byte is stored.

A PATCH whose upload became whole is finished at once (object storage completes its multipart upload); an
upload left whole but unfinished by a crash in between is finished by the next HEAD or PATCH that holds its
lock, so the client only ever sees finished uploads at their full length.
"""

from __future__ import annotations

import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from server.context import ServerContext
from server.errors import ApiError
from server.locks import LockTimeoutError, UploadGoneError
from server.metrics import PATCH_SECONDS, UPLOADS_IN_PROGRESS
from server.storage.port import Progress
from server.tus import store
from server.tus.headers import Checksum
from server.tus.receive import Ending, receive_body

LOCK_GRACE_S = 5.0
GONE_MESSAGE = "This upload was removed while waiting; start a new one."
LOCKED_MESSAGE = "Another request is still writing to this upload. Try again."


def lock_wait_s(ctx: ServerContext) -> float:
    """How long a request waits for an upload's lock: as long as a PATCH may run idle, and a grace."""
    return ctx.settings.patch_idle_timeout_s + LOCK_GRACE_S


async def write(
    ctx: ServerContext,
    request: Request,
    info: store.UploadInfo,
    checksum: Checksum | None,
    expected_offset: int,
    has_body: bool,
) -> tuple[store.UploadInfo, Ending]:
    """Under the upload's lock: re-reads the offset, checks it (409) and streams the body in.

    Raises:
        ApiError: 410 the upload ended meanwhile; 409 offset mismatch; 423 locked for too long.
    """
    try:
        async with ctx.locks.hold(info.id, lock_wait_s(ctx)):
            current = await _current(ctx, info.id)
            if expected_offset != current.offset_bytes:
                raise ApiError(
                    409,
                    "offset_mismatch",
                    f"Upload-Offset is {expected_offset} but the upload is at {current.offset_bytes}.",
                    {"Upload-Offset": str(current.offset_bytes)},
                )
            remaining = current.length_bytes - current.offset_bytes
            if remaining == 0:  # nothing may be added; the bytes may already have moved to media
                return current, Ending.OVERFLOW if has_body else Ending.COMPLETE
            ending = await _receive(ctx, request, current, remaining, checksum)
            return await _current(ctx, info.id), ending
    except UploadGoneError:
        raise ApiError(410, "upload_gone", GONE_MESSAGE) from None
    except LockTimeoutError:
        raise ApiError(423, "upload_locked", LOCKED_MESSAGE) from None


async def _receive(
    ctx: ServerContext,
    request: Request,
    current: store.UploadInfo,
    remaining: int,
    checksum: Checksum | None,
) -> Ending:
    committed = current.offset_bytes

    def commit(progress: Progress) -> None:
        nonlocal committed
        store.commit_progress(ctx, current.id, committed, progress)
        committed = progress.offset_bytes

    sink = await run_in_threadpool(ctx.storage.open_sink, current.target, checksum is not None, commit)
    started = time.perf_counter()
    UPLOADS_IN_PROGRESS.inc()
    try:
        received = await receive_body(
            request, sink, remaining, checksum, ctx.settings.patch_idle_timeout_s, ctx.storage.has_room_for
        )
    finally:
        UPLOADS_IN_PROGRESS.dec()
        PATCH_SECONDS.observe(time.perf_counter() - started)
    return received.ending


async def _current(ctx: ServerContext, upload_id: str) -> store.UploadInfo:
    """The upload's row (finished first if it is whole); 410 when it ended. Call under its lock."""
    current = await run_in_threadpool(store.get_upload, ctx, upload_id)
    if current is None or current.state in store.GONE_STATES:
        raise ApiError(410, "upload_gone", GONE_MESSAGE)
    if current.state == store.RECEIVING and current.complete:
        current = await run_in_threadpool(store.finish, ctx, current)
    return current


async def settled(ctx: ServerContext, info: store.UploadInfo) -> store.UploadInfo:
    """The upload as it is once no request is writing to it (waits for its lock, bounded).

    Raises:
        ApiError: 423 when the lock stays taken; 410 when the upload ended meanwhile.
    """
    try:
        async with ctx.locks.hold(info.id, lock_wait_s(ctx)):
            return await _current(ctx, info.id)
    except UploadGoneError:
        raise ApiError(410, "upload_gone", GONE_MESSAGE) from None
    except LockTimeoutError:
        raise ApiError(423, "upload_locked", LOCKED_MESSAGE) from None
