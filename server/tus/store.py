"""Database side of tus uploads: create, read, commit progress, finish, end (terminate or expire)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from server.context import ServerContext
from server.db.engine import is_disk_full
from server.db.models import Upload, UploadKey, UploadPart
from server.errors import ApiError
from server.services import deletions
from server.storage.port import Part, Progress, StorageError, UploadTarget

log = logging.getLogger(__name__)

RECEIVING = "receiving"
FINISHED = "finished"
ATTACHED = "attached"
TERMINATED = "terminated"
EXPIRED = "expired"
GONE_STATES = frozenset({TERMINATED, EXPIRED})
QUOTA_RETRY_AFTER_S = 60


@dataclass(frozen=True)
class UploadInfo:
    """A snapshot of an upload row (safe to pass between threads)."""

    id: str
    upload_key_id: int
    length_bytes: int
    offset_bytes: int
    metadata_header: str
    sha256: str | None
    submission_id: str | None
    take_id: str | None
    state: str
    expires_utc: datetime
    multipart_id: str | None = None
    part_count: int = 0
    tail_key: str | None = None
    tail_bytes: int = 0

    @property
    def target(self) -> UploadTarget:
        """What the storage needs to append to this upload."""
        return UploadTarget(
            self.id,
            self.length_bytes,
            self.offset_bytes,
            self.multipart_id,
            self.part_count,
            self.tail_key,
            self.tail_bytes,
        )

    @property
    def complete(self) -> bool:
        """True when every byte has arrived."""
        return self.offset_bytes == self.length_bytes

    def expired_at(self, now: datetime) -> bool:
        """True when the upload is unfinished and past its expiry."""
        return self.state == RECEIVING and now >= self.expires_utc


def _info(row: Upload) -> UploadInfo:
    return UploadInfo(
        id=row.id,
        upload_key_id=row.upload_key_id,
        length_bytes=row.length_bytes,
        offset_bytes=row.offset_bytes,
        metadata_header=row.metadata_header,
        sha256=row.sha256,
        submission_id=row.submission_id,
        take_id=row.take_id,
        state=row.state,
        expires_utc=row.expires_utc,
        multipart_id=row.multipart_id,
        part_count=row.part_count,
        tail_key=row.tail_key,
        tail_bytes=row.tail_bytes,
    )


def _admit(session: Session, ctx: ServerContext, upload_key_id: int, length_bytes: int) -> None:
    """Refuses an upload the key's quota or the disk has no room for (in the creating transaction).

    The key's row is locked first, so two creations of one key are checked one after the other.

    Raises:
        ApiError: 429 ``upload_quota`` (too many open uploads, or too many bytes in them, for this key);
            507 ``disk_full`` (the upload, on top of the bytes promised to uploads under way, would leave
            less than ``min_free_bytes`` free).
    """
    settings = ctx.settings
    session.get(UploadKey, upload_key_id, with_for_update=True)
    open_count, open_bytes = session.execute(
        select(func.count(), func.coalesce(func.sum(Upload.length_bytes), 0)).where(
            Upload.upload_key_id == upload_key_id, Upload.state.in_((RECEIVING, FINISHED))
        )
    ).one()
    if (
        open_count + 1 > settings.key_open_uploads
        or open_bytes + length_bytes > settings.key_open_upload_bytes
    ):
        raise ApiError(
            429,
            "upload_quota",
            "This key has too many unfinished uploads (or too many bytes in them). Finish or end some, or "
            "try again later.",
            {"Retry-After": str(QUOTA_RETRY_AFTER_S)},
        )
    reserved = session.scalar(
        select(func.coalesce(func.sum(Upload.length_bytes - Upload.offset_bytes), 0)).where(
            Upload.state == RECEIVING
        )
    )
    if not ctx.storage.has_room_for(length_bytes, int(reserved or 0)):
        raise ApiError(
            507,
            "disk_full",
            "The server has no room for an upload of this size now (space is kept for uploads under way). "
            "Try again later.",
        )


def create_upload(
    ctx: ServerContext,
    upload_id: str,
    upload_key_id: int,
    length_bytes: int,
    metadata_header: str,
    metadata: dict[str, str],
) -> UploadInfo:
    """Inserts a new upload row once the key's quota and the storage have room for it (see :func:`_admit`);
    the caller then makes its storage (:func:`make_storage`).

    Raises:
        ApiError: 429 ``upload_quota``; 507 ``disk_full``.
    """
    now = ctx.now()
    row = Upload(
        id=upload_id,
        upload_key_id=upload_key_id,
        length_bytes=length_bytes,
        offset_bytes=0,
        metadata_header=metadata_header,
        sha256=metadata.get("sha256"),
        submission_id=metadata.get("submission_id"),
        take_id=metadata.get("take_id"),
        state=FINISHED if length_bytes == 0 else RECEIVING,
        created_utc=now,
        expires_utc=now + timedelta(seconds=ctx.settings.upload_expiry_s),
        finished_utc=now if length_bytes == 0 else None,
        part_count=0,
        tail_bytes=0,
    )
    with ctx.db.session() as session:
        _admit(session, ctx, upload_key_id, length_bytes)
        session.add(row)
    return _info(row)


def make_storage(ctx: ServerContext, info: UploadInfo) -> UploadInfo:
    """Makes a new upload's storage and lock, after its row (so a refused creation costs the storage
    nothing); on object storage the multipart upload's id is recorded. A crash before this ends leaves a
    row the consistency check ends a minute later (its client never learnt its URL).

    Raises:
        OSError: no room for the file; StorageError: the object store failed (the caller discards the row).
    """
    multipart_id = ctx.storage.create_upload(info.id, info.length_bytes)
    ctx.locks.prepare(info.id)
    if multipart_id is None:
        return info
    with ctx.db.session() as session:
        session.get_one(Upload, info.id, with_for_update=True).multipart_id = multipart_id
    return replace(info, multipart_id=multipart_id)


def get_upload(ctx: ServerContext, upload_id: str) -> UploadInfo | None:
    """The upload's current row, or None."""
    with ctx.db.session() as session:
        row = session.get(Upload, upload_id)
        return None if row is None else _info(row)


