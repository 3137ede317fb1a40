"""tus 1.0.0 endpoints at /files/: OPTIONS, POST (creation, creation-with-upload), HEAD, PATCH, DELETE."""

from __future__ import annotations

from email.utils import format_datetime

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from server.auth import KeyHolder, authenticate_upload_key
from server.context import ServerContext
from server.errors import ApiError
from server.locks import LockTimeoutError, UploadGoneError
from server.storage import StorageError, StorageFullError, is_id, new_id
from server.tus import store
from server.tus.headers import (
    CHECKSUM_ALGORITHMS,
    TUS_EXTENSIONS,
    TUS_VERSION,
    bad,
    content_type_is_offset_stream,
    parse_checksum,
    parse_metadata,
    parse_non_negative,
)
from server.tus.receive import Ending
from server.tus.target import check_upload_target
from server.tus.writing import LOCKED_MESSAGE, settled, write

router = APIRouter()
CHECKSUM_MESSAGE = "The data does not match its Upload-Checksum; it was discarded."
DISK_FULL_MESSAGE = "The server ran out of disk space; what arrived is kept. Try again later."
STORAGE_MESSAGE = (
    "The server could not store the data just now; what it kept is its Upload-Offset. Try again."
)


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
    if info.expired_at(ctx.now()):
        await run_in_threadpool(_expire_if_idle, ctx, upload_id)
        info = await run_in_threadpool(store.get_upload, ctx, upload_id)
        assert info is not None
    if info.state in store.GONE_STATES:
        raise ApiError(410, f"upload_{info.state}", f"This upload was {info.state}; start a new one.")
    return info


def _expire_if_idle(ctx: ServerContext, upload_id: str) -> None:
    """Ends an expired upload unless a request (on any replica) is writing to it right now."""
    with ctx.locks.try_hold(upload_id) as held:
        if held:
            store.end_upload(ctx, upload_id, store.EXPIRED)


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
    )  # 429 over the key's quota, 507 when the storage has no room for it
    try:
        info = await run_in_threadpool(store.make_storage, ctx, info)
    except OSError as error:
        await run_in_threadpool(store.discard_upload, ctx, upload_id)
        if isinstance(error, StorageError) and not isinstance(error, StorageFullError):
            raise ApiError(503, "storage_unavailable", STORAGE_MESSAGE, {"Retry-After": "5"}) from None
        raise ApiError(
            507, "disk_full", "The server has no room for this upload now. Try again later."
        ) from None
    location = str(request.url_for("head", upload_id=upload_id))
    if with_upload and _has_body(request):
        try:
            info, ending = await write(ctx, request, info, checksum, 0, has_body=True)
        except ApiError:
            await run_in_threadpool(store.discard_upload, ctx, upload_id)
            raise
        if ending is Ending.OVERFLOW:
            await run_in_threadpool(store.discard_upload, ctx, upload_id)
            raise ApiError(413, "upload_too_large", "The request body is longer than the Upload-Length.")
        if ending is Ending.CHECKSUM_MISMATCH:
            await run_in_threadpool(store.discard_upload, ctx, upload_id)
            raise ApiError(460, "checksum_mismatch", CHECKSUM_MESSAGE)
        _refuse_storage_failure(ending, info, {"Location": location})
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
        info = await settled(_ctx(request), info)
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
    info, ending = await write(_ctx(request), request, info, checksum, offset, _has_body(request))
    if ending is Ending.CHECKSUM_MISMATCH:
        raise ApiError(460, "checksum_mismatch", CHECKSUM_MESSAGE)
    if ending is Ending.OVERFLOW:
        raise ApiError(413, "upload_too_large", "The body goes past the end of the upload (Upload-Length).")
    _refuse_storage_failure(ending, info, {})
    headers = {"Upload-Offset": str(info.offset_bytes), **_expires_header(info)}
    if ending is Ending.TIMED_OUT:
        headers["Connection"] = "close"
    return Response(status_code=204, headers=headers)


def _refuse_storage_failure(ending: Ending, info: store.UploadInfo, headers: dict[str, str]) -> None:
    """507 for a full disk (or bucket quota), 503 for a storage failure; both say what was kept."""
    kept = {**headers, "Upload-Offset": str(info.offset_bytes)}
    if ending is Ending.DISK_FULL:
        raise ApiError(507, "disk_full", DISK_FULL_MESSAGE, kept)
    if ending is Ending.STORAGE_FAILED:
        raise ApiError(503, "storage_unavailable", STORAGE_MESSAGE, {**kept, "Retry-After": "5"})


@router.delete("/files/{upload_id}", status_code=204)
async def delete(request: Request, upload_id: str) -> Response:
    """Termination: frees the file; later requests get 410. An upload already in a submission stays."""
    ctx = _ctx(request)
    info = await _load(request, upload_id, await _key(request))
    if info.state == store.ATTACHED:
        raise ApiError(409, "upload_attached", "This upload is part of a submission and cannot be deleted.")
    try:
        async with ctx.locks.hold(upload_id, ctx.settings.patch_idle_timeout_s):
            ended = await run_in_threadpool(store.end_upload, ctx, upload_id, store.TERMINATED)
    except LockTimeoutError:
        raise ApiError(423, "upload_locked", LOCKED_MESSAGE) from None
    except UploadGoneError:
        raise ApiError(410, "upload_gone", "This upload was already removed.") from None
    if not ended:
        raise ApiError(409, "upload_attached", "This upload is part of a submission and cannot be deleted.")
    return Response(status_code=204)
