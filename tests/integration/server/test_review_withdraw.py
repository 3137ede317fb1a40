"""Withdrawal at the person's request, by a reviewer, against the real server: found from the reference
the person reads out, audited with the reviewer's name and note, media files gone from the data folder
at once, the same tombstone as the person's own withdrawal, streaming and export refused afterwards, an
upload key refused, a second withdrawal a harmless 200 that says so, bad requests change nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers.server import IntakeServer, manifest_for, send_submission
from tests.integration.server.conftest import Unchanged, api, auth, listing


def withdraw_url(server: IntakeServer, submission_id: str) -> str:
    return f"{api(server)}/review/submissions/{submission_id}/withdraw"


def detail(server: IntakeServer, token: str, submission_id: str) -> dict[str, Any]:
    response = requests.get(f"{api(server)}/review/submissions/{submission_id}", headers=auth(token))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def media_names(server: IntakeServer) -> set[str]:
    return {path.name for path in (server.data_dir / "media").iterdir()}


def found_by(server: IntakeServer, token: str, q: str) -> list[str]:
    return [item["submission_id"] for item in listing(server, token, q=q, per_page="100")["items"]]


def test_a_reviewer_finds_it_by_the_code_read_out_and_withdraws_it(
    server: IntakeServer, token: str, deliverable: Path
) -> None:
    manifest, done = send_submission(server, [deliverable, deliverable])
    _, other = send_submission(server, [deliverable])
    sid, reference = manifest["submission_id"], done["reference"]
    chars = reference.replace("VB-", "").replace("-", "")
    # However the person says or writes it, the reviewer finds exactly this submission.
    spoken_forms = [
        reference, reference.lower(), f"vb {chars[:4]} {chars[4:]}", chars, f"{chars[:4]} {chars[4:]}",
        f" VB-{chars[:4]}\u2013{chars[4:]} ", f"V B {chars}", chars[:4],
    ]  # fmt: skip
    for spoken in spoken_forms:
        assert found_by(server, token, spoken) == [sid], spoken
    decided = requests.post(
        f"{api(server)}/review/submissions/{sid}/decision",
        json={"decision": "approved", "note": "Lovely"},
        headers=auth(token),
    )
    assert decided.status_code == 200
    video = f"{api(server)}/review/takes/{manifest['takes'][0]['take_id']}/video"
    assert requests.get(video, headers=auth(token)).status_code == 200
    csv_before = requests.get(f"{api(server)}/review/export.csv", headers=auth(token)).text
    assert reference in csv_before
    take_media = {t["take_id"] for t in manifest["takes"]}
    before = media_names(server)

    response = requests.post(
        withdraw_url(server, sid), json={"note": "  Asked by phone on Tuesday; code read back.  "},
        headers=auth(token),
    )  # fmt: skip

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["submission_id"] == sid and body["reference"] == reference
    assert body["status"] == "withdrawn" and body["already_withdrawn"] is False
    assert body["withdrawn_utc"].endswith("Z")
    gone = before - media_names(server)
    assert len(gone) == 4 and {n.rsplit(".", 1)[1] for n in gone} == {
        "mp4",
        "jpg",
    }  # 2 takes: videos + posters
    after = detail(server, token, sid)
    assert after["status"] == "withdrawn" and after["person"] == {}  # the same tombstone as the token path
    assert after["reference"] == reference and after["consent"]["version_id"] == "consent-v1"
    assert [d["decision"] for d in after["decisions"]] == ["approved"]  # decisions stay
    assert all(not t["available"] and t["prompt_text"] == "" for t in after["takes"])
    assert {t["take_id"] for t in after["takes"]} == take_media
    last = after["audit"][-1]
    assert last["actor"] == "reviewer" and last["action"] == "withdrawn"
    assert last["detail"] == {"on_request": True, "note": "Asked by phone on Tuesday; code read back.",
                              "media_files": 2}  # fmt: skip
    # Streaming, posters, decisions, comments and export are refused from now on.
    check = Unchanged(server)
    check.check(requests.get(video, headers=auth(token)), 410, "withdrawn")
    poster = f"{api(server)}/review/takes/{manifest['takes'][1]['take_id']}/poster"
    check.check(requests.get(poster, headers=auth(token)), 410, "withdrawn")
    check.check(
        requests.post(
            f"{api(server)}/review/submissions/{sid}/decision",
            json={"decision": "approved", "note": ""},
            headers=auth(token),
        ),
        410,
        "withdrawn",
    )
    export = requests.get(f"{api(server)}/review/export.csv", headers=auth(token))
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert rows and all(row["submission_id"] != sid and row["reference"] != reference for row in rows)
    assert other["reference"] in export.text  # the others are still exported
    check = Unchanged(server)  # (a successful export is itself audited)
    check.check(
        requests.get(f"{api(server)}/review/export.csv", params={"status": "withdrawn"}, headers=auth(token)),
        409,
        "cannot_export",
    )
    # The public status and the person's own token agree; the list still finds it, as withdrawn.
    assert requests.get(f"{api(server)}/status/{reference}").json()["status"] == "withdrawn"
    own = requests.post(
        f"{api(server)}/withdraw", json={"reference": reference, "withdrawal_token": done["withdrawal_token"]}
    )
    assert own.status_code == 200 and own.json()["status"] == "withdrawn"
    assert found_by(server, token, reference) == [sid]
    assert detail(server, token, sid)["audit"][-1] == last  # nothing more recorded
    assert requests.get(f"{api(server)}/status/{other['reference']}").json()["status"] == "received"


def test_withdrawing_twice_is_a_harmless_200_that_says_so(
    server: IntakeServer, token: str, deliverable: Path
) -> None:
    manifest, _done = send_submission(server, [deliverable])
    sid = manifest["submission_id"]
    first = requests.post(
        withdraw_url(server, sid), json={"note": "Email from the person"}, headers=auth(token)
    )
    assert first.status_code == 200 and first.json()["already_withdrawn"] is False
    check = Unchanged(server)
    again = requests.post(withdraw_url(server, sid), json={"note": "Asked again"}, headers=auth(token))
    assert again.status_code == 200
    assert again.json() == {**first.json(), "already_withdrawn": True}  # same time: the first withdrawal's
    assert server.snapshot() == check.before  # nothing changed, no second audit entry
    # Withdrawn by the person first: a reviewer's request afterwards says so too.
    manifest2, done2 = send_submission(server, [deliverable])
    own = requests.post(
        f"{api(server)}/withdraw",
        json={"reference": done2["reference"], "withdrawal_token": done2["withdrawal_token"]},
    )
    assert own.status_code == 200
    late = requests.post(
        withdraw_url(server, manifest2["submission_id"]), json={"note": "Phoned"}, headers=auth(token)
    )
    assert late.status_code == 200 and late.json()["already_withdrawn"] is True
    trail = detail(server, token, manifest2["submission_id"])["audit"]
    assert [e["actor"] for e in trail if e["action"] == "withdrawn"] == ["submitter"]


def test_an_upload_key_or_no_sign_in_cannot_withdraw(
    server: IntakeServer, token: str, deliverable: Path
) -> None:
    manifest, _ = send_submission(server, [deliverable])
    url = withdraw_url(server, manifest["submission_id"])
    check = Unchanged(server)
    check.check(
        requests.post(url, json={"note": "x"}, headers=server.key_headers), 403, "upload_key_not_allowed"
    )
    check.check(requests.post(url, json={"note": "x"}), 401)
    check.check(requests.post(url, json={"note": "x"}, headers=auth("y" * 43)), 401, "unknown_token")
    assert detail(server, token, manifest["submission_id"])["status"] == "received"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"note": ""},
        {"note": "   \n "},
        {"note": 5},
        {"note": "a\x00b"},
        {"note": "x" * 2001},
        {"note": "ok", "extra": 1},
    ],
    ids=["missing", "empty", "blank", "number", "control", "too-long", "extra-field"],
)
def test_a_note_is_required(
    server: IntakeServer, token: str, deliverable: Path, body: dict[str, Any]
) -> None:
    manifest, _ = send_submission(server, [deliverable])
    check = Unchanged(server)
    response = requests.post(withdraw_url(server, manifest["submission_id"]), json=body, headers=auth(token))
    check.check(response, 422, "invalid_request")


def test_unknown_malformed_and_unfinished_submissions(
    server: IntakeServer, token: str, deliverable: Path
) -> None:
    check = Unchanged(server)
    for sid, code in [
        ("00000000-0000-4000-8000-000000000000", "unknown_submission"),
        ("VB-7K3M-Q9XD", "unknown_submission"),  # a reference is found with the list's q=, not here
        ("../../etc", None),  # the path never reaches the route
    ]:
        response = requests.post(withdraw_url(server, sid), json={"note": "x"}, headers=auth(token))
        check.check(response, 404, code)
    manifest = manifest_for([deliverable])  # created but never completed: it has no reference yet
    created = requests.post(f"{api(server)}/submissions", json=manifest, headers=server.key_headers)
    assert created.status_code == 201
    check = Unchanged(server)
    response = requests.post(
        withdraw_url(server, manifest["submission_id"]), json={"note": "x"}, headers=auth(token)
    )
    check.check(response, 409, "not_received")
