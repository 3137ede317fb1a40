"""Real windows on real desktops at NHS screen sizes and scalings, with a 40 px taskbar (Xvfb + openbox).

For every page walked and the Settings dialog, in English and Welsh: the primary action and the focused
widget lie inside the screen's available geometry and are not scrolled out of view. Screenshots go to
test-output/screens/fit/<size>@<scale>/<locale>/ (look at them).

CI runs a subset that covers every size once and every scale once (about a minute: one desktop per size,
one app process per size and scale, both languages in it where listed). ``VOICEBOOTH_FULL_SCREEN_MATRIX=1``
runs every size at every scale in both languages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.desktop import DesktopUnavailableError, desktop

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "test-output" / "screens" / "fit"
SIZES = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)]
SCALES = ["1", "1.25", "1.5"]
#: size -> [(scale, locales)]: every size once, every scale once, Welsh at the two tightest.
SUBSET = {
    (1024, 768): [("1.5", ["en", "cy"])],
    (1280, 720): [("1", ["en"])],
    (1366, 768): [("1.25", ["en", "cy"])],
    (1920, 1080): [("1", ["en"])],
}


#: the review window where network leads use it: a 1366x768 laptop at 125 %
REVIEW_SIZE, REVIEW_SCALE = (1366, 768), "1.25"


def matrix() -> dict[tuple[int, int], list[tuple[str, list[str]]]]:
    if os.environ.get("VOICEBOOTH_FULL_SCREEN_MATRIX"):
        return {size: [(scale, ["en", "cy"]) for scale in SCALES] for size in SIZES}
    return SUBSET


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("size", list(matrix()), ids=lambda size: f"{size[0]}x{size[1]}")
def test_primary_action_and_focus_stay_on_screen(size: tuple[int, int]) -> None:
    width, height = size
    problems: list[str] = []
    try:
        with desktop(width, height) as display:
            for scale, locales in matrix()[size]:
                out = OUT / f"{width}x{height}@{scale}"
                report = run_fit("tests.e2e.fit_main", display, scale, out, *locales)
                assert report["checked"] == 12 * len(locales), report
                problems += [f"{width}x{height}@{scale} {p}" for p in report["problems"]]
    except DesktopUnavailableError as error:
        pytest.skip(str(error))
    assert not problems, "\n".join(problems)


def run_fit(module: str, display: str, scale: str, out: Path, *args: str) -> dict[str, Any]:
    """Run ``module`` on ``display`` at ``scale``; its report (the last line it prints)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display, "QT_SCALE_FACTOR": scale}
    result = subprocess.run(
        [sys.executable, "-m", module, str(out), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.timeout(600)
def test_review_decisions_header_comment_box_and_export_stay_on_screen() -> None:
    width, height = REVIEW_SIZE
    try:
        with desktop(width, height) as display:
            out = OUT / f"review-{width}x{height}@{REVIEW_SCALE}"
            report = run_fit("tests.e2e.fit_review_main", display, REVIEW_SCALE, out)
    except DesktopUnavailableError as error:
        pytest.skip(str(error))
    assert report["checked"] == 4, report
    assert not report["problems"], "\n".join(report["problems"])