class OffsetMovedError(StorageError):
    """The upload's committed offset is not where this writer left it: another writer got in."""


def commit_progress(ctx: ServerContext, upload_id: str, expected_offset: int, progress: Progress) -> None:
    """Records bytes the storage now holds (new parts, the current tail, the offset).

    ``expected_offset`` is the offset this writer saw last: a mismatch means it lost its lock (a database
    connection dropped under it) and another writer moved on, so nothing is recorded.

    Raises:
        OffsetMovedError: the offset moved meanwhile.
    """
    with ctx.db.session() as session:
        row = session.get_one(Upload, upload_id, with_for_update=True)
        if row.offset_bytes != expected_offset or row.state != RECEIVING:
            raise OffsetMovedError(upload_id)
        for part in progress.new_parts:
            session.add(
                UploadPart(
                    upload_id=upload_id, number=part.number, size_bytes=part.size_bytes, etag=part.etag
                )
            )
        row.part_count += len(progress.new_parts)
        row.offset_bytes = progress.offset_bytes
        row.tail_key = progress.tail_key
        row.tail_bytes = progress.tail_bytes


def finish(ctx: ServerContext, info: UploadInfo) -> UploadInfo:
    """Makes a whole upload readable in storage, then marks it finished (safe to repeat after a crash)."""
    with ctx.db.session() as session:
        parts = [
            Part(row.number, row.size_bytes, row.etag)
            for row in session.scalars(
                select(UploadPart).where(UploadPart.upload_id == info.id).order_by(UploadPart.number)
            )
        ]
    ctx.storage.finish_upload(info.target, parts)
    with ctx.db.session() as session:
        row = session.get_one(Upload, info.id, with_for_update=True)
        if row.state == RECEIVING and row.offset_bytes == row.length_bytes:
            row.state = FINISHED
            row.finished_utc = ctx.now()
        return _info(row)


def rewind(ctx: ServerContext, upload_id: str, offset_bytes: int) -> None:
    """Sets an unattached upload back to ``offset_bytes``: its storage lost bytes the database recorded
    (a file cut short; on object storage, a lost tail object, the parts being all there)."""
    with ctx.db.session() as session:
        row = session.get_one(Upload, upload_id, with_for_update=True)
        if row.state in (RECEIVING, FINISHED) and offset_bytes < row.offset_bytes:
            row.offset_bytes, row.state, row.finished_utc = offset_bytes, RECEIVING, None
            if row.tail_key is not None:
                row.tail_key, row.tail_bytes = None, 0


def _record_end(ctx: ServerContext, upload_id: str, state: str) -> bool:
    with ctx.db.session() as session:
        row = session.get_one(Upload, upload_id, with_for_update=True)
        if row.state not in (RECEIVING, FINISHED):
            return False
        row.state = state
        deletions.schedule(session, ctx.now(), deletions.UPLOAD, [upload_id])
    return True


def end_upload(ctx: ServerContext, upload_id: str, state: str) -> bool:
    """Marks an unattached upload terminated or expired and deletes its file; the row stays (then 410).

    The file's deletion is recorded with the state change, so a crash in between cannot keep it. When the
    disk is so full that the database cannot record anything, the file is deleted first (that frees the
    space) and the change recorded after; should even that fail, the file is gone and the consistency
    check ends the row later.

    Returns:
        False when the upload was attached to a take (or already gone) meanwhile, and nothing was done.
    """
    try:
        ended = _record_end(ctx, upload_id, state)
    except OperationalError as error:
        if not is_disk_full(error):
            raise
        info = get_upload(ctx, upload_id)
        if info is None or info.state not in (RECEIVING, FINISHED):
            return False
        ctx.storage.delete_upload(upload_id)
        try:
            ended = _record_end(ctx, upload_id, state)
        except OperationalError as again:
            if not is_disk_full(again):
                raise
            log.warning("An upload's file was deleted; the disk is too full to record it yet")
            return True
    deletions.carry_out(ctx)
    return ended


def discard_upload(ctx: ServerContext, upload_id: str) -> None:
    """Removes an upload completely (row and files): used when its creation request failed."""
    with ctx.db.session() as session:
        row = session.get(Upload, upload_id)
        if row is not None:
            session.delete(row)
        deletions.schedule(session, ctx.now(), deletions.UPLOAD, [upload_id])
    deletions.carry_out(ctx)


def open_uploads(ctx: ServerContext, created_before: datetime) -> list[UploadInfo]:
    """Uploads still receiving or finished (not attached) that were created before ``created_before``."""
    with ctx.db.session() as session:
        rows = session.scalars(
            select(Upload).where(
                Upload.state.in_((RECEIVING, FINISHED)), Upload.created_utc <= created_before
            )
        )
        return [_info(row) for row in rows]


def expired_upload_ids(ctx: ServerContext, now: datetime) -> list[str]:
    """Unfinished uploads past expiry, and finished ones never attached by then (for the purge)."""
    with ctx.db.session() as session:
        rows = session.scalars(
            select(Upload.id).where(Upload.state.in_((RECEIVING, FINISHED)), Upload.expires_utc <= now)
        )
        return list(rows)
