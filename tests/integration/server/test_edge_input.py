"""Input at the edges of what parses: deep nesting, dates past year 9999 in UTC, lone surrogates, bad Range
headers and requests cut off mid-body. Each is refused with a 4xx in the JSON error shape (nothing stored,
no traceback in the log), and what holds personal data is never cached."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers.server import IntakeServer, manifest_for, send_submission
from tests.integration.server.conftest import Unchanged, api, auth


@pytest.fixture(scope="module")
def sent(server: IntakeServer, deliverable: Path) -> dict[str, Any]:
    """One received submission to look at and stream."""
    manifest, _done = send_submission(server, [deliverable])
    return manifest


def _nested(levels: int) -> dict[str, Any]:
    root: dict[str, Any] = {}
    inner = root
    for _ in range(levels - 1):
        inner["a"] = {}
        inner = inner["a"]
    return root


def test_a_manifest_nested_300_levels_deep_is_refused(
    server: IntakeServer, deliverable: Path, unchanged: Unchanged
) -> None:
    manifest = manifest_for([deliverable])
    manifest["takes"][0]["check"]["deep"] = _nested(300)
    response = requests.post(
        f"{api(server)}/submissions", data=json.dumps(manifest), headers=server.key_headers, timeout=30
    )
    body = unchanged.check(response, 400, "invalid_json")
    assert "deeper than 32 levels" in body["error"]["message"]


def test_a_manifest_at_the_nesting_limit_is_stored_and_its_detail_answers(
    server: IntakeServer, token: str, deliverable: Path
) -> None:
    manifest = manifest_for([deliverable])
    manifest["takes"][0]["check"]["deep"] = _nested(28)  # 4 levels above: root, takes, take, check
    created = requests.post(f"{api(server)}/submissions", json=manifest, headers=server.key_headers)
    assert created.status_code == 201, created.text
    detail = requests.get(
        f"{api(server)}/review/submissions/{manifest['submission_id']}", headers=auth(token), timeout=30
    )
    assert detail.status_code == 200, detail.text
    assert detail.json()["takes"][0]["check"]["deep"] == _nested(28)


def test_a_lone_surrogate_in_a_name_is_refused(
    server: IntakeServer, deliverable: Path, unchanged: Unchanged
) -> None:
    manifest = manifest_for([deliverable])
    text = json.dumps(manifest).replace('"Sam Jones"', '"Sam \\ud800Jones"')
    response = requests.post(f"{api(server)}/submissions", data=text, headers=server.key_headers, timeout=30)
    body = unchanged.check(response, 400, "invalid_json")
    assert "not valid Unicode" in body["error"]["message"]
    login = requests.post(
        f"{api(server)}/auth/login",
        data='{"username": "a\\ud800", "password": "long enough password"}',
        headers={"Content-Type": "application/json"},
    )
    unchanged.check(login, 422, "invalid_request")


@pytest.mark.parametrize(
    "params",
    [
        {"since": "9999-12-31T23:59:59-23:59"},
        {"until": "0001-01-01T00:00:00+14:00"},
        {"since": "0001-01-01T00:00:00+00:01"},
    ],
    ids=["since-after-9999", "until-before-1", "since-just-before-1"],
)
def test_times_outside_the_years_1_to_9999_in_utc_are_refused(
    server: IntakeServer, token: str, unchanged: Unchanged, params: dict[str, str]
) -> None:
    response = requests.get(f"{api(server)}/review/submissions", params=params, headers=auth(token))
    body = unchanged.check(response, 422, "invalid_request")
    assert "between the years 1 and 9999" in body["error"]["message"]


def test_the_first_and_last_days_there_are_still_work(
    server: IntakeServer, token: str, sent: dict[str, Any]
) -> None:
    for params in (
        {"since": "0001-01-01", "until": "9999-12-31"},
        {"since": "0001-01-01T00:00:00Z", "until": "9999-12-31T23:59:59Z"},
    ):
        response = requests.get(f"{api(server)}/review/submissions", params=params, headers=auth(token))
        assert response.status_code == 200, response.text
        assert sent["submission_id"] in {item["submission_id"] for item in response.json()["items"]}


def test_bad_ranges_answer_in_the_json_error_shape(
    server: IntakeServer, token: str, sent: dict[str, Any], unchanged: Unchanged
) -> None:
    url = f"{api(server)}/review/takes/{sent['takes'][0]['take_id']}/video"
    size = sent["takes"][0]["size_bytes"]
    for header in ("bytes=abc", "items=0-10", "bytes=", "bytes=50-10"):
        unchanged.check(requests.get(url, headers={**auth(token), "Range": header}), 400, "bad_range")
    past = requests.get(url, headers={**auth(token), "Range": f"bytes={size + 10}-"})
    unchanged.check(past, 416, "range_not_satisfiable")
    assert past.headers["Content-Range"] == f"bytes */{size}"
    good = requests.get(url, headers={**auth(token), "Range": "bytes=0-9"})
    assert good.status_code == 206 and len(good.content) == 10


def test_review_list_and_detail_are_never_cached(
    server: IntakeServer, token: str, sent: dict[str, Any]
) -> None:
    for path in ("/review/submissions", f"/review/submissions/{sent['submission_id']}"):
        response = requests.get(f"{api(server)}{path}", headers=auth(token))
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
    clip = requests.get(
        f"{api(server)}/review/takes/{sent['takes'][0]['take_id']}/poster", headers=auth(token)
    )
    assert clip.headers["Cache-Control"] == "private, no-store"


def _send_part_and_hang_up(server: IntakeServer, method: str, path: str, headers: dict[str, str]) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as conn:
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        conn.sendall(
            f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: 100000\r\n{head}\r\n".encode()
            + b'{"schema": 1, "submission_id": '
        )
        time.sleep(0.2)


def test_a_request_cut_off_mid_body_logs_one_line_and_stores_nothing(
    server: IntakeServer, sent: dict[str, Any], unchanged: Unchanged
) -> None:
    log_size = server.log_path.stat().st_size
    sid = sent["submission_id"]
    for method, path in (
        ("POST", "/api/v1/submissions"),
        ("PUT", f"/api/v1/submissions/{sid}/takes/{sent['takes'][0]['take_id']}"),
        ("POST", "/api/v1/auth/login"),
    ):
        _send_part_and_hang_up(server, method, path, server.key_headers)
    assert requests.get(f"{api(server)}/health", timeout=5).status_code == 200
    added = server.log_path.read_bytes()[log_size:].decode(errors="replace")
    assert "Traceback" not in added and len(added) < 1000, added
    assert server.snapshot() == unchanged.before
