"""Writes the metadata CSV that goes with exported clips: what each file is and what the person agreed to.

One row per exported file. Person details appear only where the person agreed to them being shown with
the video (``show``); the others are left empty, because this sheet travels with the clips to whoever
publishes them. ``use`` says what the files may be used for (public social media, or ``INTERNAL-ONLY``:
internal communications only, when the export was made for that). Consent choices get one column each
(``consent_<choice id>``: yes / no); the suggested posts one each (``post_<locale>``). Values that
start with ``= + - @`` are prefixed with ``'`` so a spreadsheet never runs them as formulas.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from recorder.consent_rules import Use
from recorder.export import ExportResult
from recorder.review.models import PERSON_FIELDS, SubmissionDetail, TakeInfo

BASE_COLUMNS = (
    "file", "shape", "use", "reference", "submission_id", "take_id", "prompt_id", "prompt_text", "duration_s",
    "status", "consent_version", "consent_given_utc", "consent_expires_utc",
    *(f"person_{key}" for key in PERSON_FIELDS), "exported_utc",
)  # fmt: skip


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _iso(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z") if value else ""


def metadata_rows(
    detail: SubmissionDetail,
    take: TakeInfo,
    result: ExportResult,
    use: Use,
    exported_utc: datetime | None = None,
    posts: Mapping[str, str] | None = None,
) -> list[dict[str, str]]:
    """One row per file in ``result`` (``posts``: the suggested post text by locale)."""
    shown = {f.key: f.value for f in detail.summary.person if f.show}
    when = _iso(exported_utc or datetime.now(UTC))
    rows = []
    for shape, path in result.files.items():
        row: dict[str, object] = {
            "file": path.name,
            "shape": shape.value,
            "use": use.sheet_text,
            "reference": detail.summary.reference,
            "submission_id": detail.submission_id,
            "take_id": take.take_id,
            "prompt_id": take.prompt_id,
            "prompt_text": take.prompt_text,
            "duration_s": f"{take.duration_s:.1f}",
            "status": detail.status,
            "consent_version": detail.consent.version_id,
            "consent_given_utc": _iso(detail.consent.given_utc),
            "consent_expires_utc": _iso(detail.consent.expires_utc),
            "exported_utc": when,
        }
        for key in PERSON_FIELDS:
            row[f"person_{key}"] = shown.get(key, "")
        for choice, agreed in sorted(detail.consent.choices.items()):
            row[f"consent_{choice}"] = "yes" if agreed else "no"
        for locale, text in (posts or {}).items():
            row[f"post_{locale}"] = text.strip()
        rows.append({k: _cell(v) for k, v in row.items()})
    return rows


def write_metadata_csv(path: Path, rows: Iterable[Mapping[str, str]]) -> Path:
    """Write ``rows`` to ``path`` (UTF-8 with BOM so Excel reads Welsh letters; atomic)."""
    rows = list(rows)
    columns = list(BASE_COLUMNS)
    for row in rows:
        columns += [key for key in row if key not in columns]
    part = path.with_name(path.name + ".part")
    try:
        with part.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path
