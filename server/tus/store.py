"""Database side of tus uploads: create, read a snapshot, commit an offset, end (terminate or expire)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from server.context import ServerContext
from server.db.engine import is_disk_full
from server.db.models import Upload, UploadKey
from server.errors import ApiError
from server.services import deletions

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
    """Inserts a new upload row once the key's quota and the disk have room for it (see :func:`_admit`);
    the caller creates its file afterwards.

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
    )
    with ctx.db.session() as session:
        _admit(session, ctx, upload_key_id, length_bytes)
        session.add(row)
    return _info(row)


def get_upload(ctx: ServerContext, upload_id: str) -> UploadInfo | None:
    """The upload's current row, or None."""
    with ctx.db.session() as session:
        row = session.get(Upload, upload_id)
        return None if row is None else _info(row)


def commit_offset(ctx: ServerContext, upload_id: str, offset_bytes: int) -> UploadInfo:
    """Records bytes that are on disk (fsynced); marks the upload finished when it is whole."""
    with ctx.db.session() as session:
        row = session.get_one(Upload, upload_id, with_for_update=True)
        row.offset_bytes = offset_bytes
        if offset_bytes == row.length_bytes and row.state == RECEIVING:
            row.state = FINISHED
            row.finished_utc = ctx.now()
        return _info(row)


def rewind(ctx: ServerContext, upload_id: str, offset_bytes: int) -> None:
    """Sets an unattached upload back to ``offset_bytes`` (its file lost bytes the database recorded)."""
    with ctx.db.session() as session:
        row = session.get_one(Upload, upload_id, with_for_update=True)
        if row.state in (RECEIVING, FINISHED) and offset_bytes < row.offset_bytes:
            row.offset_bytes, row.state, row.finished_utc = offset_bytes, RECEIVING, None


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


def expired_upload_ids(ctx: ServerContext, now: datetime) -> list[str]:
    """Unfinished uploads past expiry, and finished ones never attached by then (for the purge)."""
    with ctx.db.session() as session:
        rows = session.scalars(
            select(Upload.id).where(Upload.state.in_((RECEIVING, FINISHED)), Upload.expires_utc <= now)
        )
        return list(rows)
