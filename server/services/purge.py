"""Retention purge: expired uploads, abandoned submissions, expired consent, old tokens, stray files."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, select

from server import statuses
from server.context import ServerContext
from server.db.models import ReviewerToken, Submission, Take, Upload
from server.services import audit
from server.services.closing import close_submission, consent_expired
from server.storage import is_id
from server.tus import store


@dataclass
class PurgeReport:
    """What a purge removed (printed by ``voicebooth-server purge``)."""

    uploads_expired: int = 0
    submissions_abandoned: int = 0
    submissions_expired: int = 0
    tokens_removed: int = 0
    stray_files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Plain-English summary lines."""
        return [
            f"Expired uploads removed: {self.uploads_expired}",
            f"Submissions never completed, removed: {self.submissions_abandoned}",
            f"Submissions whose consent expired, media deleted: {self.submissions_expired}",
            f"Expired sign-in tokens removed: {self.tokens_removed}",
            f"Stray files removed: {len(self.stray_files)}",
        ]


def purge(ctx: ServerContext) -> PurgeReport:
    """Runs every retention rule once (safe to run while the server runs)."""
    report = PurgeReport()
    now = ctx.now()
    for upload_id in store.expired_upload_ids(ctx, now):
        if not ctx.locks.busy(upload_id) and store.end_upload(ctx, upload_id, store.EXPIRED):
            report.uploads_expired += 1
    report.submissions_abandoned = _remove_abandoned(ctx)
    report.submissions_expired = _expire_consent(ctx)
    with ctx.db.session() as session:
        result = session.execute(delete(ReviewerToken).where(ReviewerToken.expires_utc <= now))
        report.tokens_removed = int(getattr(result, "rowcount", 0) or 0)
    report.stray_files = _remove_stray_files(ctx)
    return report


def _remove_abandoned(ctx: ServerContext) -> int:
    cutoff = ctx.now() - timedelta(days=ctx.settings.open_retention_days)
    removed = 0
    with ctx.db.session() as session:
        rows = session.scalars(
            select(Submission).where(Submission.status == statuses.OPEN, Submission.posted_utc <= cutoff)
        ).all()
        media_ids = [take.media_id for row in rows for take in row.takes if take.media_id]
        for row in rows:
            audit.record(session, ctx.now(), audit.SYSTEM, "abandoned_removed", row.id)
            session.execute(delete(Take).where(Take.submission_id == row.id))
            session.delete(row)
            removed += 1
    for media_id in media_ids:
        ctx.storage.delete_media(media_id)
    return removed


def _expire_consent(ctx: ServerContext) -> int:
    media_ids: list[str] = []
    expired = 0
    with ctx.db.session() as session:
        rows = session.scalars(select(Submission).where(Submission.status.in_(statuses.REVIEWABLE))).all()
        for row in rows:
            if consent_expired(ctx, row):
                media_ids += close_submission(ctx, session, row, statuses.EXPIRED, audit.SYSTEM)
                expired += 1
    for media_id in media_ids:
        ctx.storage.delete_media(media_id)
    return expired


STRAY_MIN_AGE_S = 3600


def _old(path: Path) -> bool:
    # ctime changes on rename, so a file just moved into media/ by an uncommitted attach is never "old".
    info = path.stat()
    return time.time() - max(info.st_mtime, info.st_ctime) > STRAY_MIN_AGE_S


def _remove_stray_files(ctx: ServerContext) -> list[str]:
    """Files no row points at, older than an hour (a crash between a commit and a delete leaves these)."""
    with ctx.db.session() as session:
        live_media = {m for m in session.scalars(select(Take.media_id).where(Take.media_id.is_not(None)))}
        live_uploads = set(
            session.scalars(select(Upload.id).where(Upload.state.in_((store.RECEIVING, store.FINISHED))))
        )
    removed: list[str] = []
    for path in ctx.storage.media_dir.iterdir():
        if path.stem not in live_media and path.suffix in (".mp4", ".jpg", ".part") and _old(path):
            removed.append(path.name)
            path.unlink(missing_ok=True)
    for path in ctx.storage.uploads_dir.iterdir():
        upload_id = path.stem
        if (
            is_id(upload_id)
            and upload_id not in live_uploads
            and not ctx.locks.busy(upload_id)
            and _old(path)
        ):
            removed.append(path.name)
            path.unlink(missing_ok=True)
    return removed
