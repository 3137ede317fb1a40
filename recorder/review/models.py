"""What the review API returns, as typed, frozen objects (parsed from CONTRACTS.md section 3 JSON).

Parsing is forgiving about optional fields (a missing list is empty, a missing time is None) and strict
about what review cannot work without (a submission id, a take id): those raise :class:`ValueError`, which
the client turns into a plain "unexpected answer" error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Statuses in the order the list shows their counts (CONTRACTS.md section 3).
STATUSES = ("received", "approved", "changes_requested", "rejected", "withdrawn", "expired", "open")
DECISIONS = ("approved", "changes_requested", "rejected")
#: Person fields of the manifest, in display order.
PERSON_FIELDS = ("name", "job_title", "employer")


def parse_time(value: object) -> datetime | None:
    """An RFC 3339 time (``Z`` or offset) as an aware datetime; None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _text(data: Mapping[str, Any], *keys: str, default: str = "") -> str:
    for key in keys:
        value = data.get(key)
        if value is not None:
            return str(value)
    return default


def _required(data: Mapping[str, Any], *keys: str) -> str:
    value = _text(data, *keys)
    if not value:
        raise ValueError(f"missing {keys[0]}")
    return value


@dataclass(frozen=True)
class PersonField:
    """One detail the person gave, and whether they agreed to it being shown with the video."""

    key: str
    value: str
    show: bool


def parse_person(raw: object) -> tuple[PersonField, ...]:
    """``{"name": {"value", "show"}, ...}`` (manifest shape) in display order; absent fields skipped."""
    if not isinstance(raw, Mapping):
        return ()
    fields = []
    for key in (*PERSON_FIELDS, *sorted(k for k in raw if k not in PERSON_FIELDS)):
        item = raw.get(key)
        if isinstance(item, Mapping) and item.get("value") not in (None, ""):
            fields.append(PersonField(key, str(item["value"]), bool(item.get("show", False))))
        elif isinstance(item, str) and item:
            fields.append(PersonField(key, item, True))
    return tuple(fields)


@dataclass(frozen=True)
class TakeInfo:
    """One take of a submission."""

    take_id: str
    prompt_id: str
    prompt_text: str
    duration_s: float
    size_bytes: int | None = None
    sha256: str | None = None
    available: bool = True  # False: the server has no video for it (withdrawn, expired)


def parse_take(raw: Mapping[str, Any]) -> TakeInfo:
    size = raw.get("size_bytes")
    return TakeInfo(
        take_id=_required(raw, "take_id", "id"),
        prompt_id=_text(raw, "prompt_id"),
        prompt_text=_text(raw, "prompt_text"),
        duration_s=float(raw.get("duration_s") or 0.0),
        size_bytes=int(size) if isinstance(size, int | float) else None,
        sha256=_text(raw, "sha256") or None,
        available=bool(raw.get("available", raw.get("has_media", True))),
    )


@dataclass(frozen=True)
class SubmissionSummary:
    """One row of the submissions list."""

    submission_id: str
    reference: str
    status: str
    received_utc: datetime | None
    person: tuple[PersonField, ...]
    takes: tuple[TakeInfo, ...]

    @property
    def display_name(self) -> str:
        """The person's name when they gave one (shown or not: reviewers see it), else empty."""
        return next((f.value for f in self.person if f.key == "name"), "")

    @property
    def prompt_ids(self) -> tuple[str, ...]:
        return tuple(t.prompt_id for t in self.takes)

    @property
    def duration_s(self) -> float:
        return sum(t.duration_s for t in self.takes)


def parse_summary(raw: Mapping[str, Any]) -> SubmissionSummary:
    takes = raw.get("takes") or []
    return SubmissionSummary(
        submission_id=_required(raw, "submission_id", "id"),
        reference=_text(raw, "reference"),
        status=_text(raw, "status", default="received"),
        received_utc=parse_time(raw.get("received_utc") or raw.get("created_utc")),
        person=parse_person(raw.get("person")),
        takes=tuple(parse_take(t) for t in takes if isinstance(t, Mapping)),
    )


