"""The accessibility tree as a screen reader reads it over AT-SPI, on every screen of both modes.

A real D-Bus session (``dbus-run-session``) with the AT-SPI registry, the app on Xvfb with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` (:mod:`tests.e2e.atspi_main`), and the system Python's pyatspi
walking the tree on each screen (:mod:`tests.e2e.atspi_walk`): the support-worker flow with the demo
devices sending to a real intake server, Settings as a modal, and review mode signing in and showing a
submission. Fails on an interactive node without a name, a heading that is not exposed as a heading, other
than one focused node, nodes exposed behind a modal dialog, or a reading order unlike the visual order.
The trees and the counts per screen are saved under test-output/atspi/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "test-output" / "atspi"
SYSTEM_PYTHON = "/usr/bin/python3"
#: Screens every run must have read (the keyboard walk passes more; a fast send may skip "12-sending").
MUST_READ = [
    "00-settings-modal",
    "05-prompt-read",
    "10-trim",
    "13-done",
    "20-review-sign-in",
    "21-review-list-and-detail",
]


def _pyatspi_missing() -> str | None:
    if shutil.which("dbus-run-session") is None:
        return "dbus-run-session is not installed (apt-get install dbus-daemon)"
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
    return (
        "pyatspi is not installed (apt-get install python3-pyatspi at-spi2-core)"
        if found.returncode
        else None
    )


@pytest.mark.xvfb
@pytest.mark.slow
def test_every_screen_reads_well_over_at_spi(xvfb_display: str) -> None:
    missing = _pyatspi_missing()
    if missing:
        pytest.skip(missing)
    shutil.rmtree(OUT, ignore_errors=True)
    env = {**os.environ, "DISPLAY": xvfb_display}
    result = subprocess.run(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(REPO / "tests" / "e2e" / "atspi_walk.py"), str(OUT),
         "--", sys.executable, "-m", "tests.e2e.atspi_main"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    report = "\n".join(line for line in result.stdout.splitlines() if not line.startswith(" "))
    assert result.returncode == 0, f"{report}\n{result.stderr[-3000:]}"
    counts = json.loads((OUT / "counts.json").read_text(encoding="utf-8"))
    assert len(counts) >= 15 and all(name in counts for name in MUST_READ), sorted(counts)
    assert all(row["focused"] == 1 and row["named"] > 0 for row in counts.values())
    assert counts["05-prompt-read"]["headings"] == 1  # the question, and no page title above it
    assert counts["21-review-list-and-detail"]["headings"] >= 5
    print(f"\n{report}\ntrees and counts: {OUT}")
