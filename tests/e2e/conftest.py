"""Fixtures for end-to-end tests: an Xvfb display on a free display number, a real intake server.

In-process windows use Qt's offscreen platform unless the caller chose one; the Xvfb test starts its own
process on the xcb platform.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.helpers.desktop import DesktopUnavailableError, start_xvfb, stop
from tests.helpers.qt import strict_logs

__all__ = ["strict_logs"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _strict_logs_everywhere(strict_logs: object) -> None:
    """End-to-end tests fail on unexpected Qt warnings or warnings our code logs (DESIGN.md "Testing")."""


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """An Xvfb screen of 1280x1024 on a display number it picks itself, so parallel runs never clash."""
    try:
        proc, display = start_xvfb(1280, 1024)
    except DesktopUnavailableError as error:
        pytest.skip(str(error))
    try:
        yield display
    finally:
        stop(proc)


@dataclass
class Intake:
    """A real intake server on 127.0.0.1 for the e2e tests."""

    url: str
    upload_key: str
    data_dir: Path

    def reviewer_token(self) -> str:
        """Create a reviewer through the server CLI and log in over HTTP; returns the bearer token."""
        code = "import sys; from server.cli import main; sys.exit(main(sys.argv[1:]))"
        subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                "add-reviewer",
                "e2e",
                "--password-stdin",
                "--data",
                str(self.data_dir),
            ],
            input="e2e-password-123\n",
            text=True,
            check=True,
            capture_output=True,
            timeout=60,
        )
        response = requests.post(
            f"{self.url}/api/v1/auth/login",
            json={"username": "e2e", "password": "e2e-password-123"},
            timeout=10,
        )
        response.raise_for_status()
        token: str = response.json()["token"]
        return token


@pytest.fixture(scope="module")
def intake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Intake]:
    """The real server started through its command-line contract (``voicebooth-server serve``)."""
    from recorder.demo.server import DemoError, DemoServer

    root = tmp_path_factory.mktemp("intake")
    try:
        server = DemoServer.start(root)
    except DemoError as error:
        pytest.fail(f"The intake server did not start: {error}")
    try:
        yield Intake(url=server.url, upload_key=server.upload_key, data_dir=root / "server")
    finally:
        server.stop()
