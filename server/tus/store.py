"""Database side of tus uploads: create, read a snapshot, commit an offset, end (terminate or expire)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from server.context import ServerContext
from server.db.models import Upload
from server.services import deletions

RECEIVING = "receiving"
FINISHED = "finished"
ATTACHED = "attached"
TERMINATED = "terminated"
EXPIRED = "expired"
GONE_STATES = frozenset({TERMINATED, EXPIRED})


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


def create_upload(
    ctx: ServerContext,
    upload_id: str,
    upload_key_id: int,
    length_bytes: int,
    metadata_header: str,
    metadata: dict[str, str],
) -> UploadInfo:
    """Inserts a new upload row (its file must already exist)."""
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


def end_upload(ctx: ServerContext, upload_id: str, state: str) -> bool:
    """Marks an unattached upload terminated or expired and deletes its file; the row stays (then 410).

    The file's deletion is recorded with the state change, so a crash in between cannot keep it.

    Returns:
        False when the upload was attached to a take (or already gone) meanwhile, and nothing was done.
    """
    with ctx.db.session() as session:
        row = session.get_one(Upload, upload_id, with_for_update=True)
        if row.state not in (RECEIVING, FINISHED):
            return False
        row.state = state
        deletions.schedule(session, ctx.now(), deletions.UPLOAD, [upload_id])
    deletions.carry_out(ctx)
    return True


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
