"""Builds a submission manifest (CONTRACTS.md section 2): person, consent record and per-take SHA-256.

The manifest is validated against the versioned JSON schema before it is returned, so a manifest this
module produces is one the server accepts. Personal details are only ever written into the manifest file
of the submission folder and sent to the server; they are never logged.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recorder.messages import CodedError
from recorder.submission.schema import ManifestError, validate_manifest
from recorder.takes.files import sha256_file, write_json_atomic
from recorder.takes.journal import JOURNAL_NAME

SCHEMA_VERSION = 1
MANIFEST_NAME = "manifest.json"
DELIVERABLE_NAME = "deliverable.mp4"
CHECK_NAME = "check.json"
PERSON_FIELDS = ("name", "job_title", "employer")
#: prompt id used for a take recorded without one (``voicebooth record`` without ``--prompt``)
UNPROMPTED_ID = "unprompted"


class SubmissionError(CodedError, ValueError):
    """The submission cannot be packaged; ``str(error)`` is plain English and names no personal data.

    ``message_code`` / ``message_params`` (see :mod:`recorder.messages`) let the UI translate it.
    """


@dataclass(frozen=True)
class TakeEntry:
    """One kept take to include.

    Attributes:
        take_dir: the take folder (CONTRACTS.md section 1) holding ``deliverable.mp4``.
        prompt_id: the prompt answered (None: read from the take's journal).
        prompt_text: the exact prompt text shown (None: unknown; the caller must supply it).
        duration_s: the kept duration when known (otherwise read from the file or the take check).
    """

    take_dir: Path
    prompt_id: str | None = None
    prompt_text: str | None = None
    duration_s: float | None = None


def now_utc() -> str:
    """RFC 3339 UTC timestamp with seconds, ``2026-11-25T08:00:00Z``."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def consent_record(
    version_id: str, text_sha256: str, choices: Mapping[str, bool], given_utc: str | None = None
) -> dict[str, Any]:
    """The manifest's consent record: version, SHA-256 of the exact wording shown, each choice, when."""
    return {
        "version_id": version_id,
        "text_sha256": text_sha256,
        "choices": {str(k): bool(v) for k, v in choices.items()},
        "given_utc": given_utc or now_utc(),
    }


