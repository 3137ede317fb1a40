"""Discards an open submission of the sending key: manifest, personal data, media and uploads go at once.

The sending app calls this when a version it queued is superseded by newer answers or cancelled by its
owner before the server confirmed it: nothing of that version should wait 30 days for the purge. Only an
``open`` submission can be discarded; a received one has a reference code and is withdrawn instead.

What is removed: the submission row (manifest, person, consent choices, prompt texts, search text), its
take rows, the attached media files and every tus upload made for it (files deleted, rows marked
``terminated`` so a late PATCH or HEAD gets 410). What stays: the audit trail, with one ``discarded`` entry
(the key's label and counts, nothing personal). That entry also stops the same submission id from being
created again by a request that was still on its way (409 ``submission_discarded``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from server import statuses
from server.auth import KeyHolder
from server.context import ServerContext
from server.db.engine import is_disk_full
from server.db.models import Submission, Take, Upload
from server.errors import ApiError
from server.services import audit, deletions
from server.services.intake import own_submission
from server.tus import store

log = logging.getLogger(__name__)

DISCARDED = audit.DISCARDED


def _open_submission(session: Session, key: KeyHolder, submission_id: str) -> Submission:
    """The submission, row-locked, if this key made it and it is still open.

    Raises:
        ApiError: 404 unknown (or another key's); 409 once received, withdrawn or expired.
    """
    submission = own_submission(session, key, submission_id)
    if submission.status != statuses.OPEN:
        status = submission.status
        if status in statuses.CLOSED:
            message = f"This submission was {status} already; there is nothing left to discard."
            code = f"submission_{status}"
        else:
            message = (
                "This submission has been received, so it cannot be discarded; it can be withdrawn with "
                "its reference code."
            )
            code = "submission_received"
        raise ApiError(409, code, message, extra={"status": status})
    return submission


def _live_uploads_of(session: Session, key: KeyHolder, submission: Submission) -> list[Upload]:
    """The submission's uploads not yet terminated or expired (made for it, or attached to its takes)."""
    attached = [take.upload_id for take in submission.takes if take.upload_id]
    return list(
        session.scalars(
            select(Upload)
            .where(
                Upload.upload_key_id == key.id,
                or_(Upload.submission_id == submission.id, Upload.id.in_(attached)),
                Upload.state.not_in(store.GONE_STATES),
            )
            .order_by(Upload.id)
        )
    )


def upload_ids_to_lock(ctx: ServerContext, key: KeyHolder, submission_id: str) -> list[str]:
    """The uploads made for an open submission of this key (their locks are taken before discarding).

    Raises:
        ApiError: as :func:`discard_submission`.
    """
    with ctx.db.session() as session:
        submission = _open_submission(session, key, submission_id)
        return [upload.id for upload in _live_uploads_of(session, key, submission)]


@dataclass(frozen=True)
class _Discarded:
    takes: int
    media_ids: list[str]
    upload_ids: list[str]


def _discard_in_database(ctx: ServerContext, key: KeyHolder, submission_id: str) -> _Discarded:
    """One transaction: the rows go, the uploads end, their files are scheduled for deletion, audited."""
    with ctx.db.session() as session:
        submission = _open_submission(session, key, submission_id)
        media_ids = [take.media_id for take in submission.takes if take.media_id]
        live = _live_uploads_of(session, key, submission)
        for upload in live:
            upload.state = store.TERMINATED
        done = _Discarded(len(submission.takes), media_ids, [upload.id for upload in live])
        session.execute(delete(Take).where(Take.submission_id == submission_id))
        session.delete(submission)
        deletions.schedule(session, ctx.now(), deletions.MEDIA, done.media_ids)
        deletions.schedule(session, ctx.now(), deletions.UPLOAD, done.upload_ids)
        detail = {"key": key.label, "takes": done.takes, "media_files": len(media_ids), "uploads": len(live)}
        audit.record(session, ctx.now(), audit.SUBMITTER, DISCARDED, submission_id, detail)
    return done


def _delete_files_first(ctx: ServerContext, key: KeyHolder, submission_id: str) -> None:
    """The disk is too full for the database to record the discard: delete its files now (reading needs no
    space), which frees what the database needs."""
    with ctx.db.session() as session:
        submission = _open_submission(session, key, submission_id)
        media_ids = [take.media_id for take in submission.takes if take.media_id]
        upload_ids = [upload.id for upload in _live_uploads_of(session, key, submission)]
    for media_id in media_ids:
        ctx.storage.delete_media(media_id)
    for upload_id in upload_ids:
        ctx.storage.delete_upload(upload_id)


def discard_submission(ctx: ServerContext, key: KeyHolder, submission_id: str) -> None:
    """Removes an open submission of ``key`` with its media and uploads (the caller holds the upload locks).

    Runs under the submission's complete lock, so a complete that is hashing finishes first (and then
    this answers 409), or starts after and finds nothing (404). On a disk too full for the database to
    write, the files are deleted first and the discard recorded after (still failing: 507, and the app
    tries again; its files are gone already).

    Raises:
        ApiError: 404 unknown submission or another key's; 409 received, withdrawn or expired.
        OperationalError: the database still cannot write (the error handler answers 507 ``disk_full``).
    """
    with ctx.locks.submission(submission_id):
        try:
            done = _discard_in_database(ctx, key, submission_id)
        except OperationalError as error:
            if not is_disk_full(error):
                raise
            _delete_files_first(ctx, key, submission_id)
            done = _discard_in_database(ctx, key, submission_id)
        deletions.after_personal_data_removed(ctx)
    log.info(
        "A submission was discarded by its sender: %d take(s), %d media file(s), %d upload(s) removed",
        done.takes,
        len(done.media_ids),
        len(done.upload_ids),
    )
