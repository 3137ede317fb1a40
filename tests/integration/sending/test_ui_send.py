"""The app's Send for real: the review page queues the kept take in the outbox and sends it to a real
intake server (progress, then Done with the reference); an unreachable server returns to Review with a
plain reason and keeps the take; unsent submissions are sent at the next start-up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.flow import Step
from recorder.outbox import Outbox
from tests.helpers.flow_app import drive_to_check_and_send, make_context
from tests.helpers.qt import StrictLogs, strict_logs
from tests.helpers.sending import MediaCache, add_take
from tests.helpers.server import IntakeServer
from ui.main_window import MainWindow
from ui.pages.check_and_send import CheckAndSendPage

__all__ = ["strict_logs"]
pytestmark = pytest.mark.usefixtures("strict_logs")


def _window(
    qtbot: QtBot, tmp_path: Path, media: MediaCache, server_url: str, key: str
) -> tuple[MainWindow, Path]:
    ctx = make_context(tmp_path, extra={"server_url": server_url, "upload_key": key})
    take_dir = add_take(ctx.session.ensure_folder(), media.small(), "love-role")
    drive_to_check_and_send(ctx.machine, take_dir)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    return window, take_dir


def test_send_reaches_done_with_a_reference(
    qtbot: QtBot, tmp_path: Path, media: MediaCache, module_intake_server: IntakeServer
) -> None:
    window, take_dir = _window(
        qtbot, tmp_path, media, module_intake_server.url, module_intake_server.upload_key
    )
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    qtbot.waitUntil(page.send_button.hasFocus, timeout=2000)
    qtbot.keyClick(page.send_button, " ")
    qtbot.waitUntil(lambda: window.ctx.machine.state.step is Step.DONE, timeout=60_000)
    reference = window.ctx.machine.model.reference
    assert reference is not None and re.fullmatch(r"VB-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    assert not take_dir.exists()  # deleted after the server confirmed
    record = window.ctx.services.outbox().get(window.ctx.machine.model.submission_id)
    assert record.state == "confirmed" and record.reference == reference


def test_unreachable_server_returns_to_review_and_keeps_the_take(
    qtbot: QtBot, tmp_path: Path, media: MediaCache, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("Sending failed")
    strict_logs.expect("not sent yet")
    window, take_dir = _window(qtbot, tmp_path, media, "http://127.0.0.1:9", "key")
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    qtbot.waitUntil(page.send_button.hasFocus, timeout=2000)
    qtbot.keyClick(page.send_button, " ")
    back_to_send = Step.CHECK_AND_SEND
    qtbot.waitUntil(lambda: window.ctx.machine.state.step is back_to_send and page.send_button.isEnabled(),
                    timeout=30_000)  # fmt: skip
    message = page.error_label.text()
    assert "could not be sent yet" in message and "not accepting connections" in message
    assert (take_dir / "deliverable.mp4").exists()
    records = window.ctx.services.outbox().list()
    assert [r.state for r in records] == ["queued"] and records[0].last_error


def test_start_up_sends_what_was_queued(
    qtbot: QtBot, tmp_path: Path, media: MediaCache, module_intake_server: IntakeServer
) -> None:
    # A previous session queued a submission and was closed before sending it.
    window, take_dir = _window(
        qtbot, tmp_path, media, module_intake_server.url, module_intake_server.upload_key
    )
    ctx = window.ctx
    from tests.integration.sending.faults import manifest_for

    folder = ctx.session.ensure_folder()
    earlier = Outbox(ctx.data_dir / "outbox.sqlite3")
    submission_id = earlier.queue(folder, manifest_for(folder), server_url=module_intake_server.url)
    earlier.close()
    window.resume_unsent()
    outbox = ctx.services.outbox()
    qtbot.waitUntil(lambda: outbox.get(submission_id).state == "confirmed", timeout=60_000)
    qtbot.waitUntil(lambda: not take_dir.exists(), timeout=10_000)
