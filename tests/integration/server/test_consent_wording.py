"""The server as the record of what people were shown, and the export rule on the server.

``voicebooth-server add-campaign`` publishes the default pack's consent wording; completing a submission of
that campaign whose wording matches none of its version's texts is refused (422 ``consent_wording_unknown``,
nothing received) and published wording is accepted (review then shows the server's exact text). A campaign
with nothing published is accepted with its wording *not verified*: its export is refused until a reviewer
records why the wording is known (audited). ``/export`` refuses public social media without the person's
Yes and labels an internal copy; ``export.csv`` says what each row may be used for.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from recorder.campaign import load_campaign, parse_campaign
from tests.helpers.server import (
    DEFAULT_PACK,
    IntakeServer,
    complete,
    send_submission,
    server_status,
    start_server,
    upload_submission,
)
from tests.integration.server.conftest import Unchanged, api, auth
from tests.integration.server.test_cli import cli

OTHER_CAMPAIGN = "a-campaign-never-published"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IntakeServer]:
    """A server with the default campaign's consent wording published."""
    yield from start_server(tmp_path_factory.mktemp("published"), campaigns=[DEFAULT_PACK])


@pytest.fixture(scope="module")
def reviewer(published: IntakeServer) -> str:
    return published.login()


def default_consent(*, social_media: bool, locale: str = "en") -> dict[str, Any]:
    version = load_campaign().consent
    return {
        "version_id": version.id,
        "text_sha256": version.text_sha256(locale),
        "choices": {"record_and_use": True, "social_media": social_media, "contact_me": False},
        "given_utc": "2026-11-25T08:00:00Z",
    }


def detail(server: IntakeServer, token: str, submission_id: str) -> dict[str, Any]:
    response = requests.get(f"{api(server)}/review/submissions/{submission_id}", headers=auth(token))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def approve(server: IntakeServer, token: str, submission_id: str) -> None:
    response = requests.post(
        f"{api(server)}/review/submissions/{submission_id}/decision",
        json={"decision": "approved", "note": ""},
        headers=auth(token),
    )
    assert response.status_code == 200, response.text


def export_get(server: IntakeServer, token: str, take_id: str, use: str) -> requests.Response:
    return requests.get(
        f"{api(server)}/review/takes/{take_id}/export", params={"use": use}, headers=auth(token), timeout=60
    )


def refused_reason(server: IntakeServer, token: str, take_id: str, use: str) -> str:
    """The reason of the server's 403 ``export_refused`` (nothing changed on the server)."""
    body = Unchanged(server).check(export_get(server, token, take_id, use), 403, "export_refused")
    reason: str = body["error"]["reason"]
    return reason


