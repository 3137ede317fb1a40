"""tus 1.0.0 endpoints at /files/: OPTIONS, POST (creation, creation-with-upload), HEAD, PATCH, DELETE."""

from __future__ import annotations

from email.utils import format_datetime

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from server.auth import KeyHolder, authenticate_upload_key
from server.context import ServerContext
from server.errors import ApiError
from server.storage import is_id, new_id
from server.tus import store
from server.tus.headers import (
    CHECKSUM_ALGORITHMS,
    TUS_EXTENSIONS,
    TUS_VERSION,
    Checksum,
    bad,
    content_type_is_offset_stream,
    parse_checksum,
    parse_metadata,
    parse_non_negative,
)
from server.tus.locks import LockTimeoutError, UploadGoneError
from server.tus.receive import Ending, receive_body
from server.tus.target import check_upload_target

router = APIRouter()
COMMIT_EVERY_BYTES = 16 * 1024 * 1024
LOCK_GRACE_S = 5.0
CHECKSUM_MESSAGE = "The data does not match its Upload-Checksum; it was discarded."
DISK_FULL_MESSAGE = "The server ran out of disk space; what arrived is kept. Try again later."


def _ctx(request: Request) -> ServerContext:
    context: ServerContext = request.app.state.context
    return context


async def _key(request: Request) -> KeyHolder:
    return await run_in_threadpool(authenticate_upload_key, _ctx(request), request)


def _expires_header(info: store.UploadInfo) -> dict[str, str]:
    if info.state != store.RECEIVING:
        return {}
    return {"Upload-Expires": format_datetime(info.expires_utc, usegmt=True)}


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    if length is not None:
        return length.strip() != "0"
    return "chunked" in request.headers.get("transfer-encoding", "").lower()


def _content_length(request: Request) -> int | None:
    return parse_non_negative(request.headers.get("content-length"), "Content-Length")


@router.options("/files", include_in_schema=False)
@router.options("/files/")
@router.options("/files/{upload_id}", include_in_schema=False)
async def options(request: Request) -> Response:
    """Server capabilities; no authentication and any Tus-Resumable (the spec says to ignore it)."""
    return Response(
        status_code=204,
        headers={
            "Tus-Version": TUS_VERSION,
            "Tus-Extension": TUS_EXTENSIONS,
            "Tus-Max-Size": str(_ctx(request).settings.max_upload_bytes),
            "Tus-Checksum-Algorithm": ",".join(CHECKSUM_ALGORITHMS),
        },
    )


async def _load(request: Request, upload_id: str, key: KeyHolder) -> store.UploadInfo:
    """The upload if it exists and belongs to this key; 404 otherwise, 410 once terminated or expired."""
    ctx = _ctx(request)
    info = await run_in_threadpool(store.get_upload, ctx, upload_id) if is_id(upload_id) else None
    if info is None or info.upload_key_id != key.id:
        raise ApiError(404, "unknown_upload", "There is no such upload.")
    if info.expired_at(ctx.now()) and not ctx.locks.busy(upload_id):
        await run_in_threadpool(store.end_upload, ctx, upload_id, store.EXPIRED)
        info = await run_in_threadpool(store.get_upload, ctx, upload_id)
        assert info is not None
    if info.state in store.GONE_STATES:
        raise ApiError(410, f"upload_{info.state}", f"This upload was {info.state}; start a new one.")
    return info


