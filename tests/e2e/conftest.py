"""Fixtures for end-to-end tests: an Xvfb display on a free display number, a real intake server.

In-process windows use Qt's offscreen platform unless the caller chose one; the Xvfb test starts its own
process on the xcb platform.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.helpers.qt import strict_logs

__all__ = ["strict_logs"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _strict_logs_everywhere(strict_logs: object) -> None:
    """End-to-end tests fail on unexpected Qt warnings or warnings our code logs (DESIGN.md "Testing")."""


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """Start Xvfb on a display number it picks itself (-displayfd), so parallel runs never clash."""
    exe = shutil.which("Xvfb")
    if exe is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [exe, "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        pytest.skip("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


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
