"""Reads the ``voicebooth send --details FILE`` JSON: the person's details, consent and prompt texts.

Format (all keys optional except ``consent``)::

    {
      "campaign_id": "nhs-voices-2026",          # default: the configured campaign pack's id
      "locale": "en",                            # "en" or "cy"; default: the configured language
      "person": {"name": {"value": "Ann", "show": true},
                 "job_title": {"value": "Nurse", "show": false},
                 "employer": {"value": "…", "show": true}},
      "consent": {"version_id": "2026-11-v1", "text_sha256": "<64 hex>",
                  "choices": {"use_video": true}, "given_utc": "2026-11-25T08:00:00Z"},
      "prompts": {"love-role": "What do you love about your role?"}   # default: the campaign pack's text
    }
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recorder.submission.manifest import PERSON_FIELDS, SubmissionError, person_record

_KNOWN = {"campaign_id", "locale", "person", "consent", "prompts"}
_CONSENT_KEYS = {"version_id", "text_sha256", "choices", "given_utc"}


@dataclass(frozen=True)
class Details:
    """The parsed details file."""

    consent: dict[str, Any]
    person: dict[str, Any] = field(default_factory=dict)
    campaign_id: str | None = None
    locale: str | None = None
    prompts: dict[str, str] = field(default_factory=dict)


def read_details(path: Path) -> Details:
    """Read and check a details file.

    Raises:
        SubmissionError: unreadable, not JSON, or a field of the wrong shape (named, value never echoed).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SubmissionError(f"The details file {path} cannot be read: {error.strerror}.") from error
    except ValueError as error:
        raise SubmissionError(f"The details file {path} is not valid JSON.") from error
    return parse_details(data)


def parse_details(data: object) -> Details:
    """Check the parsed JSON of a details file (see the module docstring).

    Raises:
        SubmissionError: a field is missing or of the wrong shape.
    """
    if not isinstance(data, dict):
        raise SubmissionError("The details file must hold a JSON object.")
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise SubmissionError(f"The details file has unknown fields: {', '.join(unknown)}.")
    consent = data.get("consent")
    if not isinstance(consent, dict) or set(consent) != _CONSENT_KEYS:
        raise SubmissionError(
            "The details file needs a consent record with version_id, text_sha256, choices and given_utc."
        )
    if not isinstance(consent["choices"], dict) or not all(
        isinstance(v, bool) for v in consent["choices"].values()
    ):
        raise SubmissionError("The consent choices must be true or false.")
    person_raw = data.get("person") or {}
    if not isinstance(person_raw, dict) or set(person_raw) - set(PERSON_FIELDS):
        raise SubmissionError(f"The person's details may only have: {', '.join(PERSON_FIELDS)}.")
    prompts = data.get("prompts") or {}
    if not isinstance(prompts, dict) or not all(isinstance(v, str) for v in prompts.values()):
        raise SubmissionError("prompts must map each prompt id to its text.")
    for key in ("campaign_id", "locale"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise SubmissionError(f"{key} must be text.")
    return Details(
        consent=dict(consent),
        person=person_record(person_raw),
        campaign_id=data.get("campaign_id"),
        locale=data.get("locale"),
        prompts={str(k): v for k, v in prompts.items()},
    )