@router.post("/files", include_in_schema=False)
@router.post("/files/", status_code=201)
async def create(request: Request) -> Response:
    """Creation (and creation-with-upload): checks every header before anything is stored."""
    ctx = _ctx(request)
    key = await _key(request)
    if request.headers.get("upload-defer-length") is not None:
        raise bad("This server needs Upload-Length at creation (creation-defer-length is not offered).")
    if request.headers.get("upload-concat") is not None:
        raise bad("This server does not offer the concatenation extension.")
    length = parse_non_negative(request.headers.get("upload-length"), "Upload-Length")
    if length is None:
        raise bad("Creating an upload needs an Upload-Length header.", "missing_upload_length")
    if length > ctx.settings.max_upload_bytes:
        raise ApiError(
            413, "upload_too_large", f"Uploads may be at most {ctx.settings.max_upload_bytes} bytes."
        )
    metadata = parse_metadata(request.headers.get("upload-metadata"))
    with_upload = content_type_is_offset_stream(request.headers.get("content-type"))
    if _has_body(request) and not with_upload:
        raise ApiError(
            415, "unsupported_media_type", "Upload data must be sent as application/offset+octet-stream."
        )
    checksum = parse_checksum(request.headers.get("upload-checksum")) if with_upload else None
    content_length = _content_length(request)
    if content_length is not None and content_length > length:
        raise ApiError(413, "upload_too_large", "The request body is longer than the Upload-Length.")
    await run_in_threadpool(check_upload_target, ctx, key.id, metadata.values, length)
    upload_id = new_id()
    info = await run_in_threadpool(
        store.create_upload, ctx, upload_id, key.id, length, metadata.raw, metadata.values
    )  # 429 over the key's quota, 507 when the disk has no room for it
    try:
        ctx.storage.create_upload_file(upload_id)
    except OSError:
        await run_in_threadpool(store.discard_upload, ctx, upload_id)
        raise ApiError(
            507, "disk_full", "The server has no room for this upload now. Try again later."
        ) from None
    location = str(request.url_for("head", upload_id=upload_id))
    if with_upload and _has_body(request):
        try:
            info, ending = await _write(request, info, checksum)
        except ApiError:
            await run_in_threadpool(store.discard_upload, ctx, upload_id)
            raise
        if ending is Ending.OVERFLOW:
            await run_in_threadpool(store.discard_upload, ctx, upload_id)
            raise ApiError(413, "upload_too_large", "The request body is longer than the Upload-Length.")
        if ending is Ending.CHECKSUM_MISMATCH:
            await run_in_threadpool(store.discard_upload, ctx, upload_id)
            raise ApiError(460, "checksum_mismatch", CHECKSUM_MESSAGE)
        if ending is Ending.DISK_FULL:
            raise ApiError(507, "disk_full", DISK_FULL_MESSAGE, {"Location": location})
    headers = {"Location": location, "Upload-Offset": str(info.offset_bytes), **_expires_header(info)}
    return Response(status_code=201, headers=headers)


@router.head("/files/{upload_id}")
async def head(request: Request, upload_id: str) -> Response:
    """The upload's offset and length (``Cache-Control: no-store`` is added by the middleware).

    While a PATCH is still writing (e.g. its client was just killed and the server has not yet seen the
    connection drop), the offset in the database is stale: answering it would make the client's next
    PATCH fail with 409. So HEAD waits for the upload's lock, at most as long as a PATCH would (the idle
    timeout plus a grace), and answers the offset the PATCH left; 423 if the lock stays taken.
    """
    info = await _load(request, upload_id, await _key(request))
    if info.state == store.RECEIVING:
        info = await _settled(_ctx(request), info)
    headers = {"Upload-Offset": str(info.offset_bytes), "Upload-Length": str(info.length_bytes)}
    if info.metadata_header:
        headers["Upload-Metadata"] = info.metadata_header
    headers.update(_expires_header(info))
    return Response(status_code=200, headers=headers)


@router.patch("/files/{upload_id}")
async def patch(request: Request, upload_id: str) -> Response:
    """Appends the body at ``Upload-Offset``; 415, 409, 460, 413 leave the upload untouched."""
    info = await _load(request, upload_id, await _key(request))
    if not content_type_is_offset_stream(request.headers.get("content-type")):
        raise ApiError(415, "unsupported_media_type", "PATCH bodies must be application/offset+octet-stream.")
    offset = parse_non_negative(request.headers.get("upload-offset"), "Upload-Offset")
    if offset is None:
        raise bad("PATCH needs an Upload-Offset header.", "missing_upload_offset")
    checksum = parse_checksum(request.headers.get("upload-checksum"))
    content_length = _content_length(request)
    if content_length is not None and offset + content_length > info.length_bytes:
        raise ApiError(413, "upload_too_large", "The body goes past the end of the upload (Upload-Length).")
    info, ending = await _write(request, info, checksum, expected_offset=offset)
    if ending is Ending.CHECKSUM_MISMATCH:
        raise ApiError(460, "checksum_mismatch", CHECKSUM_MESSAGE)
    if ending is Ending.OVERFLOW:
        raise ApiError(413, "upload_too_large", "The body goes past the end of the upload (Upload-Length).")
    if ending is Ending.DISK_FULL:
        raise ApiError(507, "disk_full", DISK_FULL_MESSAGE, {"Upload-Offset": str(info.offset_bytes)})
    headers = {"Upload-Offset": str(info.offset_bytes), **_expires_header(info)}
    if ending is Ending.TIMED_OUT:
        headers["Connection"] = "close"
    return Response(status_code=204, headers=headers)


