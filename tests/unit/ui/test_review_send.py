"""Review & send: kept takes with their poster thumbnails, record-again, and sending progress text."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np
import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from recorder.flow import Phase, Step
from tests.helpers.flow_app import drive_to_review, make_context
from tests.helpers.qt import StrictLogs
from ui.main_window import MainWindow
from ui.pages.review_send import ReviewSendPage, human_bytes

pytestmark = pytest.mark.usefixtures("strict_logs")


def _review_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    take_dir = tmp_path / "take"
    take_dir.mkdir()
    poster = np.zeros((720, 1280, 3), np.uint8)
    poster[:, :, 1] = 180
    cv2.imwrite(str(take_dir / "poster.jpg"), poster)
    ctx = make_context(tmp_path)
    drive_to_review(ctx.machine, take_dir, duration_s=12.0)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    return window


def test_review_lists_kept_takes_with_thumbnails(qtbot: QtBot, tmp_path: Path) -> None:
    window = _review_window(qtbot, tmp_path)
    page = window.current_page
    assert isinstance(page, ReviewSendPage)
    labels = page.grid_host.findChildren(QLabel)
    thumbs = [lbl for lbl in labels if lbl.pixmap() is not None and not lbl.pixmap().isNull()]
    assert len(thumbs) == 1 and thumbs[0].pixmap().width() == 192
    texts = " ".join(lbl.text() for lbl in labels)
    assert "What do you love about your role?" in texts and "12 seconds" in texts
    assert page.send_button.isVisible()
    qtbot.waitUntil(page.send_button.hasFocus, timeout=2000)


def test_record_again_by_keyboard_goes_back_to_that_prompt(qtbot: QtBot, tmp_path: Path) -> None:
    window = _review_window(qtbot, tmp_path)
    page = window.current_page
    redo = [b for b in page.grid_host.findChildren(QPushButton) if b.text() == "Record again"]
    assert len(redo) == 1
    redo[0].setFocus()
    qtbot.keyClick(redo[0], " ")
    state = window.ctx.machine.state
    assert state.step is Step.PROMPT and state.prompt_index == 0 and state.phase is Phase.READ
    window.current_page.leave()


def test_progress_shows_bytes_rate_and_time_left(qtbot: QtBot, tmp_path: Path) -> None:
    window = _review_window(qtbot, tmp_path)
    page = window.current_page
    assert isinstance(page, ReviewSendPage)
    page._show_progress(SimpleNamespace(bytes_sent=2_000_000, bytes_total=8_000_000, rate_bytes_s=1_000_000))
    text = page.status_label.text()
    assert "2.0 MB of 8.0 MB" in text and "1.0 MB/s" in text and "0:06" in text
    assert page.progress.value() == 250
    assert human_bytes(999) == "999 bytes"


def test_send_failure_returns_to_review_with_a_plain_reason(
    qtbot: QtBot, tmp_path: Path, strict_logs: StrictLogs
) -> None:
    """Nothing listens on 127.0.0.1:9, so sending fails; the page says so in words and keeps the takes."""
    strict_logs.expect("Sending failed")
    take_dir = tmp_path / "take"
    take_dir.mkdir()
    ctx = make_context(tmp_path, extra={"server_url": "http://127.0.0.1:9", "upload_key": "k"})
    drive_to_review(ctx.machine, take_dir)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page
    assert isinstance(page, ReviewSendPage)
    qtbot.waitUntil(page.send_button.hasFocus, timeout=2000)
    qtbot.keyClick(page.send_button, " ")
    qtbot.waitUntil(lambda: window.ctx.machine.state.step is Step.REVIEW, timeout=30_000)
    message = page.error_label.text()
    assert page.error_label.isVisible() and "could not be sent yet" in message
    assert "saved on this computer" in message and "Error" not in message
    assert take_dir.exists() and page.send_button.isEnabled()
