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
                env = {
                    **os.environ,
                    "QT_QPA_PLATFORM": "xcb",
                    "DISPLAY": display,
                    "QT_SCALE_FACTOR": scale,
                    "QT_ENABLE_HIGHDPI_SCALING": "1",
                }
                result = subprocess.run(
                    [sys.executable, "-m", "tests.e2e.fit_main", str(out), *locales],
                    cwd=REPO,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                assert result.returncode == 0, result.stderr[-3000:]
                report = json.loads(result.stdout.strip().splitlines()[-1])
                assert report["checked"] == 7 * len(locales), report
                problems += [f"{width}x{height}@{scale} {p}" for p in report["problems"]]
    except DesktopUnavailableError as error:
        pytest.skip(str(error))
    assert not problems, "\n".join(problems)
