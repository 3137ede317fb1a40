"""The server's log at INFO (access log on) never holds what people type: a name planted in every query
parameter, path parameter and field of every route is nowhere in it, while the routes and ids are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests

from tests.helpers.media import make_deliverable_mp4
from tests.helpers.server import IntakeServer, send_submission, start_server
from tests.integration.server.conftest import api, auth

NAME = "Zebedee Quuxley-Ffrench"
TRACES = ("zebedee", "quuxley", "ffrench")


@pytest.fixture(scope="module")
def talkative(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IntakeServer]:
    """A server logging at INFO, as IT runs it."""
    yield from start_server(tmp_path_factory.mktemp("talkative"), log_level="info")


def _plant_everywhere(server: IntakeServer, token: str, sent: dict[str, Any]) -> None:
    """Every route, with the name in each query parameter, path parameter and body field."""
    base, bearer = api(server), auth(token)
    take_id = sent["takes"][0]["take_id"]
    list_params = ("q", "status", "prompt_id", "since", "until", "page", "per_page", "extra")
    for path in ("/review/submissions", "/review/export.csv"):
        requests.get(f"{base}{path}", params={"q": NAME}, headers=bearer)  # a search that is valid
        requests.get(f"{base}{path}", params=dict.fromkeys(list_params, NAME), headers=bearer)
        for param in list_params:
            requests.get(f"{base}{path}", params={param: NAME}, headers=bearer)
    named = quote(NAME)
    for method, path in [
        ("GET", f"/review/submissions/{named}"),
        ("GET", f"/review/takes/{named}/video"),
        ("GET", f"/review/takes/{take_id}/poster?who={named}"),
        ("POST", f"/review/submissions/{named}/decision"),
        ("POST", f"/review/takes/{named}/comments"),
        ("GET", f"/status/{named}"),
        ("GET", f"/health?name={named}"),
        ("PUT", f"/submissions/{named}/takes/{named}"),
        ("DELETE", f"/submissions/{named}"),
    ]:
        requests.request(method, f"{base}{path}", json={"note": NAME, "text": NAME}, headers=bearer)
    requests.post(f"{base}/withdraw", json={"reference": NAME, "withdrawal_token": NAME})
    requests.post(f"{base}/auth/login", json={"username": NAME, "password": NAME})
    requests.get(f"{server.url}/{named}?q={named}")
    requests.get(f"{server.url}/withdraw?reference={named}&code={named}")  # the withdrawal page's link
    for method in ("HEAD", "PATCH", "DELETE"):
        requests.request(method, f"{server.files_url}{named}?q={named}", headers=server.tus_headers)
        requests.post(
            f"{server.files_url}{named}", headers={**server.tus_headers, "X-HTTP-Method-Override": method}
        )


def test_no_name_reaches_the_log_from_any_parameter(talkative: IntakeServer, tmp_path: Path) -> None:
    deliverable = make_deliverable_mp4(tmp_path / "take.mp4", duration_s=2.0)
    manifest, _done = send_submission(talkative, [deliverable])
    token = talkative.login()
    _plant_everywhere(talkative, token, manifest)
    detail = requests.get(
        f"{api(talkative)}/review/submissions/{manifest['submission_id']}", headers=auth(token)
    )
    assert detail.status_code == 200

    log = talkative.log_path.read_text(errors="replace")
    access = [line for line in log.splitlines() if "voicebooth.server.access" in line]
    assert len(access) >= 40, log[-2000:]
    assert any('"GET /api/v1/review/submissions" 200' in line for line in access), access[:5]
    assert any(f'"GET /api/v1/review/submissions/{manifest["submission_id"]}" 200' in line for line in access)
    assert any('"GET /api/v1/review/submissions/{submission_id}" 404' in line for line in access)
    assert any('"GET (no such path)" 404' in line for line in access)
    assert any('"PATCH /files/{upload_id}"' in line for line in access)  # also via the method override
    lowered = log.lower()
    for trace in TRACES:
        assert trace not in lowered, [line for line in log.splitlines() if trace in line.lower()]
    assert "?" not in "".join(access)
