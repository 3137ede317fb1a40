"""CSV export of submission metadata, one row per take, safe to open in a spreadsheet.

Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a line break) get a
leading apostrophe (OWASP "CSV injection"). Withdrawn and consent-expired submissions are never exported,
and a person's detail appears only when they chose to show it (name, job title and employer: no other
detail a manifest may hold is ever a column). ``use`` says what the consent allows (public social media, or
``INTERNAL-ONLY``) and ``consent_wording`` whether the server holds the exact wording (``verified``), a
reviewer recorded why it is known (``confirmed``), or neither (``unverified``: not exportable).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from recorder.consent_rules import widest_use
from server import statuses
from server.auth import ReviewerUser
from server.context import ServerContext
from server.db.models import Decision, Submission
from server.services import audit, consent_texts, views
from server.services.closing import consent_expired
from server.services.review_query import Filters, conditions, ordered

COLUMNS = [
    "reference", "submission_id", "status", "campaign_id", "locale", "received_utc",
    "name", "job_title", "employer", "consent_version_id", "consent_given_utc", "consent_choices",
    "take_id", "prompt_id", "prompt_text", "duration_s", "decision", "decision_note", "decision_by",
    "decision_utc", "use", "consent_wording",
]  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> str:
    """Text for one CSV cell, defused if a spreadsheet would treat it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) or text.lstrip(" ").startswith(_FORMULA_START):
        return "'" + text
    return text


def _shown(person: dict[str, Any], field: str) -> str:
    entry = person.get(field)
    return str(entry["value"]) if isinstance(entry, dict) and entry.get("show") is True else ""


def _rows(ctx: ServerContext, filters: Filters) -> list[list[object]]:
    where = [*conditions(filters, with_status=False), Submission.status.in_(statuses.REVIEWABLE)]
    if filters.status is not None:
        where.append(Submission.status == filters.status)
    rows: list[list[object]] = []
    with ctx.db.session() as session:
        for submission in session.scalars(ordered(select(Submission).where(*where))).all():
            if consent_expired(ctx, submission):
                continue
            last = session.scalar(
                select(Decision)
                .where(Decision.submission_id == submission.id)
                .order_by(Decision.id.desc())
                .limit(1)
            )
            person = views.person(submission)
            choices = json.loads(submission.consent_choices_json)
            use = widest_use(choices).sheet_text
            wording = consent_texts.wording_view(session, submission)["status"]
            for take in submission.takes:
                rows.append([
                    submission.reference, submission.id, submission.status, submission.campaign_id,
                    submission.locale, views.utc_text(submission.received_utc),
                    _shown(person, "name"), _shown(person, "job_title"), _shown(person, "employer"),
                    submission.consent_version_id, views.utc_text(submission.consent_given_utc),
                    ";".join(f"{k}={'yes' if v else 'no'}" for k, v in sorted(choices.items())),
                    take.take_id, take.prompt_id, take.prompt_text, f"{take.duration_s:.2f}",
                    last.decision if last else "", last.note if last else "",
                    last.reviewer.username if last else "", views.utc_text(last.created_utc) if last else "",
                    use, wording,
                ])  # fmt: skip
    return rows


def export_csv(ctx: ServerContext, user: ReviewerUser, filters: Filters) -> Iterator[str]:
    """Builds the export (recorded in the audit trail) and yields it in pieces for a streaming response."""
    rows = _rows(ctx, filters)
    with ctx.db.session() as session:
        audit.record(session, ctx.now(), user.username, "exported", detail={"rows": len(rows)})

    def pieces() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([safe_cell(cell) for cell in row])
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return pieces()
