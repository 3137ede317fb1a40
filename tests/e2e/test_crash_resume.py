"""Nothing lost when the app itself dies: SIGKILL the real app mid-answer, start again, continue and send.

A child process runs the real window (offscreen) and, with the keyboard, types a name, consents, keeps the
first answer and starts recording the second; it is then killed with SIGKILL. A new window over the same
data folder starts at recovery, offers to continue, finishes the interrupted take, restores the details
and consent, and the person sends both answers. The server must have received them, valid, with the name.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recorder.flow import Step
from tests.e2e.conftest import Intake
from tests.e2e.received import check_received
from tests.helpers.flow_app import make_context
from tests.helpers.qt import StrictLogs
from ui.main_window import MainWindow
from ui.pages.check_and_send import CheckAndSendPage
from ui.pages.recovery import RecoveryPage

REPO = Path(__file__).resolve().parents[2]


def kill_the_app_mid_answer(root: Path, intake: Intake) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.crash_main", str(root), intake.url, intake.upload_key],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # blocks until the child says it is recording (or dies)
        assert line.strip() == "RECORDING", (line, proc.stderr.read() if proc.stderr else "")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_killed_app_answers_are_continued_and_sent(
    qtbot: QtBot, tmp_path: Path, intake: Intake, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("No RHI backend|No audio device detected")
    kill_the_app_mid_answer(tmp_path, intake)
    started = time.monotonic()

    ctx = make_context(
        tmp_path, start_with_recovery=True, extra={"server_url": intake.url, "upload_key": intake.upload_key}
    )
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.current_page
    assert isinstance(page, RecoveryPage) and page.session is not None
    assert "not sent" in page.title_label.text() and "(2 recording(s))" in page.explain.text()
    qtbot.waitUntil(page.recover_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.recover_button, Qt.Key.Key_Space)  # Continue and send
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.CHECK_AND_SEND, timeout=60_000)
    model = ctx.machine.model
    assert model.name.value == "Sam Jones" and model.name.show and model.consent is not None
    assert [k.prompt_id for k in ctx.machine.kept_in_order()] == ["love-role", "nhs-better"]
    assert model.kept["nhs-better"].duration_s >= 1.0  # the interrupted answer, saved up to the kill

    review = window.current_page
    assert isinstance(review, CheckAndSendPage)
    qtbot.waitUntil(review.send_button.hasFocus, timeout=5000)
    qtbot.keyClick(review.send_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.DONE, timeout=60_000)
    print(f"\nrecovered and sent {time.monotonic() - started:.1f} s after the kill")
    reference = model.reference
    assert reference
    check_received(
        intake, reference, prompt_ids=["love-role", "nhs-better"], name="Sam Jones", out_dir=tmp_path / "got"
    )
    folder = ctx.session.folder
    assert folder is not None and not (Path(str(folder)) / "session.json").exists()
    window.current_page.leave()
