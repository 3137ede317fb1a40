"""Real windows on Xvfb: a screenshot of every review screen under test-output/review-screens/.

The screens run in a subprocess on the xcb platform (this test process stays offscreen); see
screens_main.py for what is shown. The PNGs are for people to look at; this test checks each was made
and is not blank.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.e2e.conftest import xvfb_display

__all__ = ["xvfb_display"]

REPO = Path(__file__).resolve().parents[3]
SCREENS = [
    "01-sign-in-wrong-password",
    "02-list-and-approved-detail",
    "03-new-submission-with-comment",
    "04-export-in-progress",
    "05-export-done",
    "06-withdrawn",
    "07-server-unreachable",
    "08-welsh",
    "09-exported-frames",
    "10-withdraw-at-request",
]


def distinct_colours(png: Path) -> int:
    image = QImage(str(png))
    seen = set()
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            seen.add(image.pixel(x, y))
    return len(seen)


@pytest.mark.xvfb
@pytest.mark.slow
def test_every_review_screen_on_a_real_x_window(xvfb_display: str) -> None:
    out = REPO / "test-output" / "review-screens"
    for old in out.glob("*.png"):
        old.unlink()
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    result = subprocess.run(
        [sys.executable, "-m", "tests.integration.review.screens_main", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for name in SCREENS:
        png = out / f"{name}.png"
        assert png.exists() and png.stat().st_size > 5000, name
        assert distinct_colours(png) > 8, f"{name} looks blank"