async def _write(
    request: Request, info: store.UploadInfo, checksum: Checksum | None, expected_offset: int = 0
) -> tuple[store.UploadInfo, Ending]:
    """Under the upload's lock: re-reads the offset, checks it (409) and streams the body in."""
    ctx = _ctx(request)
    upload_id = info.id
    wait_s = ctx.settings.patch_idle_timeout_s + LOCK_GRACE_S
    try:
        async with ctx.locks.hold(upload_id, ctx.storage.lock_path(upload_id), wait_s):
            current = await run_in_threadpool(store.get_upload, ctx, upload_id)
            if current is None or current.state in store.GONE_STATES:
                raise ApiError(410, "upload_gone", "This upload was removed while waiting; start a new one.")
            if expected_offset != current.offset_bytes:
                raise ApiError(
                    409,
                    "offset_mismatch",
                    f"Upload-Offset is {expected_offset} but the upload is at {current.offset_bytes}.",
                    {"Upload-Offset": str(current.offset_bytes)},
                )
            remaining = current.length_bytes - current.offset_bytes
            if remaining == 0:  # nothing may be added; the file may already have moved to media/
                return current, Ending.OVERFLOW if _has_body(request) else Ending.COMPLETE
            received = await receive_body(
                request,
                ctx.storage.upload_path(upload_id),
                current.offset_bytes,
                remaining,
                checksum,
                ctx.settings.patch_idle_timeout_s,
                COMMIT_EVERY_BYTES,
                lambda offset: _commit_quietly(ctx, upload_id, offset),
                ctx.storage.has_room_for,
            )
            if received.new_offset != current.offset_bytes:
                current = await run_in_threadpool(store.commit_offset, ctx, upload_id, received.new_offset)
            return current, received.ending
    except UploadGoneError:
        raise ApiError(
            410, "upload_gone", "This upload was removed while waiting; start a new one."
        ) from None
    except LockTimeoutError:
        raise ApiError(
            423, "upload_locked", "Another request is still writing to this upload. Try again."
        ) from None


async def _settled(ctx: ServerContext, info: store.UploadInfo) -> store.UploadInfo:
    """The upload as it is once no request is writing to it (waits for its lock, bounded)."""
    wait_s = ctx.settings.patch_idle_timeout_s + LOCK_GRACE_S
    try:
        async with ctx.locks.hold(info.id, ctx.storage.lock_path(info.id), wait_s):
            current = await run_in_threadpool(store.get_upload, ctx, info.id)
    except UploadGoneError:
        current = None
    except LockTimeoutError:
        raise ApiError(
            423, "upload_locked", "Another request is still writing to this upload. Try again."
        ) from None
    if current is None or current.state in store.GONE_STATES:
        raise ApiError(410, "upload_gone", "This upload was removed while waiting; start a new one.")
    return current


def _commit_quietly(ctx: ServerContext, upload_id: str, offset: int) -> None:
    store.commit_offset(ctx, upload_id, offset)


@router.delete("/files/{upload_id}", status_code=204)
async def delete(request: Request, upload_id: str) -> Response:
    """Termination: frees the file; later requests get 410. An upload already in a submission stays."""
    ctx = _ctx(request)
    info = await _load(request, upload_id, await _key(request))
    if info.state == store.ATTACHED:
        raise ApiError(409, "upload_attached", "This upload is part of a submission and cannot be deleted.")
    try:
        async with ctx.locks.hold(
            upload_id, ctx.storage.lock_path(upload_id), ctx.settings.patch_idle_timeout_s
        ):
            ended = await run_in_threadpool(store.end_upload, ctx, upload_id, store.TERMINATED)
    except LockTimeoutError:
        raise ApiError(
            423, "upload_locked", "Another request is still writing to this upload. Try again."
        ) from None
    except UploadGoneError:
        raise ApiError(410, "upload_gone", "This upload was already removed.") from None
    if not ended:
        raise ApiError(409, "upload_attached", "This upload is part of a submission and cannot be deleted.")
    return Response(status_code=204)