def test_add_campaign_publishes_each_version_and_language_once(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    first = cli("add-campaign", str(DEFAULT_PACK), "--data", data)
    assert first.returncode == 0, first.stderr
    campaign = load_campaign()
    for version in campaign.consent_versions:
        for locale in ("en", "cy"):
            assert f"{version.id} {locale} {version.text_sha256(locale)} added" in first.stdout
    texts = 2 * len(campaign.consent_versions)  # each version in English and Welsh
    assert first.stdout.strip().endswith(f"{texts} consent text(s) published, 0 already published.")
    again = cli("add-campaign", str(DEFAULT_PACK / "campaign.toml"), "--data", data)
    assert (
        again.returncode == 0 and f"0 consent text(s) published, {texts} already published." in again.stdout
    )
    # A version that has been shown must never be reworded: refused, and nothing changes.
    text = (DEFAULT_PACK / "campaign.toml").read_text(encoding="utf-8")
    reworded = tmp_path / "reworded.toml"
    reworded.write_text(text.replace("We would like to record", "We will record", 1), encoding="utf-8")
    assert parse_campaign(reworded.read_text(encoding="utf-8")).consent.id == campaign.consent.id
    refused = cli("add-campaign", str(reworded), "--data", data)
    assert refused.returncode == 2 and "must never be changed" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert (
        f"0 consent text(s) published, {texts} already published."
        in cli("add-campaign", str(DEFAULT_PACK), "--data", data).stdout
    )
    missing = cli("add-campaign", str(tmp_path / "nowhere"), "--data", data)
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_unknown_wording_is_refused_at_complete_and_nothing_is_received(
    published: IntakeServer, deliverable: Path
) -> None:
    for consent in (
        {**default_consent(social_media=True), "text_sha256": "d" * 64},  # reworded text
        {**default_consent(social_media=True), "version_id": "staff-voices-consent-v9"},  # unknown version
    ):
        manifest = upload_submission(published, [deliverable], consent=consent)
        check = Unchanged(published)
        refused = check.check(complete(published, manifest["submission_id"]), 422, "consent_wording_unknown")
        assert "consent wording" in refused["error"]["message"]
        assert server_status(published, manifest["submission_id"]) == "open"


def test_published_wording_is_accepted_and_review_shows_the_servers_exact_text(
    published: IntakeServer, reviewer: str, deliverable: Path
) -> None:
    version = load_campaign().consent
    for locale in ("en", "cy"):
        manifest, _done = send_submission(
            published, [deliverable], locale=locale, consent=default_consent(social_media=True, locale=locale)
        )
        wording = detail(published, reviewer, manifest["submission_id"])["consent"]["wording"]
        assert wording == {
            "status": "verified",
            "text": version.rendered_text(locale),
            "locale": locale,
            "confirmation": None,
        }


def test_an_unpublished_campaign_is_not_verified_until_a_reviewer_records_why(
    published: IntakeServer, reviewer: str, deliverable: Path
) -> None:
    manifest, _done = send_submission(
        published,
        [deliverable],
        campaign_id=OTHER_CAMPAIGN,
        consent=default_consent(social_media=True),
    )
    submission_id, take_id = manifest["submission_id"], manifest["takes"][0]["take_id"]
    assert detail(published, reviewer, submission_id)["consent"]["wording"]["status"] == "unverified"
    approve(published, reviewer, submission_id)
    for use in ("social", "internal"):
        assert refused_reason(published, reviewer, take_id, use) == "wording_unverified"
    url = f"{api(published)}/review/submissions/{submission_id}/wording"
    check = Unchanged(published)
    check.check(requests.post(url, json={"reason": "   "}, headers=auth(reviewer)), 422, "invalid_request")
    check.check(requests.post(url, json={"reason": "x"}, headers=published.key_headers), 403)
    reason = "Paper consent form signed on 25 Nov, filed by the comms team; its wording matches v2."
    recorded = requests.post(url, json={"reason": reason}, headers=auth(reviewer))
    assert recorded.status_code == 200, recorded.text
    wording = recorded.json()["wording"]
    assert wording["status"] == "confirmed" and wording["text"] is None
    assert wording["confirmation"]["reason"] == reason and wording["confirmation"]["reviewer"] == "reviewer"
    shown = detail(published, reviewer, submission_id)
    assert shown["consent"]["wording"] == wording
    assert {"actor": "reviewer", "action": "wording_confirmed", "detail": {"reason": reason}}.items() <= {
        **next(e for e in shown["audit"] if e["action"] == "wording_confirmed")
    }.items()
    Unchanged(published).check(
        requests.post(url, json={"reason": "again"}, headers=auth(reviewer)), 409, "wording_confirmed"
    )
    allowed = export_get(published, reviewer, take_id, "social")
    assert allowed.status_code == 200 and allowed.content == deliverable.read_bytes()


def test_a_verified_submission_needs_no_record(
    published: IntakeServer, reviewer: str, deliverable: Path
) -> None:
    manifest, _done = send_submission(published, [deliverable], consent=default_consent(social_media=True))
    url = f"{api(published)}/review/submissions/{manifest['submission_id']}/wording"
    Unchanged(published).check(
        requests.post(url, json={"reason": "not needed"}, headers=auth(reviewer)), 409, "wording_verified"
    )


def test_export_refuses_social_media_after_a_no_and_labels_the_internal_copy(
    published: IntakeServer, reviewer: str, deliverable: Path
) -> None:
    manifest, done = send_submission(published, [deliverable], consent=default_consent(social_media=False))
    submission_id, take_id = manifest["submission_id"], manifest["takes"][0]["take_id"]
    approve(published, reviewer, submission_id)
    assert refused_reason(published, reviewer, take_id, "social") == "no_social_media"
    internal = export_get(published, reviewer, take_id, "internal")
    assert internal.status_code == 200 and internal.content == deliverable.read_bytes()
    assert internal.headers["X-Voicebooth-Use"] == "internal"
    assert (
        f'filename="{done["reference"]}_love-role_INTERNAL-ONLY.mp4"'
        in internal.headers["Content-Disposition"]
    )
    resumed = requests.get(
        f"{api(published)}/review/takes/{take_id}/export",
        params={"use": "internal"},
        headers={**auth(reviewer), "Range": "bytes=100-"},
    )
    assert resumed.status_code == 206 and resumed.content == deliverable.read_bytes()[100:]
    audit = detail(published, reviewer, submission_id)["audit"]
    downloads = [e["detail"] for e in audit if e["action"] == "export_download"]
    assert downloads == [{"take_id": take_id, "use": "internal"}]  # the resumed range is the same download
    Unchanged(published).check(export_get(published, reviewer, take_id, "everywhere"), 422, "invalid_request")


def test_export_refuses_what_is_not_approved_and_allows_a_yes(
    published: IntakeServer, reviewer: str, deliverable: Path
) -> None:
    manifest, _done = send_submission(published, [deliverable], consent=default_consent(social_media=True))
    submission_id, take_id = manifest["submission_id"], manifest["takes"][0]["take_id"]
    assert refused_reason(published, reviewer, take_id, "social") == "not_approved"
    approve(published, reviewer, submission_id)
    allowed = export_get(published, reviewer, take_id, "social")
    assert allowed.status_code == 200 and allowed.headers["X-Voicebooth-Use"] == "social"
    assert "INTERNAL" not in allowed.headers["Content-Disposition"]
    Unchanged(published).check(
        requests.get(f"{api(published)}/review/takes/{take_id}/export", params={"use": "social"}), 401
    )


def test_the_metadata_sheet_says_what_each_row_may_be_used_for(
    published: IntakeServer, reviewer: str, deliverable: Path
) -> None:
    no, _ = send_submission(published, [deliverable], consent=default_consent(social_media=False))
    yes, _ = send_submission(published, [deliverable], consent=default_consent(social_media=True))
    unpublished, _ = send_submission(
        published, [deliverable], campaign_id=OTHER_CAMPAIGN, consent=default_consent(social_media=True)
    )
    response = requests.get(f"{api(published)}/review/export.csv", headers=auth(reviewer))
    assert response.status_code == 200
    rows = {row["submission_id"]: row for row in csv.DictReader(io.StringIO(response.text))}
    assert rows[no["submission_id"]]["use"].startswith("INTERNAL-ONLY: internal communications only")
    assert rows[yes["submission_id"]]["use"] == "public social media and internal communications"
    assert rows[yes["submission_id"]]["consent_wording"] == "verified"
    assert rows[unpublished["submission_id"]]["consent_wording"] == "unverified"
