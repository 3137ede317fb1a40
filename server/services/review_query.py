"""Review list: filters (status, prompt, dates, free text), paging and per-status counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from server import statuses
from server.api.reference import reference_from_text
from server.context import ServerContext
from server.db.models import Decision, Submission, Take
from server.services import views

SelectT = TypeVar("SelectT", bound=Select[Any])


@dataclass(frozen=True)
class Filters:
    """Checked list filters (the route validates types and ranges; datetimes are timezone-aware).

    ``q`` matches a case-insensitive substring of the search text (reference, ids, campaign, the person's
    details, prompt texts), or a whole reference code however it was spaced or dashed.
    """

    status: str | None = None
    prompt_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    q: str | None = None


def _like_pattern(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(filters: Filters, *, with_status: bool) -> list[ColumnElement[bool]]:
    """SQL conditions for the filters (all values are bound parameters, never pasted into SQL)."""
    when = func.coalesce(Submission.received_utc, Submission.posted_utc)
    result: list[ColumnElement[bool]] = []
    if with_status:
        if filters.status is not None:
            result.append(Submission.status == filters.status)
        else:
            result.append(Submission.status != statuses.OPEN)
    if filters.prompt_id is not None:
        result.append(
            Submission.id.in_(select(Take.submission_id).where(Take.prompt_id == filters.prompt_id))
        )
    if filters.since is not None:
        result.append(when >= filters.since)
    if filters.until is not None:
        result.append(when <= filters.until)
    if filters.q:
        text_matches = Submission.search_text.like(_like_pattern(filters.q), escape="\\")
        reference = reference_from_text(filters.q)  # a code read out: "vb 7k3m q9xd", "7K3M Q9XD"
        result.append(or_(text_matches, Submission.reference == reference) if reference else text_matches)
    return result


def ordered(query: SelectT) -> SelectT:
    """Newest first, then by id for a stable order across pages."""
    when = func.coalesce(Submission.received_utc, Submission.posted_utc)
    return query.order_by(when.desc(), Submission.id)


def last_decisions(session: Session, submission_ids: list[str]) -> dict[str, Decision]:
    """The latest decision of each of ``submission_ids`` that has one (one query, reviewers loaded)."""
    if not submission_ids:
        return {}
    latest = (
        select(func.max(Decision.id))
        .where(Decision.submission_id.in_(submission_ids))
        .group_by(Decision.submission_id)
    )
    rows = session.scalars(
        select(Decision).where(Decision.id.in_(latest)).options(selectinload(Decision.reviewer))
    )
    return {row.submission_id: row for row in rows}


def list_submissions(ctx: ServerContext, filters: Filters, page: int, per_page: int) -> dict[str, Any]:
    """One page of submissions, the total matching, and counts per status (other filters applied).

    A page costs a fixed number of queries whatever its size (takes and last decisions are loaded for the
    whole page at once), so a reviewer scrolling through a week's thousands waits the same at every page.
    """
    where = conditions(filters, with_status=True)
    with ctx.db.session() as session:
        total = session.scalar(select(func.count()).select_from(Submission).where(*where)) or 0
        rows = session.scalars(
            ordered(select(Submission).where(*where))
            .options(selectinload(Submission.takes))
            .limit(per_page)
            .offset((page - 1) * per_page)
        ).all()
        decided = last_decisions(session, [row.id for row in rows])
        items = [views.summary(ctx, row, decided.get(row.id)) for row in rows]
        counted = session.execute(
            select(Submission.status, func.count())
            .where(*conditions(filters, with_status=False))
            .group_by(Submission.status)
        ).all()
    counts = dict.fromkeys(statuses.ALL, 0)
    counts.update({status: int(n) for status, n in counted})
    return {"items": items, "total": int(total), "page": page, "per_page": per_page, "counts": counts}
