"""Building the manifest from real take folders: consent record, per-take SHA-256, person as given,
validation, and the --details file with plain-English errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from recorder.campaign import load_campaign
from recorder.submission import (
    SubmissionError,
    TakeEntry,
    build_manifest,
    consent_record,
    parse_details,
    read_details,
    read_manifest,
    validate_manifest,
    write_manifest,
)
from tests.helpers.sending import MediaCache, add_take, details


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> MediaCache:
    return MediaCache(tmp_path_factory.mktemp("media"))


def _consent() -> dict[str, object]:
    version = load_campaign().consent
    return consent_record(version.id, version.text_sha256("en"), {"use_video": True}, "2026-11-25T08:00:00Z")


def test_manifest_from_takes(tmp_path: Path, media: MediaCache) -> None:
    take = add_take(tmp_path / "sub", media.small(), "love-role")
    data = (take / "deliverable.mp4").read_bytes()
    manifest = build_manifest(
        campaign_id="staff-voices-default",
        locale="en",
        person={"name": {"value": " Ann ", "show": True}, "job_title": {"value": "", "show": True}},
        consent=_consent(),
        takes=[TakeEntry(take, prompt_text="What do you love about your role?")],
    )
    validate_manifest(manifest)
    entry = manifest["takes"][0]
    assert entry["take_id"] == take.name and entry["prompt_id"] == "love-role"
    assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size_bytes"] == len(data)
    assert entry["duration_s"] == pytest.approx(2.0, abs=0.1)  # read from the file itself
    assert entry["check"]["has_audio"] is True
    assert manifest["person"] == {"name": {"value": "Ann", "show": True}}  # empty details left out
    assert manifest["consent"]["text_sha256"] == load_campaign().consent.text_sha256("en")
    assert manifest["schema"] == 1 and len(manifest["submission_id"]) == 36


def test_consent_hash_is_of_the_exact_wording_shown() -> None:
    version = load_campaign().consent
    record = consent_record(version.id, version.text_sha256("cy"), {"use_video": True})
    expected = hashlib.sha256(version.rendered_text("cy").encode("utf-8")).hexdigest()
    assert record["text_sha256"] == expected and record["given_utc"].endswith("Z")
    assert version.text_sha256("cy") != version.text_sha256("en")


def test_take_without_a_video_or_prompt_text_is_refused(tmp_path: Path, media: MediaCache) -> None:
    empty = tmp_path / "takes" / "t1"
    empty.mkdir(parents=True)
    with pytest.raises(SubmissionError, match="no finished video"):
        build_manifest(campaign_id="c", locale="en", person={}, consent=_consent(), takes=[TakeEntry(empty)])
    take = add_take(tmp_path, media.small(), "love-role")
    with pytest.raises(SubmissionError, match=r"question answered .* is not known"):
        build_manifest(campaign_id="c", locale="en", person={}, consent=_consent(), takes=[TakeEntry(take)])
    with pytest.raises(SubmissionError, match="no recordings"):
        build_manifest(campaign_id="c", locale="en", person={}, consent=_consent(), takes=[])


def test_take_recorded_without_a_prompt(tmp_path: Path, media: MediaCache) -> None:
    take = add_take(tmp_path, media.small(), None)
    manifest = build_manifest(
        campaign_id="c", locale="cy", person={}, consent=_consent(), takes=[TakeEntry(take)]
    )
    assert manifest["takes"][0]["prompt_id"] == "unprompted" and manifest["takes"][0]["prompt_text"] == ""


def test_invalid_values_are_caught_by_the_schema_without_echoing_them(
    tmp_path: Path, media: MediaCache
) -> None:
    take = add_take(tmp_path, media.small(), "love-role")
    with pytest.raises(SubmissionError, match="not valid at locale") as caught:
        build_manifest(campaign_id="c", locale="fr", person={}, consent=_consent(),
                       takes=[TakeEntry(take, prompt_text="x")])  # fmt: skip
    assert "fr" not in str(caught.value).replace("from", "")


def test_manifest_file_round_trip(tmp_path: Path, media: MediaCache) -> None:
    take = add_take(tmp_path, media.small(), "love-role")
    manifest = build_manifest(campaign_id="c", locale="en", person={}, consent=_consent(),
                              takes=[TakeEntry(take, prompt_text="Q")])  # fmt: skip
    write_manifest(tmp_path, manifest)
    assert read_manifest(tmp_path) == manifest
    (tmp_path / "manifest.json").write_text("{}")
    with pytest.raises(SubmissionError, match="cannot be used"):
        read_manifest(tmp_path)


def test_details_file(tmp_path: Path) -> None:
    good = details()
    good["prompts"] = {"love-role": "Custom wording"}
    path = tmp_path / "details.json"
    path.write_text(json.dumps(good))
    parsed = read_details(path)
    assert parsed.person == {
        "name": {"value": "Ann O'Neil", "show": True},
        "job_title": {"value": "Nurse", "show": False},
    }
    assert parsed.prompts == {"love-role": "Custom wording"} and parsed.locale == "en"
    path.write_text("{not json")
    with pytest.raises(SubmissionError, match="not valid JSON"):
        read_details(path)
    with pytest.raises(SubmissionError, match="cannot be read"):
        read_details(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"consent": None}, "needs a consent record"),
        ({"extra": 1}, "unknown fields: extra"),
        ({"person": {"age": {"value": "40", "show": True}}}, "may only have"),
        ({"person": {"name": {"value": 5, "show": True}}}, "text value"),
        ({"prompts": {"p": 1}}, "prompts must map"),
        ({"locale": 5}, "locale must be text"),
    ],
)
def test_bad_details_say_what_is_wrong(change: dict[str, object], message: str) -> None:
    data = {**details(), **change}
    if data.get("consent") is None:
        data.pop("consent")
    with pytest.raises(SubmissionError, match=message):
        parse_details(data)


def test_bad_consent_choices() -> None:
    data = details()
    data["consent"]["choices"] = {"use_video": "yes"}
    with pytest.raises(SubmissionError, match="true or false"):
        parse_details(data)
    with pytest.raises(SubmissionError, match="JSON object"):
        parse_details([1])
