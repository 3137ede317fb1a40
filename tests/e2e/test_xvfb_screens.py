"""Opens the real window on Xvfb (xcb platform, in a subprocess) and saves a screenshot of every screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import Intake

REPO = Path(__file__).resolve().parents[2]
SCREENS = [
    "01-welcome",
    "02-about-you",
    "03-consent",
    "04-device-check",
    "05-prompt-read",
    "06-countdown",
    "07-recording",
    "08-watch-back",
    "09-review",
    "10-sending",
    "11-done",
    "12-no-camera",
]


@pytest.mark.xvfb
@pytest.mark.slow
def test_every_screen_on_a_real_x_window(xvfb_display: str, intake: Intake) -> None:
    server_url, upload_key = intake.url, intake.upload_key
    out = REPO / "test-output" / "screens"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    result = subprocess.run(
        [sys.executable, "-m", "tests.e2e.screens_main", str(out), server_url, upload_key],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for name in SCREENS:
        if name == "10-sending" and not (out / f"{name}.png").exists():
            continue  # a fast loopback send can finish before the screen is drawn
        png = out / f"{name}.png"
        assert png.exists() and png.stat().st_size > 5000, name
