"""Opens the real window on Xvfb (xcb platform, in a subprocess) and saves a screenshot of every screen.

In English and in Welsh, under test-output/screens/<locale>/ (look at them: clipping, overlap, focus).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import Intake

REPO = Path(__file__).resolve().parents[2]
SCREENS = [
    "00-recovery",
    "00b-recovery-session",
    "01-welcome",
    "02-about-you",
    "03-consent",
    "04-device-check",
    "05-prompt-read",
    "06-countdown",
    "07-recording",
    "08-check",
    "09-watch-back",
    "10-trim",
    "11-review",
    "12-sending",
    "13-done",
    "14-no-camera",
    "15-no-microphone",
    "16-camera-in-use",
    "17-camera-blocked",
    "18-settings",
]
#: Where the screenshots go (kept after the run, for people to look at; test-output/ is not committed).
OUT = REPO / "test-output" / "screens"


@pytest.mark.xvfb
@pytest.mark.slow
def test_every_screen_on_a_real_x_window(xvfb_display: str, intake: Intake) -> None:
    server_url, upload_key = intake.url, intake.upload_key
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    shutil.rmtree(OUT, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "tests.e2e.screens_main", str(OUT), server_url, upload_key, "en", "cy"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for locale in ("en", "cy"):
        for name in SCREENS:
            png = OUT / locale / f"{name}.png"
            if name == "12-sending" and not png.exists():
                continue  # a fast loopback send can finish before the screen is drawn
            assert png.exists() and png.stat().st_size > 5000, png
    print(f"\nscreenshots: {OUT}/en and {OUT}/cy")
