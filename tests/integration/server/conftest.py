"""Intake server test fixtures: a real server per module, a real deliverable, unchanged-state checks.

A test module that sets ``BACKENDS = ("folder", "s3")`` runs every test using ``server`` or ``backend``
against both storages: the data folder on SQLite, and S3-compatible object storage (SeaweedFS) on
PostgreSQL, the replicas' set-up (both engines started once per session; those tests share one xdist group
so one worker starts them). A fixture making its own server calls ``backend_server(request, root, backend)``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers.engines import GROUP, postgres_cluster, seaweed
from tests.helpers.media import make_deliverable_mp4
from tests.helpers.server import IntakeServer, intake_server, module_intake_server, start_server

__all__ = ["intake_server", "module_intake_server", "postgres_cluster", "seaweed"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    backends = getattr(metafunc.module, "BACKENDS", None)
    if backends and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", backends, indirect=True, scope="module")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "s3":
            item.add_marker(pytest.mark.xdist_group(GROUP))


def backend_server(
    request: pytest.FixtureRequest, root: Path, kind: str, **kwargs: Any
) -> Iterator[IntakeServer]:
    """A started server on the data folder (``folder``) or on SeaweedFS + PostgreSQL (``s3``)."""
    if kind == "s3":
        cluster = request.getfixturevalue("postgres_cluster")
        store = request.getfixturevalue("seaweed")
        kwargs.update(store=store, database_url=cluster.new_database())
    yield from start_server(root, **kwargs)


#: ``with running_server(request, root, backend, **kwargs) as server:`` in a test body.
running_server = contextlib.contextmanager(backend_server)


def assert_log_clean(server: IntakeServer) -> None:
    """The server's log shows no crash (every failure was a planned 4xx)."""
    log = server.log_path.read_text(errors="replace") if server.log_path.exists() else ""
    assert "Traceback" not in log and " ERROR " not in log and "ERROR:" not in log, log[-3000:]


@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    """``folder`` unless the module's ``BACKENDS`` parametrises it."""
    return str(getattr(request, "param", "folder"))


@pytest.fixture(scope="module")
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, backend: str
) -> Iterator[IntakeServer]:
    """The module's real server; afterwards its log must show no crash (every failure was a planned 4xx)."""
    for started in backend_server(request, tmp_path_factory.mktemp("intake"), backend):
        yield started
        assert_log_clean(started)


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
