"""Retention purge: expired uploads, abandoned submissions, expired consent, old tokens, then the
consistency check (pending deletions, interrupted moves, files no record points at).

``voicebooth-server purge`` runs it once; ``serve`` runs it every ``purge_interval_s``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, select

from server import ratelimit, statuses
from server.context import ServerContext
from server.db.models import ReviewerToken, Submission, Take
from server.services import audit, deletions
from server.services.closing import close_submission, consent_expired
from server.services.consistency import ConsistencyReport, check_and_repair
from server.tus import store


@dataclass
class PurgeReport:
    """What a purge removed (printed by ``voicebooth-server purge``)."""

    uploads_expired: int = 0
    submissions_abandoned: int = 0
    submissions_expired: int = 0
    tokens_removed: int = 0
    consistency: ConsistencyReport = field(default_factory=ConsistencyReport)

    def lines(self) -> list[str]:
        """Plain-English summary lines."""
        return [
            f"Expired uploads removed: {self.uploads_expired}",
            f"Submissions never completed, removed: {self.submissions_abandoned}",
            f"Submissions whose consent expired, media deleted: {self.submissions_expired}",
            f"Expired sign-in tokens removed: {self.tokens_removed}",
            *self.consistency.lines(),
        ]


def purge(ctx: ServerContext) -> PurgeReport:
    """Runs every retention rule once (safe to run while the server runs)."""
    report = PurgeReport()
    now = ctx.now()
    for upload_id in store.expired_upload_ids(ctx, now):
        with ctx.locks.try_hold(upload_id) as idle:  # never under a PATCH still writing, on any replica
            if idle and store.end_upload(ctx, upload_id, store.EXPIRED):
                report.uploads_expired += 1
    report.submissions_abandoned = _remove_abandoned(ctx)
    report.submissions_expired = _expire_consent(ctx)
    with ctx.db.session() as session:
        result = session.execute(delete(ReviewerToken).where(ReviewerToken.expires_utc <= now))
        report.tokens_removed = int(getattr(result, "rowcount", 0) or 0)
        ratelimit.remove_expired(session, now)
    report.consistency = check_and_repair(ctx)
    ctx.db.scrub_journal()
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
        deletions.schedule(session, ctx.now(), deletions.MEDIA, media_ids)
    if removed:
        deletions.after_personal_data_removed(ctx)
    return removed


def _expire_consent(ctx: ServerContext) -> int:
    expired = 0
    with ctx.db.session() as session:
        rows = session.scalars(select(Submission).where(Submission.status.in_(statuses.REVIEWABLE))).all()
        for row in rows:
            if consent_expired(ctx, row):
                close_submission(ctx, session, row, statuses.EXPIRED, audit.SYSTEM)
                expired += 1
    if expired:
        deletions.after_personal_data_removed(ctx)
    return expired
