"""Checks that the database and the data folder agree; repairs what it can and reports the rest.

Run when the server starts and by every purge, so whatever a crash (kill -9, power cut) left half done is
finished or undone without anyone deleting files by hand:

- pending deletions are carried out (a withdrawal or discard committed, its files not yet deleted);
- a take whose upload was attached but not yet moved into ``media/`` gets it moved (attach commits first);
- a take of an open submission whose file is lost is detached (the app sends it again); of a received
  one, reported; a received take's missing poster is made again;
- an unfinished upload whose file is lost ends (its client starts again); one whose file is shorter than
  the offset recorded goes back to the length on disk;
- files no row points at are deleted: media of no take at once, upload files a minute after they were last
  written, and temporary files whose writer died. (Uploads younger than a minute are left alone: a creation
  commits its row, then makes its file.)
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
    _remove_unreferenced(ctx, report)
    report.removed_files += ctx.storage.remove_dead_temp_files()
    for line in report.repaired:
        log.warning("Repaired after an interruption: %s", line)
    for line in report.problems:
        log.error("Data folder problem: %s", line)
    if report.removed_files:
        log.info("Removed %d file(s) no record points at", len(report.removed_files))
    return report


def _check_takes(ctx: ServerContext, report: ConsistencyReport) -> None:
    with ctx.db.session() as session:
        rows = session.execute(
            select(Take.id, Take.take_id, Take.media_id, Take.upload_id, Take.duration_s, Submission.status)
            .join(Submission, Take.submission_id == Submission.id)
            .where(Take.media_id.is_not(None))
        ).all()
    for pk, take_id, media_id, upload_id, duration_s, status in rows:
        if media_id is not None:
            _check_take(ctx, report, _Take(pk, take_id, media_id, upload_id, duration_s, status))


@dataclass(frozen=True)
class _Take:
    pk: int
    take_id: str
    media_id: str
    upload_id: str | None
    duration_s: float
    status: str


def _check_take(ctx: ServerContext, report: ConsistencyReport, take: _Take) -> None:
    storage = ctx.storage
    if storage.has_media(take.media_id):
        if take.status in statuses.REVIEWABLE and not storage.poster_path(take.media_id).is_file():
            _make_poster_again(ctx, report, take.take_id, take.media_id, take.duration_s)
    elif take.upload_id and storage.has_upload(take.upload_id):
        storage.move_upload_to_media(take.upload_id, take.media_id)
        report.repaired.append(f"take {take.take_id}: its attached upload was moved into the media folder")
    elif storage.has_media(take.media_id):
        return  # an attach moved it just now
    elif take.status == statuses.OPEN:
        _detach(ctx, take.pk, take.media_id)
        report.repaired.append(f"take {take.take_id}: its file was lost, so the app will send it again")
    else:
        report.problems.append(f"take {take.take_id} ({take.status}) has no video file in the media folder")


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
    settled = ctx.now() - timedelta(seconds=STRAY_UPLOAD_MIN_AGE_S)  # a creation commits, then makes the file
    with ctx.db.session() as session:
        rows = session.execute(
            select(Upload.id, Upload.offset_bytes).where(
                Upload.state.in_((store.RECEIVING, store.FINISHED)), Upload.created_utc <= settled
            )
        ).all()
    for upload_id, offset_bytes in rows:
        size = ctx.storage.upload_size(upload_id)
        if size is None:
            if not ctx.locks.busy(upload_id) and store.end_upload(ctx, upload_id, store.EXPIRED):
                report.repaired.append(f"upload {upload_id}: its file was lost, so it ended (410)")
        elif size < offset_bytes:
            store.rewind(ctx, upload_id, size)
            report.repaired.append(f"upload {upload_id}: its offset went back to the {size} bytes on disk")


def _remove_unreferenced(ctx: ServerContext, report: ConsistencyReport) -> None:
    # Files are listed before the rows are read: a file appears only after its row is committed (attach
    # commits, then moves; a poster is made for a take that exists), so a listed file without a row is not
    # one being added. Upload files come just before their row, hence their minimum age.
    stored_media = ctx.storage.stored_media_ids()
    stored_uploads = ctx.storage.stored_upload_ids(STRAY_UPLOAD_MIN_AGE_S)
    with ctx.db.session() as session:
        live_media = set(session.scalars(select(Take.media_id).where(Take.media_id.is_not(None))))
        found = session.execute(select(Upload.id, Upload.state).where(Upload.id.in_(stored_uploads)))
        states: dict[str, str] = {upload_id: state for upload_id, state in found}
    for media_id in stored_media - live_media:
        ctx.storage.delete_media(media_id)
        report.removed_files.append(media_id)
    for upload_id in stored_uploads:
        state = states.get(upload_id)
        if state in (store.RECEIVING, store.FINISHED) or ctx.locks.busy(upload_id):
            continue
        if state == store.ATTACHED and ctx.storage.has_upload(upload_id):
            continue  # its take is moving it into media/ (see _check_takes)
        ctx.storage.delete_upload(upload_id)
        report.removed_files.append(upload_id)
