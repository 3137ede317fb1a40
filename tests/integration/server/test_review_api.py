"""Review side against the real server: sign-in, list/filter/paging/counts, detail with consent, Range
streaming and posters, decisions with an audit trail, timecoded comments, CSV export, withdrawn and
consent-expired submissions kept out of streaming and export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers.server import IntakeServer, send_submission
from tests.integration.server.conftest import Unchanged, api, auth, listing

OLD_CONSENT = "2020-01-01T09:00:00Z"  # more than consent_valid_days (730) ago


@pytest.fixture(scope="module")
def sent(server: IntakeServer, deliverable: Path) -> dict[str, Any]:
    """Three received submissions with different prompts and people, one with expired consent."""
    first, first_done = send_submission(
        server, [deliverable, deliverable], prompt_ids=["love-role", "nhs-better"]
    )
    formula_name = {"value": '=HYPERLINK("http://evil","x")', "show": True}
    second, second_done = send_submission(
        server,
        [deliverable],
        prompt_ids=["nhs-better"],
        person={"name": formula_name, "employer": {"value": "@SUM(A1)", "show": False}},
    )
    consent = {
        "version_id": "consent-v1",
        "text_sha256": "b" * 64,
        "choices": {"social_media": True},
        "given_utc": OLD_CONSENT,
    }
    expired, expired_done = send_submission(server, [deliverable], prompt_ids=["love-role"], consent=consent)
    return {
        "first": (first, first_done),
        "second": (second, second_done),
        "expired": (expired, expired_done),
    }


def test_login_wrong_password_and_unknown_user(server: IntakeServer) -> None:
    check = Unchanged(server)
    for body in (
        {"username": "nobody", "password": "whatever-password"},
        {"username": "x' OR '1'='1", "password": "x"},
    ):
        check.check(requests.post(f"{api(server)}/auth/login", json=body), 401, "wrong_credentials")
    for body in (
        {"username": "reviewer"},
        {"username": ["reviewer"], "password": 1},
        {"username": "", "password": ""},
    ):
        check.check(requests.post(f"{api(server)}/auth/login", json=body), 422, "invalid_request")


def test_login_logout(server: IntakeServer) -> None:
    response = requests.post(
        f"{api(server)}/auth/login", json={"username": "reviewer", "password": server.reviewer[1]}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["expires_utc"].endswith("Z") and len(body["token"]) >= 32
    assert listing(server, body["token"])["page"] == 1
    assert requests.post(f"{api(server)}/auth/logout", headers=auth(body["token"])).status_code == 204
    check = Unchanged(server)
    check.check(
        requests.get(f"{api(server)}/review/submissions", headers=auth(body["token"])), 401, "unknown_token"
    )


@pytest.fixture
def strict_server(tmp_path: Path) -> Iterator[IntakeServer]:
    server = IntakeServer.start(
        tmp_path, settings={"token_ttl_s": 1, "login_attempts": 3, "login_lock_s": 60}
    )
    yield server
    server.stop()


def test_expired_token_and_lock_out(strict_server: IntakeServer) -> None:
    import time

    token = strict_server.login()
    time.sleep(1.2)
    check = Unchanged(strict_server)
    check.check(
        requests.get(f"{api(strict_server)}/review/submissions", headers=auth(token)), 401, "token_expired"
    )
    url = f"{api(strict_server)}/auth/login"
    for _ in range(3):
        assert (
            requests.post(url, json={"username": "reviewer", "password": "wrong password!"}).status_code
            == 401
        )
    locked = requests.post(url, json={"username": "reviewer", "password": strict_server.reviewer[1]})
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "sign_in_locked"


def test_upload_key_cannot_list_stream_decide_or_export(
    server: IntakeServer, sent: dict[str, Any], unchanged: Unchanged
) -> None:
    manifest, _ = sent["first"]
    take_id = manifest["takes"][0]["take_id"]
    sid = manifest["submission_id"]
    for method, path, body in [
        ("GET", "/review/submissions", None),
        ("GET", f"/review/submissions/{sid}", None),
        ("GET", f"/review/takes/{take_id}/video", None),
        ("GET", f"/review/takes/{take_id}/poster", None),
        ("POST", f"/review/submissions/{sid}/decision", {"decision": "approved", "note": ""}),
        ("POST", f"/review/takes/{take_id}/comments", {"at_ms": 0, "text": "hi"}),
        ("GET", "/review/export.csv", None),
        ("POST", "/auth/logout", None),
    ]:
        response = requests.request(method, f"{api(server)}{path}", json=body, headers=server.key_headers)
        unchanged.check(response, 403, "upload_key_not_allowed")
        response = requests.request(method, f"{api(server)}{path}", json=body, headers=auth("x" * 43))
        unchanged.check(response, 401)


def test_list_filters_paging_and_counts(server: IntakeServer, token: str, sent: dict[str, Any]) -> None:
    first, second, expired = (sent[k][0]["submission_id"] for k in ("first", "second", "expired"))
    everything = listing(server, token, per_page=100)
    ids = [item["submission_id"] for item in everything["items"]]
    assert {first, second, expired} <= set(ids)
    assert everything["counts"]["received"] >= 3 and set(everything["counts"]) >= {
        "open",
        "approved",
        "withdrawn",
    }
    assert everything["total"] == len(ids)
    nhs = {
        item["submission_id"]
        for item in listing(server, token, prompt_id="nhs-better", per_page=100)["items"]
    }
    assert {first, second} <= nhs and expired not in nhs
    by_reference = listing(server, token, q=sent["second"][1]["reference"].lower())
    assert [item["submission_id"] for item in by_reference["items"]] == [second]
    assert listing(server, token, q="%")["total"] == 0  # LIKE wildcards are matched literally
    assert listing(server, token, since="2999-01-01")["total"] == 0
    assert listing(server, token, until="2000-01-01")["total"] == 0
    page1 = listing(server, token, per_page=2, page=1)
    page2 = listing(server, token, per_page=2, page=2)
    assert len(page1["items"]) == 2 and page1["total"] == everything["total"]
    assert not {i["submission_id"] for i in page1["items"]} & {i["submission_id"] for i in page2["items"]}
    item = next(i for i in everything["items"] if i["submission_id"] == expired)
    assert item["consent_expired"] is True


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"page": 0},
        {"per_page": 1000},
        {"since": "yesterday"},
        {"prompt_id": "../x"},
        {"since": "2026-02-01", "until": "2026-01-01"},
        {"q": "a\x00b"},
        {"page": "x"},
    ],
)
def test_bad_list_parameters(server: IntakeServer, token: str, params: dict[str, Any]) -> None:
    check = Unchanged(server)
    check.check(requests.get(f"{api(server)}/review/submissions", params=params, headers=auth(token)), 422)


def test_detail_has_the_full_consent_record(server: IntakeServer, token: str, sent: dict[str, Any]) -> None:
    manifest, done = sent["first"]
    detail = requests.get(
        f"{api(server)}/review/submissions/{manifest['submission_id']}", headers=auth(token)
    ).json()
    assert detail["reference"] == done["reference"] and detail["status"] in (
        "received",
        "approved",
        "rejected",
        "changes_requested",
    )
    assert detail["person"] == manifest["person"]
    consent = detail["consent"]
    assert {k: consent[k] for k in ("version_id", "text_sha256", "choices", "given_utc")} == manifest[
        "consent"
    ]
    assert consent["expired"] is False and consent["expires_utc"]
    assert [t["take_id"] for t in detail["takes"]] == [t["take_id"] for t in manifest["takes"]]
    assert detail["takes"][0]["prompt_text"] == manifest["takes"][0]["prompt_text"]
    assert detail["takes"][0]["available"] and detail["takes"][0]["video_url"].endswith("/video")
    assert [e["action"] for e in detail["audit"]][:2] == ["created", "take_attached"]
    assert "received" in [e["action"] for e in detail["audit"]]
    check = Unchanged(server)
    check.check(
        requests.get(
            f"{api(server)}/review/submissions/{'0' * 8}-0000-4000-8000-{'0' * 12}", headers=auth(token)
        ),
        404,
    )
    check.check(requests.get(f"{api(server)}/review/submissions/..%2F..%2Fetc", headers=auth(token)), 404)


def test_video_streams_with_range_and_poster_is_jpeg(
    server: IntakeServer, token: str, sent: dict[str, Any], deliverable: Path
) -> None:
    take_id = sent["first"][0]["takes"][0]["take_id"]
    url = f"{api(server)}/review/takes/{take_id}/video"
    data = deliverable.read_bytes()
    whole = requests.get(url, headers=auth(token))
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["Content-Type"] == "video/mp4" and whole.headers["Accept-Ranges"] == "bytes"
    assert "no-store" in whole.headers["Cache-Control"]
    part = requests.get(url, headers={**auth(token), "Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
    tail = requests.get(url, headers={**auth(token), "Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == data[-50:]
    beyond = requests.get(url, headers={**auth(token), "Range": f"bytes={len(data) + 10}-"})
    assert beyond.status_code == 416 and beyond.headers["Content-Range"] == f"bytes */{len(data)}"
    poster = requests.get(f"{api(server)}/review/takes/{take_id}/poster", headers=auth(token))
    assert poster.status_code == 200 and poster.headers["Content-Type"] == "image/jpeg"
    assert poster.content[:3] == b"\xff\xd8\xff"
    check = Unchanged(server)
    check.check(
        requests.get(f"{api(server)}/review/takes/nope/video", headers=auth(token)), 404, "unknown_take"
    )
    check.check(
        requests.get(f"{api(server)}/review/takes/..%2F..%2Fsecret.key/video", headers=auth(token)), 404
    )


def test_consent_expired_cannot_be_streamed_decided_or_exported(
    server: IntakeServer, token: str, sent: dict[str, Any]
) -> None:
    manifest, _ = sent["expired"]
    take_id = manifest["takes"][0]["take_id"]
    check = Unchanged(server)
    for kind in ("video", "poster"):
        response = requests.get(f"{api(server)}/review/takes/{take_id}/{kind}", headers=auth(token))
        check.check(response, 410, "consent_expired")
    response = requests.post(
        f"{api(server)}/review/submissions/{manifest['submission_id']}/decision",
        json={"decision": "approved", "note": ""},
        headers=auth(token),
    )
    check.check(response, 410, "consent_expired")
    export = requests.get(f"{api(server)}/review/export.csv", headers=auth(token)).text
    assert manifest["submission_id"] not in export


def test_decisions_are_recorded_with_an_audit_trail(
    server: IntakeServer, token: str, sent: dict[str, Any]
) -> None:
    sid = sent["second"][0]["submission_id"]
    url = f"{api(server)}/review/submissions/{sid}/decision"
    note = "Lovely — but trim the start. <b>not markup</b>; DROP TABLE decisions;--"
    response = requests.post(url, json={"decision": "changes_requested", "note": note}, headers=auth(token))
    assert response.status_code == 200 and response.json()["status"] == "changes_requested"
    response = requests.post(url, json={"decision": "approved", "note": "Fixed."}, headers=auth(token))
    assert response.json()["decision"]["reviewer"] == "reviewer"
    detail = requests.get(f"{api(server)}/review/submissions/{sid}", headers=auth(token)).json()
    assert detail["status"] == "approved"
    assert [(d["decision"], d["note"]) for d in detail["decisions"]] == [
        ("changes_requested", note),
        ("approved", "Fixed."),
    ]
    trail = [e for e in detail["audit"] if e["action"] == "decision"]
    assert [e["detail"] for e in trail] == [
        {"from": "received", "to": "changes_requested"},
        {"from": "changes_requested", "to": "approved"},
    ]
    assert all(e["actor"] == "reviewer" for e in trail)
    check = Unchanged(server)
    for body in (
        {"decision": "maybe", "note": ""},
        {"decision": "approved", "note": "x" * 2001},
        {"decision": "approved", "note": "nul\x00byte"},
        {"decision": "approved", "note": 5},
        {"decision": "approved", "extra": 1},
    ):
        check.check(requests.post(url, json=body, headers=auth(token)), 422, "invalid_request")


def test_timecoded_comments(server: IntakeServer, token: str, sent: dict[str, Any]) -> None:
    manifest, _ = sent["first"]
    take_id = manifest["takes"][1]["take_id"]
    url = f"{api(server)}/review/takes/{take_id}/comments"
    response = requests.post(url, json={"at_ms": 1500, "text": "Great smile here"}, headers=auth(token))
    assert response.status_code == 201 and response.json()["comment"]["at_ms"] == 1500
    detail = requests.get(
        f"{api(server)}/review/submissions/{manifest['submission_id']}", headers=auth(token)
    ).json()
    assert [(c["take_id"], c["at_ms"], c["text"]) for c in detail["comments"]] == [
        (take_id, 1500, "Great smile here")
    ]
    check = Unchanged(server)
    for body in (
        {"at_ms": -1, "text": "x"},
        {"at_ms": 999_999, "text": "after the end"},
        {"at_ms": 10, "text": ""},
        {"at_ms": "10", "text": "x"},
        {"at_ms": 10.5, "text": "x"},
    ):
        check.check(requests.post(url, json=body, headers=auth(token)), 422, "invalid_request")


def test_csv_export_is_safe_for_spreadsheets(server: IntakeServer, token: str, sent: dict[str, Any]) -> None:
    response = requests.get(f"{api(server)}/review/export.csv", headers=auth(token))
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    second = sent["second"][0]
    mine = [row for row in rows if row["submission_id"] == second["submission_id"]]
    assert len(mine) == 1
    assert mine[0]["name"] == '\'=HYPERLINK("http://evil","x")'  # defused formula
    assert mine[0]["employer"] == ""  # not shown: the person chose not to share it publicly
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    first_takes = [row for row in rows if row["submission_id"] == sent["first"][0]["submission_id"]]
    assert len(first_takes) == 2  # one row per take
    approved = requests.get(
        f"{api(server)}/review/export.csv", params={"status": "approved"}, headers=auth(token)
    )
    assert {row["status"] for row in csv.DictReader(io.StringIO(approved.text))} <= {"approved"}
    check = Unchanged(server)
    for status in ("withdrawn", "expired", "open"):
        response = requests.get(
            f"{api(server)}/review/export.csv", params={"status": status}, headers=auth(token)
        )
        check.check(response, 409, "cannot_export")


def test_withdrawn_cannot_be_streamed_or_exported(
    server: IntakeServer, token: str, deliverable: Path
) -> None:
    manifest, done = send_submission(server, [deliverable])
    take_id = manifest["takes"][0]["take_id"]
    video = f"{api(server)}/review/takes/{take_id}/video"
    assert requests.get(video, headers=auth(token)).status_code == 200
    requests.post(
        f"{api(server)}/withdraw",
        json={"reference": done["reference"], "withdrawal_token": done["withdrawal_token"]},
    )
    check = Unchanged(server)
    check.check(requests.get(video, headers=auth(token)), 410, "withdrawn")
    check.check(
        requests.get(f"{api(server)}/review/takes/{take_id}/poster", headers=auth(token)), 410, "withdrawn"
    )
    response = requests.post(
        f"{api(server)}/review/takes/{take_id}/comments", json={"at_ms": 0, "text": "x"}, headers=auth(token)
    )
    check.check(response, 410, "withdrawn")
    export = requests.get(f"{api(server)}/review/export.csv", headers=auth(token)).text
    assert manifest["submission_id"] not in export and done["reference"] not in export


def test_the_last_decision_can_be_undone_and_both_stay_audited(
    server: IntakeServer, token: str, sent: dict[str, Any]
) -> None:
    sid = sent["first"][0]["submission_id"]
    url = f"{api(server)}/review/submissions/{sid}/decision"
    before = requests.get(f"{api(server)}/review/submissions/{sid}", headers=auth(token)).json()["status"]
    response = requests.post(url, json={"decision": "rejected", "note": "Wrong one."}, headers=auth(token))
    assert response.status_code == 200
    response = requests.post(f"{url}/undo", headers=auth(token))
    assert response.status_code == 200 and response.json()["status"] == before
    detail = requests.get(f"{api(server)}/review/submissions/{sid}", headers=auth(token)).json()
    assert detail["status"] == before
    trail = [e for e in detail["audit"] if e["action"].startswith("decision")][-2:]
    assert [(e["action"], e["detail"]) for e in trail] == [
        ("decision", {"from": before, "to": "rejected"}),
        ("decision_undone", {"from": "rejected", "to": before}),
    ]
    check = Unchanged(server)  # an undo is not undone; nothing else to undo; strangers cannot
    check.check(requests.post(f"{url}/undo", headers=auth(token)), 409, "nothing_to_undo")
    assert requests.post(f"{url}/undo").status_code == 401
