"""Start-up recovery is offered after a recording process was really killed mid-take (SIGKILL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Step
from tests.helpers.flow_app import make_context
from ui.main_window import MainWindow
from ui.pages.recovery import RecoveryPage

pytestmark = pytest.mark.usefixtures("strict_logs")
REPO = Path(__file__).resolve().parents[3]


def _kill_a_recording(submission_dir: Path) -> Path:
    """Start ``voicebooth record`` for 30 s, SIGKILL it once frames are on disk; returns the take folder."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.launcher",
            "record",
            "--video",
            "synthetic:",
            "--audio",
            "synthetic:",
            "--duration",
            "30",
            "--out",
            str(submission_dir),
            "--size",
            "640x360",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            journals = list(submission_dir.glob("takes/*/journal.json"))
            if journals:
                journal = json.loads(journals[0].read_text(encoding="utf-8") or "{}")
                if journal.get("frames_written", 0) >= 30 and journal.get("state") == "recording":
                    break
            if proc.poll() is not None:
                raise AssertionError(
                    f"recording ended early: {proc.stderr.read().decode() if proc.stderr else ''}"
                )
            time.sleep(0.1)
        else:
            raise AssertionError("the recording never wrote 30 frames")
        os.kill(proc.pid, signal.SIGKILL)  # a crash: no clean stop, no finishing
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return journals[0].parent


@pytest.fixture
def recovery_window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, Path]]:
    from recorder.takes.recovery import find_interrupted

    ctx = make_context(tmp_path, start_with_recovery=False)
    take_dir = _kill_a_recording(ctx.data_dir / "submissions" / "killed")
    assert find_interrupted(ctx.data_dir)  # the core agrees the take is interrupted
    ctx = make_context(tmp_path, start_with_recovery=True)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    yield window, take_dir


def test_recovery_is_offered_and_saves_the_killed_take(
    qtbot: QtBot, recovery_window: tuple[MainWindow, Path]
) -> None:
    window, take_dir = recovery_window
    page = window.current_page
    assert isinstance(page, RecoveryPage)
    assert page.found == [take_dir] or [p.resolve() for p in page.found] == [take_dir.resolve()]
    assert "1 unfinished" in page.explain.text()
    assert not window.next_button.isEnabled()  # decide first
    qtbot.waitUntil(page.recover_button.hasFocus, timeout=3000)
    qtbot.keyClick(page.recover_button, " ")
    qtbot.waitUntil(lambda: page.done, timeout=60_000)
    assert "Saved 1" in page.result_label.text()
    assert (take_dir / "deliverable.mp4").exists()
    assert window.next_button.isEnabled()
    window.go(Event.NEXT)
    assert window.ctx.machine.state.step is Step.WELCOME


def test_delete_asks_then_removes_the_killed_take(
    qtbot: QtBot, recovery_window: tuple[MainWindow, Path]
) -> None:
    window, take_dir = recovery_window
    page = window.current_page
    assert isinstance(page, RecoveryPage)
    asked: list[str] = []
    window.confirm = lambda title, *_a: asked.append(title) or False  # type: ignore[method-assign]
    qtbot.keyClick(page.delete_button, " ")
    assert asked == ["Delete these recordings?"] and take_dir.exists()  # "No" keeps them
    window.confirm = lambda *_a: True  # type: ignore[method-assign]
    qtbot.keyClick(page.delete_button, " ")
    qtbot.waitUntil(lambda: page.done, timeout=10_000)
    assert not take_dir.exists() and "Deleted" in page.result_label.text()
    assert window.next_button.isEnabled()