@dataclass(frozen=True)
class SubmissionPage:
    """One page of the list, with the number of submissions in each status (for the whole filter)."""

    items: tuple[SubmissionSummary, ...]
    total: int
    page: int
    per_page: int
    counts: dict[str, int]


def parse_page(raw: Mapping[str, Any]) -> SubmissionPage:
    items = tuple(parse_summary(i) for i in raw.get("items") or [] if isinstance(i, Mapping))
    counts_raw = raw.get("counts") or {}
    counts = {str(k): int(v) for k, v in counts_raw.items()} if isinstance(counts_raw, Mapping) else {}
    return SubmissionPage(
        items=items,
        total=int(raw.get("total", len(items))),
        page=int(raw.get("page", 1)),
        per_page=int(raw.get("per_page", len(items) or 1)),
        counts=counts,
    )


@dataclass(frozen=True)
class Wording:
    """What the server knows of the consent wording the person was shown.

    Attributes:
        status: ``verified`` (the server holds the exact text: :attr:`text`), ``confirmed`` (a reviewer
            recorded why it is known: :attr:`reason`), or ``unverified`` (neither: it cannot be exported).
        text: the exact wording from the server (verified only).
        locale: the language of :attr:`text`.
        reason, confirmed_by, confirmed_utc: a reviewer's record (confirmed only).
    """

    status: str = "unverified"
    text: str = ""
    locale: str = ""
    reason: str = ""
    confirmed_by: str = ""
    confirmed_utc: datetime | None = None

    @property
    def known(self) -> bool:
        """Whether the export rule treats the wording as known."""
        return self.status in ("verified", "confirmed")


def parse_wording(raw: object) -> Wording:
    """The detail's ``consent.wording`` (a server without it: unverified)."""
    if not isinstance(raw, Mapping):
        return Wording()
    confirmation = raw.get("confirmation") if isinstance(raw.get("confirmation"), Mapping) else {}
    assert isinstance(confirmation, Mapping)
    status = _text(raw, "status", default="unverified")
    return Wording(
        status=status if status in ("verified", "confirmed") else "unverified",
        text=_text(raw, "text"),
        locale=_text(raw, "locale"),
        reason=_text(confirmation, "reason"),
        confirmed_by=_text(confirmation, "reviewer"),
        confirmed_utc=parse_time(confirmation.get("created_utc")),
    )


@dataclass(frozen=True)
class ConsentRecord:
    """What the person agreed to (manifest consent plus the server's expiry and wording check)."""

    version_id: str
    text_sha256: str
    choices: dict[str, bool]
    given_utc: datetime | None
    expires_utc: datetime | None
    locale: str = "en"
    expired: bool = False  # the server's verdict (its clock is the one that counts)
    wording: Wording = field(default_factory=Wording)


@dataclass(frozen=True)
class DecisionEntry:
    decision: str
    note: str
    reviewer: str
    at_utc: datetime | None


@dataclass(frozen=True)
class CommentEntry:
    take_id: str
    at_ms: int
    text: str
    reviewer: str
    at_utc: datetime | None


