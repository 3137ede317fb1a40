"""Contact details against the real server: stored only with a Yes to being contacted, checked as the app
checks them, seen by reviewers in the detail only (never listed, searched or exported), and gone with the
person's other details when they withdraw."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.helpers.server import REPO_ROOT, IntakeServer, manifest_for, send_submission
from tests.integration.server.conftest import Unchanged, api, auth, listing

CONTACT = {"email": "sam.jones@example.nhs.uk", "phone": "07700 900 982"}
YES = {"social_media": True, "contact_me": True}


def consent_with(choices: dict[str, bool], files: list[Path]) -> dict[str, object]:
    base = manifest_for(files)["consent"]
    assert isinstance(base, dict)
    return {**base, "choices": choices}


def test_reviewers_see_contact_details_nobody_else_and_withdrawal_removes_them(
    server: IntakeServer, token: str, deliverable: Path
) -> None:
    manifest, done = send_submission(
        server, [deliverable], contact=CONTACT, consent=consent_with(YES, [deliverable])
    )
    sid, reference = manifest["submission_id"], done["reference"]
    detail_url = f"{api(server)}/review/submissions/{sid}"
    assert requests.get(detail_url, headers=auth(token)).json()["contact"] == CONTACT
    # Not in the list, not searchable, never in the export.
    item = next(i for i in listing(server, token, q=reference)["items"] if i["submission_id"] == sid)
    assert "contact" not in item and "sam.jones" not in str(item)
    assert listing(server, token, q="sam.jones@example.nhs.uk")["items"] == []
    exported = requests.get(f"{api(server)}/review/export.csv", headers=auth(token)).text
    assert reference in exported
    assert "sam.jones@" not in exported and "07700" not in exported
    assert not any(
        "contact" in h for h in next(csv.reader(io.StringIO(exported))) if h != "consent_contact_me"
    )

    withdrawn = requests.post(f"{detail_url}/withdraw", json={"note": "Asked by email."}, headers=auth(token))
    assert withdrawn.status_code == 200, withdrawn.text
    assert requests.get(detail_url, headers=auth(token)).json()["contact"] == {}
    assert CONTACT["email"].encode() not in (server.data_dir / "voicebooth.db").read_bytes()


@pytest.mark.parametrize(
    ("contact", "choices"),
    [
        (CONTACT, {"social_media": True}),  # no Yes to being contacted
        (CONTACT, {"social_media": True, "contact_me": False}),
        ({"email": "not an address"}, YES),
        ({"email": "a@b"}, YES),
        ({"phone": "12345"}, YES),
        ({"phone": "0770090098x"}, YES),
    ],
)
def test_contact_details_the_app_would_refuse_are_refused_and_nothing_is_stored(
    server: IntakeServer,
    deliverable: Path,
    unchanged: Unchanged,
    contact: dict[str, str],
    choices: dict[str, bool],
) -> None:
    manifest = manifest_for([deliverable], contact=contact, consent=consent_with(choices, [deliverable]))
    response = requests.post(
        f"{api(server)}/submissions", json=manifest, headers=server.key_headers, timeout=30
    )
    assert response.status_code == 422
    unchanged.check(response, 422, response.json()["error"]["code"])
    assert response.json()["error"]["code"] in ("invalid_contact", "invalid_manifest")


def test_no_contact_details_is_fine(server: IntakeServer, token: str, deliverable: Path) -> None:
    manifest, _done = send_submission(server, [deliverable], consent=consent_with(YES, [deliverable]))
    detail = requests.get(
        f"{api(server)}/review/submissions/{manifest['submission_id']}", headers=auth(token)
    )
    assert detail.json()["contact"] == {}


def test_the_purge_removes_contact_details_once_consent_has_expired(
    server: IntakeServer, token: str, deliverable: Path
) -> None:
    """Held only as long as the consent: the purge that expires a submission clears them like a withdrawal."""
    consent = {**consent_with(YES, [deliverable]), "given_utc": "2019-05-01T10:00:00Z"}
    manifest, _done = send_submission(server, [deliverable], contact=CONTACT, consent=consent)
    detail_url = f"{api(server)}/review/submissions/{manifest['submission_id']}"
    assert requests.get(detail_url, headers=auth(token)).json()["contact"] == CONTACT
    purge = subprocess.run(
        [sys.executable, "-m", "server.cli", "purge", "--data", str(server.data_dir)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert purge.returncode == 0, purge.stderr
    detail = requests.get(detail_url, headers=auth(token)).json()
    assert detail["status"] == "expired" and detail["contact"] == {}
    assert CONTACT["email"].encode() not in (server.data_dir / "voicebooth.db").read_bytes()
