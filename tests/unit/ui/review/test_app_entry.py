"""``voicebooth --review`` start-up, for real: ``ui.app.main(["--review", "--server", URL])`` in a child
process (offscreen) opens the review window and asks for a sign-in, then quits cleanly; with no server
configured, run_review_window says so plainly and returns 2.

The first test runs in a child process because QApplication.exec() and quit() would leave this test
process's application in a quitting state for the tests that follow.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from recorder.config import FirstExisting
from tests.helpers.server import IntakeServer
from ui import app as ui_app
from ui.review import app as review_app

REPO = Path(__file__).resolve().parents[4]
CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ui.review.window as review_window
from ui.review.sign_in import SignInDialog

original_start = review_window.ReviewWindow.start

def start(self):
    original_start(self)
    def look():
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if any(isinstance(w, SignInDialog) for w in shown) and any(
            isinstance(w, review_window.ReviewWindow) for w in shown
        ):
            print("sign-in over the review window", flush=True)
            QApplication.instance().quit()
        else:
            QTimer.singleShot(100, look)
    QTimer.singleShot(100, look)

review_window.ReviewWindow.start = start
from ui.app import main
sys.exit(main(sys.argv[1:]))
"""


def test_voicebooth_review_opens_at_the_sign_in(intake_server: IntakeServer, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),  # no user settings or keyring configuration of this machine's user
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "VOICEBOOTH_LOG_DIR": str(tmp_path / "logs"),
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD, "--review", "--server", intake_server.url],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "sign-in over the review window" in result.stdout
    assert "Traceback" not in result.stderr


def test_no_server_configured_is_a_plain_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(review_app, "_tell", told.append)
    config, _campaign = ui_app.load_settings(
        {}, environ={}, policy_source=FirstExisting([]), user_settings_path=tmp_path / "user.toml"
    )
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    assert review_app.run_review_window(application, config) == 2
    assert told and "No intake server is set" in told[0]