@dataclass(frozen=True)
class AuditEntry:
    """One audit trail event.

    Attributes:
        at_utc: when it happened.
        actor: the reviewer's user name, or ``submitter`` / ``system`` / ``admin``.
        action: the server's key (``decision``, ``comment``, ``received``, ``withdrawn``, ...).
        detail: the event's details on one line (for logs and unknown actions; not for reviewers' eyes).
        data: the event's details as the server sent them (e.g. ``{"from", "to"}`` for a decision).
    """

    at_utc: datetime | None
    actor: str
    action: str
    detail: str
    data: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SubmissionDetail:
    """Everything the detail screen shows."""

    summary: SubmissionSummary
    campaign_id: str
    locale: str
    consent: ConsentRecord
    decisions: tuple[DecisionEntry, ...] = ()
    comments: tuple[CommentEntry, ...] = ()
    audit: tuple[AuditEntry, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    #: how to contact the person ("email", "phone"), only when they agreed to be contacted
    contact: dict[str, str] = field(default_factory=dict)

    @property
    def submission_id(self) -> str:
        return self.summary.submission_id

    @property
    def status(self) -> str:
        return self.summary.status


def _list(raw: Mapping[str, Any], *keys: str) -> list[Mapping[str, Any]]:
    for key in keys:
        value = raw.get(key)
        if isinstance(value, list):
            return [v for v in value if isinstance(v, Mapping)]
    return []


def _audit_detail(value: object) -> str:
    """An audit event's detail as one line: ``from → to`` for status changes, else ``key: value`` pairs."""
    if isinstance(value, Mapping):
        if "from" in value and "to" in value:
            return f"{value['from']} → {value['to']}"
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return "" if value is None else str(value)


def _audit_data(value: object) -> dict[str, object]:
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else {}


def parse_detail(raw: Mapping[str, Any]) -> SubmissionDetail:
    summary = parse_summary(raw)
    consent_raw = raw.get("consent") if isinstance(raw.get("consent"), Mapping) else {}
    assert isinstance(consent_raw, Mapping)
    choices_raw = consent_raw.get("choices") or {}
    locale = _text(raw, "locale", default="en")
    consent = ConsentRecord(
        version_id=_text(consent_raw, "version_id"),
        text_sha256=_text(consent_raw, "text_sha256"),
        choices={str(k): bool(v) for k, v in choices_raw.items()} if isinstance(choices_raw, Mapping) else {},
        given_utc=parse_time(consent_raw.get("given_utc")),
        expires_utc=parse_time(consent_raw.get("expires_utc") or raw.get("consent_expires_utc")),
        locale=locale,
        expired=bool(consent_raw.get("expired", raw.get("consent_expired", False))),
        wording=parse_wording(consent_raw.get("wording")),
    )
    decisions = tuple(
        DecisionEntry(
            decision=_text(d, "decision"),
            note=_text(d, "note"),
            reviewer=_text(d, "reviewer", "actor"),
            at_utc=parse_time(d.get("at_utc") or d.get("created_utc")),
        )
        for d in _list(raw, "decisions")
    )
    comments = tuple(
        CommentEntry(
            take_id=_text(c, "take_id"),
            at_ms=int(c.get("at_ms") or 0),
            text=_text(c, "text"),
            reviewer=_text(c, "reviewer", "actor"),
            at_utc=parse_time(c.get("at_utc") or c.get("created_utc")),
        )
        for c in _list(raw, "comments")
    )
    audit = tuple(
        AuditEntry(
            at_utc=parse_time(a.get("at_utc") or a.get("created_utc")),
            actor=_text(a, "actor", "reviewer"),
            action=_text(a, "action"),
            detail=_audit_detail(a.get("detail", a.get("note"))),
            data=_audit_data(a.get("detail")),
        )
        for a in _list(raw, "audit", "audit_trail")
    )
    return SubmissionDetail(
        summary=summary,
        campaign_id=_text(raw, "campaign_id"),
        locale=locale,
        consent=consent,
        decisions=decisions,
        comments=comments,
        audit=audit,
        contact={
            key: str(value)
            for key, value in (raw.get("contact") or {}).items()
            if key in ("email", "phone") and isinstance(value, str) and value
        }
        if isinstance(raw.get("contact"), Mapping)
        else {},
    )


@dataclass(frozen=True)
class Withdrawal:
    """The server's answer to a withdrawal at the person's request.

    Attributes:
        submission_id: the submission withdrawn.
        reference: its reference code.
        already: True when it had been withdrawn before (nothing changed this time).
        withdrawn_utc: when it was withdrawn (the first time).
    """

    submission_id: str
    reference: str
    already: bool
    withdrawn_utc: datetime | None


def parse_withdrawal(raw: Mapping[str, Any]) -> Withdrawal:
    if raw.get("status") != "withdrawn":
        raise ValueError("not withdrawn")
    return Withdrawal(
        submission_id=_required(raw, "submission_id"),
        reference=_text(raw, "reference"),
        already=bool(raw.get("already_withdrawn", False)),
        withdrawn_utc=parse_time(raw.get("withdrawn_utc")),
    )
