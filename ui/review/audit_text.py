"""The audit trail in plain words: when (local time), who, what happened and the note, one line per event.

The server records events as keys with details (``decision`` ``{"from", "to"}``, ``comment``
``{"take_id", "at_ms"}``, ...); a tired network lead should read "Wed 25 Nov 2026, 14:03 — alice asked
for changes. Note: …", never ``changes_requested`` or an ISO time. The decision notes and comment texts come
from the submission's decisions and comments (the audit entry itself keeps no free text but a withdrawal's
note). lupdate only sees literal strings, so each ``translate`` call is written out (see ui/i18n.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from recorder.review import SubmissionDetail
from recorder.review.models import AuditEntry, CommentEntry, DecisionEntry
from ui.i18n import translate
from ui.lengths import format_position
from ui.review.texts import friendly_time

#: The server's actors that are not a reviewer's user name.
SUBMITTER = "submitter"
SYSTEM = "system"


def who(actor: str) -> str:
    """A reviewer's user name, or who else acted, in words."""
    if actor == SUBMITTER:
        return translate("AuditText", "The app")
    if actor == SYSTEM:
        return translate("AuditText", "The server")
    if actor == "admin":
        return translate("AuditText", "The server's administrator")
    return actor or translate("AuditText", "Someone")


def decision_sentence(actor: str, decision: str) -> str:
    """``alice approved it.`` and the like."""
    name = who(actor)
    if decision == "approved":
        return translate("AuditText", "{who} approved it.").format(who=name)
    if decision == "changes_requested":
        return translate("AuditText", "{who} asked for changes.").format(who=name)
    if decision == "rejected":
        return translate("AuditText", "{who} rejected it.").format(who=name)
    return translate("AuditText", "{who} made a decision.").format(who=name)


def _with_note(sentence: str, note: str) -> str:
    note = " ".join(note.split())
    if not note:
        return sentence
    return sentence + " " + translate("AuditText", "Note: {note}").format(note=note)


def _answer_number(detail: SubmissionDetail, take_id: object) -> str:
    for index, take in enumerate(detail.summary.takes):
        if take.take_id == take_id:
            return str(index + 1)
    return "?"


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float) else 0


def _comment_text(entry: AuditEntry, comments: tuple[CommentEntry, ...]) -> str:
    for comment in comments:
        if (
            comment.take_id == entry.data.get("take_id")
            and comment.at_ms == _int(entry.data.get("at_ms"))
            and comment.reviewer == entry.actor
        ):
            return comment.text
    return ""  # comments are deleted with the videos when a submission is withdrawn


def event_sentence(entry: AuditEntry, detail: SubmissionDetail, note: str = "") -> str:
    """What happened in one audit event, as a sentence (``note``: the decision's note, if any)."""
    data = entry.data
    action = entry.action
    name = who(entry.actor)
    if action == "created":
        return translate("AuditText", "The app started sending it.")
    if action == "take_attached":
        return translate("AuditText", "The app finished uploading answer {n}.").format(
            n=_answer_number(detail, data.get("take_id"))
        )
    if action == "received":
        return translate("AuditText", "Received in full and checked; reference {reference}.").format(
            reference=str(data.get("reference") or detail.summary.reference)
        )
    if action == "decision":
        return _with_note(decision_sentence(entry.actor, str(data.get("to", ""))), note)
    if action == "comment":
        sentence = translate("AuditText", "{who} commented on answer {n} at {time}.").format(
            who=name,
            n=_answer_number(detail, data.get("take_id")),
            time=format_position(_int(data.get("at_ms"))),
        )
        text = _comment_text(entry, detail.comments)
        return sentence + (" " + translate("AuditText", "“{text}”").format(text=text) if text else "")
    files = _int(data.get("media_files"))
    if action == "withdrawn" and entry.actor == SUBMITTER:
        return translate(
            "AuditText", "The person withdrew it with their withdrawal code; video files deleted: {n}."
        ).format(n=files)
    if action == "withdrawn":
        return _with_note(
            translate(
                "AuditText", "{who} withdrew it at the person's request; video files deleted: {n}."
            ).format(who=name, n=files),
            str(data.get("note") or ""),
        )
    if action == "expired":
        return translate("AuditText", "The consent expired; video files deleted: {n}.").format(n=files)
    if action == "discarded":
        return translate("AuditText", "The app discarded this unfinished version.")
    if action == "wording_confirmed":
        return _with_note(
            translate("AuditText", "{who} recorded how the consent wording is known.").format(who=name),
            str(data.get("reason") or ""),
        )
    if action == "export_download":
        answer = _answer_number(detail, data.get("take_id"))
        if data.get("use") == "internal":
            return translate("AuditText", "{who} fetched answer {n} to export for internal use only.").format(
                who=name, n=answer
            )
        return translate("AuditText", "{who} fetched answer {n} to export for public social media.").format(
            who=name, n=answer
        )
    return translate("AuditText", "{who}: {what}.").format(who=name, what=action.replace("_", " "))


def audit_lines(detail: SubmissionDetail) -> list[str]:
    """One line per audit event, oldest first: ``<local time> — <sentence>``.

    A decision event is paired with the submission's decision made at the same place in the order (both
    are written in one transaction) for its note; a server that sends no audit trail gets the decisions.
    """
    lines = []
    decisions: Iterator[DecisionEntry] = iter(detail.decisions)
    for entry in detail.audit:
        note = ""
        if entry.action == "decision":
            made = next(decisions, None)
            if made is not None and made.decision == entry.data.get("to") and made.reviewer == entry.actor:
                note = made.note
        lines.append(line(entry.at_utc, event_sentence(entry, detail, note)))
    if not detail.audit:
        for made in detail.decisions:
            lines.append(
                line(made.at_utc, _with_note(decision_sentence(made.reviewer, made.decision), made.note))
            )
    return lines


def line(at_utc: datetime | None, sentence: str) -> str:
    """``<local time> — <sentence>``."""
    return translate("AuditText", "{when} — {what}").format(when=friendly_time(at_utc), what=sentence)
