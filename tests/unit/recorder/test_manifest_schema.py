"""Tests the submission manifest schema and validate_manifest (CONTRACTS section 2)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest

from recorder.submission.schema import ManifestError, validate_manifest


def good_manifest() -> dict[str, Any]:
    """A minimal valid manifest."""
    return {
        "schema": 1,
        "submission_id": str(uuid.uuid4()),
        "campaign_id": "spring-2026",
        "app_version": "0.1.0",
        "locale": "en",
        "created_utc": "2026-11-24T00:00:00Z",
        "person": {"name": {"value": "Ann O'Neil", "show": True}},
        "consent": {
            "version_id": "v1",
            "text_sha256": "a" * 64,
            "choices": {"publish": True},
            "given_utc": "2026-11-24T00:00:00Z",
        },
        "takes": [
            {
                "take_id": "t1",
                "prompt_id": "p1",
                "prompt_text": "Why do you do this job?",
                "duration_s": 2.5,
                "size_bytes": 1234,
                "sha256": "b" * 64,
                "check": {},
            }
        ],
    }


def test_good_manifest_passes() -> None:
    validate_manifest(good_manifest())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("submission_id",), "not-a-uuid"),
        (("campaign_id",), "../etc"),
        (("campaign_id",), "/abs"),
        (("campaign_id",), "a\x00b"),
        (("person", "name", "value"), "a\x00b"),
        (("takes", 0, "take_id"), "../../x"),
        (("takes", 0, "prompt_text"), "x\x00"),
        (("takes", 0, "sha256"), "zz"),
        (("takes", 0, "size_bytes"), -1),
        (("locale",), "fr"),
        (("schema",), 2),
    ],
)
def test_bad_field_raises_plain_error(path: tuple[Any, ...], value: object) -> None:
    manifest = copy.deepcopy(good_manifest())
    target: Any = manifest
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(ManifestError, match="not valid at"):
        validate_manifest(manifest)


def test_not_an_object_raises() -> None:
    with pytest.raises(ManifestError, match="JSON object"):
        validate_manifest([1, 2])


def test_unknown_field_raises() -> None:
    manifest = good_manifest()
    manifest["extra"] = 1
    with pytest.raises(ManifestError):
        validate_manifest(manifest)
