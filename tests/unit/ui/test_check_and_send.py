"""Review & send: kept takes with their poster thumbnails, record-again, and sending progress text."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np
import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from recorder.flow import Event, PersonField, Phase, Step
from recorder.takes.deliverable import finish_take
from tests.helpers.flow_app import drive_to_check_and_send, make_context
from tests.helpers.qt import StrictLogs
from tests.helpers.takes import make_take
from ui.main_window import MainWindow
from ui.pages.check_and_send import CheckAndSendPage, human_bytes

pytestmark = pytest.mark.usefixtures("strict_logs")


def _review_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    take_dir = tmp_path / "take"
    take_dir.mkdir()
    poster = np.zeros((720, 1280, 3), np.uint8)
    poster[:, :, 1] = 180
    cv2.imwrite(str(take_dir / "poster.jpg"), poster)
    ctx = make_context(tmp_path)
    drive_to_check_and_send(ctx.machine, take_dir, duration_s=12.0)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    return window


def test_review_lists_every_question_with_thumbnails(qtbot: QtBot, tmp_path: Path) -> None:
    window = _review_window(qtbot, tmp_path)
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    thumbs = page.answers.thumbnails
    assert len(thumbs) == 2  # both questions: the kept one and the skipped one
    kept_thumb, skipped_thumb = thumbs
    assert kept_thumb.pixmap() is not None and kept_thumb.pixmap().width() == 192
    assert skipped_thumb.text() == "No answer"
    texts = " ".join(lbl.text() for lbl in page.answers.findChildren(QLabel))
    assert "1. What do you love about your role?" in texts and "(0:12 long)" in texts
    assert "2. What would make the NHS better?" in texts and "Not answered" in texts
    assert "You chose not to give any details" in page.shared_label.text()
    assert page.send_button.isVisible()
    qtbot.waitUntil(page.send_button.hasFocus, timeout=2000)


def test_record_again_and_answer_now_by_keyboard(qtbot: QtBot, tmp_path: Path) -> None:
    window = _review_window(qtbot, tmp_path)
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    assert [b.text() for b in page.answers.buttons] == ["Record again", "Answer it now"]
    page.answers.buttons[1].setFocus()
    qtbot.keyClick(page.answers.buttons[1], " ")
    state = window.ctx.machine.state
    assert state.step is Step.PROMPT and state.prompt_index == 1 and state.phase is Phase.READ
    window.go(Event.BACK)  # changed my mind: back to the review, the kept answer untouched
    assert (
        window.ctx.machine.state.step is Step.CHECK_AND_SEND and "love-role" in window.ctx.machine.model.kept
    )
    page.answers.buttons[0].setFocus()
    qtbot.keyClick(page.answers.buttons[0], " ")
    state = window.ctx.machine.state
    assert state.step is Step.PROMPT and state.prompt_index == 0 and state.phase is Phase.READ
    window.current_page.leave()


def test_details_to_be_sent_are_listed(qtbot: QtBot, tmp_path: Path) -> None:
    take_dir = tmp_path / "take"
    take_dir.mkdir()
    ctx = make_context(tmp_path)
    ctx.machine.model.name = PersonField("Sam Jones", show=True)
    ctx.machine.model.employer = PersonField("Ward 7", show=False)
    drive_to_check_and_send(ctx.machine, take_dir)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    text = page.shared_label.text()
    assert "Name: Sam Jones (may be shown with your video)" in text
    assert "Where you work: Ward 7 (not shown, only for the team)" in text and "Job title" not in text


def test_progress_shows_bytes_rate_and_time_left(qtbot: QtBot, tmp_path: Path) -> None:
    window = _review_window(qtbot, tmp_path)
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    page._show_progress(SimpleNamespace(bytes_sent=2_000_000, bytes_total=8_000_000, rate_bytes_s=1_000_000))
    text = page.status_label.text()
    assert "2.0 MB of 8.0 MB" in text and "1.0 MB/s" in text and "0:06" in text
    assert page.progress.value() == 250
    assert human_bytes(999) == "999 bytes"


def test_send_failure_returns_to_review_with_a_plain_reason(
    qtbot: QtBot, tmp_path: Path, strict_logs: StrictLogs
) -> None:
    """Nothing listens on 127.0.0.1:9, so sending fails; the page says so in words and keeps the takes."""
    strict_logs.expect("Sending failed|not sent yet")
    take_dir = make_take(tmp_path / "submission", duration_s=2.0)
    finish_take(take_dir)
    ctx = make_context(tmp_path, extra={"server_url": "http://127.0.0.1:9", "upload_key": "k"})
    drive_to_check_and_send(ctx.machine, take_dir)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    qtbot.waitUntil(page.send_button.hasFocus, timeout=2000)
    qtbot.keyClick(page.send_button, " ")
    qtbot.waitUntil(lambda: window.ctx.machine.state.step is Step.CHECK_AND_SEND, timeout=30_000)
    message = page.error_label.text()
    assert page.error_label.isVisible() and "could not be sent yet" in message
    assert "saved on this computer" in message and "Error" not in message
    assert "not accepting connections" in message  # the network, not a broken take
    assert (take_dir / "deliverable.mp4").exists() and page.send_button.isEnabled()


def test_cancel_after_a_failed_send_takes_it_back_from_the_outbox(
    qtbot: QtBot, tmp_path: Path, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("Sending failed|not sent yet")
    ctx = make_context(tmp_path, extra={"server_url": "http://127.0.0.1:9", "upload_key": "k"})
    folder = ctx.session.ensure_folder()
    take_dir = make_take(folder, duration_s=2.0)
    finish_take(take_dir)
    drive_to_check_and_send(ctx.machine, take_dir)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    window.go(Event.SEND)
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.CHECK_AND_SEND, timeout=30_000)
    submission_id = ctx.machine.model.submission_id
    assert submission_id is not None and (folder / "manifest.json").exists()  # queued for later
    outbox = ctx.services.outbox()
    window.go(Event.CANCEL)  # "Stop and start again?" - yes
    assert ctx.machine.state.step is Step.WELCOME
    qtbot.waitUntil(lambda: outbox.get(submission_id).state == "cancelled", timeout=10_000)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not folder.exists(), timeout=10_000)
