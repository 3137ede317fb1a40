"""Checks that the database and the storage agree; repairs what it can and reports the rest.

Run when the server starts and by every purge, so whatever a crash (kill -9, power cut) left half done is
finished or undone without anyone deleting files by hand:

- pending deletions are carried out (a withdrawal or discard committed, its files not yet deleted);
- a take whose upload was attached but not yet moved into media gets it moved (attach commits first);
- a take of an open submission whose video is lost is detached (the app sends it again); of a received
  one, reported; a received take's missing poster is made again;
- an unfinished upload whose bytes are lost ends (its client starts again); one whose storage holds fewer
  bytes than the offset recorded goes back to what it holds;
- what no row points at is deleted (:meth:`server.storage.Storage.sweep`): media of no take at once, upload
  bytes a minute after they were last written, and temporary files whose writer died. (Uploads younger
  than a minute are left alone: a creation commits its row, then makes its storage.)

The same steps run on the data folder and on object storage, through the storage port. With several worker
processes or replicas, the timed purge elects one runner (:mod:`server.housekeeping`); the check is still
safe to run twice at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from server import statuses
from server.context import ServerContext
from server.db.models import Submission, Take, Upload
from server.services import deletions
from server.services.verify import TakeCheckError, write_poster
from server.storage.port import LiveObjects, StoredMedia
from server.tus import store

log = logging.getLogger(__name__)

STRAY_UPLOAD_MIN_AGE_S = 60.0


@dataclass
class ConsistencyReport:
    """What the check did (``repaired``, ``removed_files``) and what needs a person (``problems``)."""

    repaired: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Plain-English summary lines."""
        return [
            f"Files no record points at, removed: {len(self.removed_files)}",
            *(f"Repaired: {line}" for line in self.repaired),
            *(f"Needs attention: {line}" for line in self.problems),
        ]


def check_and_repair(ctx: ServerContext) -> ConsistencyReport:
    """Runs every check once (safe while the server runs: each step re-checks before it changes a thing)."""
    report = ConsistencyReport()
    deletions.carry_out(ctx)
    _check_takes(ctx, report)
    _check_uploads(ctx, report)
    report.removed_files += ctx.storage.sweep(
        lambda: _live(ctx), lambda i: _busy(ctx, i), STRAY_UPLOAD_MIN_AGE_S
    )
    for line in report.repaired:
        log.warning("Repaired after an interruption: %s", line)
    for line in report.problems:
        log.error("Storage problem: %s", line)
    if report.removed_files:
        log.info("Removed %d file(s) no record points at", len(report.removed_files))
    return report


def _check_takes(ctx: ServerContext, report: ConsistencyReport) -> None:
    stored = ctx.storage.stored_media()  # listed before the rows are read: see _check_take
    with ctx.db.session() as session:
        rows = session.execute(
            select(Take.id, Take.take_id, Take.media_id, Take.upload_id, Take.duration_s, Submission.status)
            .join(Submission, Take.submission_id == Submission.id)
            .where(Take.media_id.is_not(None))
        ).all()
    for pk, take_id, media_id, upload_id, duration_s, status in rows:
        if media_id is not None:
            _check_take(ctx, report, stored, _Take(pk, take_id, media_id, upload_id, duration_s, status))


@dataclass(frozen=True)
class _Take:
    pk: int
    take_id: str
    media_id: str
    upload_id: str | None
    duration_s: float
    status: str


def _check_take(ctx: ServerContext, report: ConsistencyReport, stored: StoredMedia, take: _Take) -> None:
    # A video listed is there (media is deleted only after its row is gone); one not listed may have been
    # moved in since the listing, so the steps below ask the storage again before they change anything. A
    # poster not listed is made again (harmless should a complete have written one since: it is replaced
    # whole).
    storage = ctx.storage
    if take.media_id in stored.videos:
        if take.status in statuses.REVIEWABLE and take.media_id not in stored.posters:
            _make_poster_again(ctx, report, take.take_id, take.media_id, take.duration_s)
    elif take.upload_id and storage.has_upload(take.upload_id):
        storage.adopt_upload(take.upload_id, take.media_id)
        report.repaired.append(f"take {take.take_id}: its attached upload was moved into the media")
    elif storage.has_media(take.media_id):
        return  # an attach moved it just now
    elif take.status == statuses.OPEN:
        _detach(ctx, take.pk, take.media_id)
        report.repaired.append(f"take {take.take_id}: its file was lost, so the app will send it again")
    else:
        report.problems.append(f"take {take.take_id} ({take.status}) has no video in the storage")


def _make_poster_again(
    ctx: ServerContext, report: ConsistencyReport, take_id: str, media_id: str, duration_s: float
) -> None:
    try:
        write_poster(ctx.storage, media_id, duration_s)
    except TakeCheckError as problem:
        report.problems.append(f"take {take_id} has no poster and its video {problem}")
        return
    report.repaired.append(f"take {take_id}: its poster was made again")


def _detach(ctx: ServerContext, take_pk: int, media_id: str) -> None:
    with ctx.db.session() as session:
        take = session.get(Take, take_pk, with_for_update=True)
        if take is None or take.media_id != media_id:
            return
        take.media_id, take.upload_id, take.verified = None, None, False


def _check_uploads(ctx: ServerContext, report: ConsistencyReport) -> None:
    # a creation commits its row, then makes its storage: younger uploads are left alone
    uploads = store.open_uploads(ctx, ctx.now() - timedelta(seconds=STRAY_UPLOAD_MIN_AGE_S))
    for info in uploads:
        with ctx.locks.try_hold(info.id) as idle:  # a PATCH writing now (on any replica) is left alone
            if not idle:
                continue
            size = ctx.storage.upload_size(info.target)
            if size is None:
                if store.end_upload(ctx, info.id, store.EXPIRED):
                    report.repaired.append(f"upload {info.id}: its bytes were lost, so it ended (410)")
            elif size < info.offset_bytes:
                store.rewind(ctx, info.id, size)
                report.repaired.append(f"upload {info.id}: its offset went back to the {size} bytes stored")


def _live(ctx: ServerContext) -> LiveObjects:
    """What the rows point at now (read after the storage was listed)."""
    with ctx.db.session() as session:
        takes: list[tuple[str, str | None]] = [
            (media_id, upload_id)
            for media_id, upload_id in session.execute(
                select(Take.media_id, Take.upload_id).where(Take.media_id.is_not(None))
            )
            if media_id is not None
        ]
        uploads = {
            upload_id: tail_key
            for upload_id, tail_key in session.execute(
                select(Upload.id, Upload.tail_key).where(Upload.state.in_((store.RECEIVING, store.FINISHED)))
            )
        }
    attached = {upload_id: media_id for media_id, upload_id in takes if upload_id is not None}
    return LiveObjects(frozenset(media_id for media_id, _ in takes), uploads, attached)


def _busy(ctx: ServerContext, upload_id: str) -> bool:
    """True while a request (on any replica) holds the upload's lock."""
    with ctx.locks.try_hold(upload_id) as idle:
        return not idle
