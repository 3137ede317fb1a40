"""Deleting files that hold personal data, so that a crash can delay a deletion but never lose it.

A change that makes files garbage (a withdrawal, a consent expiry, a discard, a re-attached take, an upload
terminated or expired) calls :func:`schedule` inside its own transaction: the files to delete are written
down with the status change, atomically. After the commit the caller calls :func:`carry_out`, which deletes
every file still pending and then forgets it. If the process dies in between, the next :func:`carry_out`
does it: at start-up, on any later change (a repeated withdrawal too) and in the scheduled purge.

Files and objects are deleted through the storage port (:class:`server.storage.Storage`: ``delete_media``,
``delete_upload``, which on object storage also aborts a multipart upload), so the same rule holds on the
data folder and on S3; an ended upload's lock goes with its bytes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from server import crashpoints
from server.context import ServerContext
from server.db.engine import is_disk_full
from server.db.models import PendingDeletion

log = logging.getLogger(__name__)

MEDIA = "media"
UPLOAD = "upload"


def schedule(session: Session, now: datetime, kind: str, object_ids: Iterable[str]) -> None:
    """Records, in the caller's transaction, that the files of these takes (``media``) or uploads go."""
    if kind not in (MEDIA, UPLOAD):
        raise ValueError(f"unknown kind of deletion: {kind}")
    session.add_all(PendingDeletion(kind=kind, object_id=i, created_utc=now) for i in object_ids)


def carry_out(ctx: ServerContext) -> int:
    """Deletes the files of every pending deletion, then forgets each one; returns how many were done.

    Safe to run from several threads, processes or replicas at once (deleting twice is harmless). A
    deletion whose files cannot be deleted now (an I/O error, an object store that does not answer: a
    ``StorageError`` is an ``OSError``) stays pending for the next run.
    """
    with ctx.db.session() as session:
        query = select(PendingDeletion.id, PendingDeletion.kind, PendingDeletion.object_id)
        rows = [(row.id, row.kind, row.object_id) for row in session.execute(query)]
    done: list[int] = []
    for row_id, kind, object_id in rows:
        try:
            if kind == MEDIA:
                ctx.storage.delete_media(object_id)
            else:
                ctx.storage.delete_upload(object_id)
                ctx.locks.forget(object_id)
        except OSError as error:
            log.warning("Could not delete the files of a %s yet (%s); will try again", kind, error.strerror)
            continue
        done.append(row_id)
    if done:
        try:
            with ctx.db.session() as session:
                session.execute(delete(PendingDeletion).where(PendingDeletion.id.in_(done)))
        except OperationalError as error:
            if not is_disk_full(error):
                raise
            log.warning("Deleted %d file set(s); the disk is too full to record it yet", len(done))
    return len(done)


def after_personal_data_removed(ctx: ServerContext) -> None:
    """What a committed withdrawal, expiry, discard or purge does next: delete the files now, then clear
    the database's journal of the rows as they were (SQLite's WAL keeps old pages until a checkpoint)."""
    crashpoints.crash_point(crashpoints.DELETIONS_COMMITTED)
    carry_out(ctx)
    ctx.db.scrub_journal()