def person_record(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Only the details the person chose to give: ``{"name": {"value": "...", "show": true}, ...}``.

    Accepts mappings (``{"value": ..., "show": ...}``) or objects with ``value``/``show`` attributes; empty
    values are left out.
    """
    person: dict[str, Any] = {}
    for key in PERSON_FIELDS:
        field = fields.get(key)
        if field is None:
            continue
        if isinstance(field, Mapping):
            value, show = field.get("value", ""), field.get("show", False)
        else:
            value, show = getattr(field, "value", ""), getattr(field, "show", False)
        if not isinstance(value, str) or not isinstance(show, bool):
            raise SubmissionError(f"The detail {key} must have a text value and a true/false show choice.")
        if value.strip():
            person[key] = {"value": value.strip(), "show": show}
    return person


def describe_take(entry: TakeEntry) -> dict[str, Any]:
    """The manifest entry of one take: ids, prompt, duration, size, SHA-256 and take-check figures.

    Raises:
        SubmissionError: the take has no finished video, or its prompt is unknown.
    """
    take_dir = entry.take_dir
    video = take_dir / DELIVERABLE_NAME
    if not video.is_file():
        raise SubmissionError(f"The recording {take_dir.name} has no finished video to send.")
    journal = _read_json(take_dir / JOURNAL_NAME)
    check = _read_json(take_dir / CHECK_NAME)
    prompt_id = entry.prompt_id or journal.get("prompt_id") or UNPROMPTED_ID
    prompt_text = entry.prompt_text
    if prompt_text is None:
        if prompt_id != UNPROMPTED_ID:
            raise SubmissionError(f"The question answered in recording {take_dir.name} is not known.")
        prompt_text = ""
    duration_s = entry.duration_s or _probe_duration_s(video) or _number(check.get("duration_s"))
    if not duration_s or duration_s <= 0:
        raise SubmissionError(f"The length of recording {take_dir.name} could not be read.")
    return {
        "take_id": take_dir.name,
        "prompt_id": str(prompt_id),
        "prompt_text": prompt_text,
        "duration_s": round(float(duration_s), 3),
        "size_bytes": video.stat().st_size,
        "sha256": sha256_file(video),
        "check": _check_figures(check),
    }


def build_manifest(
    *,
    campaign_id: str,
    locale: str,
    person: Mapping[str, Any],
    consent: Mapping[str, Any],
    takes: Sequence[TakeEntry],
    contact: Mapping[str, str] | None = None,
    submission_id: str | None = None,
    app_version: str | None = None,
    created_utc: str | None = None,
) -> dict[str, Any]:
    """A validated manifest for these takes.

    Args:
        campaign_id: the campaign pack's id.
        locale: ``en`` or ``cy`` (the language the person saw).
        person: details as given (see :func:`person_record`).
        consent: the consent record (see :func:`consent_record`).
        takes: the kept takes, in prompt order.
        contact: how to reach the person (:func:`recorder.contact_details.contact_record`), only when
            they said Yes to being contacted; left out when empty.
        submission_id: reuse an id (default: a new uuid4).
        app_version: default: the installed package version.
        created_utc: default: now.

    Raises:
        SubmissionError: no takes, a take is not finished, or the result does not match the schema.
    """
    if not takes:
        raise SubmissionError("There are no recordings to send.")
    manifest: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "submission_id": submission_id or str(uuid.uuid4()),
        "campaign_id": campaign_id,
        "app_version": app_version or _app_version(),
        "locale": locale,
        "created_utc": created_utc or now_utc(),
        "person": person_record(person),
        "consent": dict(consent),
        "takes": [describe_take(entry) for entry in takes],
    }
    if contact:
        manifest["contact"] = dict(contact)
    try:
        validate_manifest(manifest)
    except ManifestError as error:
        raise SubmissionError(str(error)) from error
    return manifest


def write_manifest(folder: Path, manifest: Mapping[str, Any]) -> Path:
    """Write ``manifest.json`` into the submission folder atomically (temp file, fsync, rename)."""
    path = folder / MANIFEST_NAME
    write_json_atomic(path, manifest, sort_keys=False, ensure_ascii=False)
    return path


def read_manifest(folder: Path) -> dict[str, Any]:
    """Read and validate ``manifest.json`` of a submission folder.

    Raises:
        SubmissionError: missing, unreadable or invalid.
    """
    path = folder / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        validate_manifest(data)
    except (OSError, ValueError) as error:
        raise SubmissionError(f"The submission's manifest in {folder} cannot be used: {error}") from error
    result: dict[str, Any] = data
    return result


def finished_takes(folder: Path) -> list[Path]:
    """Take folders under ``folder/takes`` holding a finished deliverable, oldest first (ids sort by time)."""
    takes_dir = folder / "takes"
    if not takes_dir.is_dir():
        return []
    return sorted(p for p in takes_dir.iterdir() if p.is_dir() and (p / DELIVERABLE_NAME).is_file())


def take_prompt_id(take_dir: Path) -> str | None:
    """The prompt id a take's journal records (None when recorded without one)."""
    value = _read_json(take_dir / JOURNAL_NAME).get("prompt_id")
    return str(value) if value else None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _check_figures(check: Mapping[str, Any]) -> dict[str, Any]:
    # The schema caps the take check at 50 fields; keep plain JSON values only.
    figures = {k: v for k, v in check.items() if isinstance(v, str | int | float | bool | list | type(None))}
    return dict(list(figures.items())[:50])


def _probe_duration_s(video: Path) -> float | None:
    try:
        from recorder.media.probe import probe_video

        return probe_video(video).duration_s
    except Exception:  # no ffmpeg or an unreadable banner: fall back to the take check
        return None


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("voicebooth")
    except Exception:
        return "0.0.0"
