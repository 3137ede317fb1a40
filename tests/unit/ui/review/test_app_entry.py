"""``voicebooth --review`` start-up: ui.app.run_review finds ui.review.app.run_review_window, which opens
the review window against the configured server and asks for a sign-in; no server configured is a plain
message and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from recorder.config import FirstExisting
from tests.helpers.server import IntakeServer
from tests.integration.review.seed import MemoryKeyring
from ui import app as ui_app
from ui.review import app as review_app
from ui.review.sign_in import SignInDialog
from ui.review.window import ReviewWindow


def _config(tmp_path: Path, values: dict[str, object]) -> object:
    config, _campaign = ui_app.load_settings(
        values, environ={}, policy_source=FirstExisting([]), user_settings_path=tmp_path / "user.toml"
    )
    return config


def test_review_mode_opens_at_the_sign_in(
    qtbot: QtBot, intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    config = _config(tmp_path, {"server_url": intake_server.url})
    seen: list[str] = []

    def look_then_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if any(isinstance(w, SignInDialog) for w in windows) and any(
            isinstance(w, ReviewWindow) for w in windows
        ):
            seen.append("sign-in over the review window")
            for window in windows:
                window.close()
            QApplication.instance().quit()  # type: ignore[union-attr]
            return
        QTimer.singleShot(100, look_then_quit)

    QTimer.singleShot(100, look_then_quit)
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    assert ui_app.run_review(application, config) == 0  # type: ignore[arg-type]
    assert seen == ["sign-in over the review window"]


def test_no_server_configured_is_a_plain_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    told: list[str] = []
    monkeypatch.setattr(review_app, "_tell", told.append)
    config = _config(tmp_path, {})
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    assert review_app.run_review_window(application, config) == 2  # type: ignore[arg-type]
    assert told and "No intake server is set" in told[0]
