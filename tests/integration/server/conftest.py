"""Intake server test fixtures: a real server per module, a real deliverable, unchanged-state checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers.media import make_deliverable_mp4
from tests.helpers.server import IntakeServer, intake_server, module_intake_server

__all__ = ["intake_server", "module_intake_server"]


@pytest.fixture(scope="module")
def server(module_intake_server: IntakeServer) -> Iterator[IntakeServer]:
    """The module's real server; afterwards its log must show no crash (every failure was a planned 4xx)."""
    yield module_intake_server
    log = (
        module_intake_server.log_path.read_text(errors="replace")
        if module_intake_server.log_path.exists()
        else ""
    )
    assert "Traceback" not in log and " ERROR " not in log and "ERROR:" not in log, log[-3000:]


@pytest.fixture(scope="module")
def deliverable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real 2 s spec deliverable MP4, made once per module."""
    return make_deliverable_mp4(tmp_path_factory.mktemp("media") / "take.mp4", duration_s=2.0)


class Unchanged:
    """Asserts that the database rows and data folder are exactly as before a hostile request."""

    def __init__(self, server: IntakeServer) -> None:
        self.server = server
        self.before: dict[str, Any] = server.snapshot()

    def check(self, response: requests.Response, status: int, code: str | None = None) -> dict[str, Any]:
        """The response is a JSON error with that status (and code), and nothing changed anywhere."""
        assert response.status_code == status, (response.status_code, response.text)
        body: dict[str, Any] = response.json() if response.request.method != "HEAD" else {}
        if response.request.method != "HEAD":
            assert set(body) == {"error"}, body
            assert {"code", "message"} <= set(body["error"]), body
            assert body["error"]["message"].endswith((".", "?")), body
            if code is not None:
                assert body["error"]["code"] == code, body
        assert self.server.snapshot() == self.before
        return body


@pytest.fixture
def unchanged(server: IntakeServer) -> Iterator[Unchanged]:
    """Call ``unchanged.check(response, status, code)`` after a bad request."""
    yield Unchanged(server)


def api(server: IntakeServer) -> str:
    """The server's API root."""
    return f"{server.url}/api/v1"


def auth(token: str) -> dict[str, str]:
    """The header of a reviewer's sign-in."""
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def token(server: IntakeServer) -> str:
    """A reviewer signed in on the module's server."""
    return server.login()


def listing(server: IntakeServer, token: str, **params: Any) -> dict[str, Any]:
    """The review list's answer for ``params`` (asserting 200)."""
    response = requests.get(f"{api(server)}/review/submissions", params=params, headers=auth(token))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
