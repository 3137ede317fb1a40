"""Sending that is interrupted by the person: Stop sending, and closing the app mid-send.

A fault proxy in front of the real intake server holds the upload, so the send is really in flight when
the person acts. Stop sending returns to the review with the video kept and queued; Send then finishes it.
Closing mid-send says sending carries on next time, and the next start (``resume_unsent``, as the app runs
it) really sends it: the server then holds a valid submission.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recorder.flow import Step
from tests.e2e.conftest import Intake
from tests.e2e.received import check_received
from tests.helpers.flow_app import make_context, resume_unsent, review_with_answers
from tests.helpers.http_faults import FaultProxy, FaultRules
from tests.helpers.qt import StrictLogs, wait_for_all
from ui.main_window import MainWindow
from ui.pages.base import PageContext
from ui.pages.check_and_send import CheckAndSendPage

PROMPTS = ["love-role", "nhs-better"]


@pytest.fixture
def held_proxy(intake: Intake) -> Iterator[FaultProxy]:
    upstream = urlparse(intake.url)
    proxy = FaultProxy(
        (upstream.hostname or "127.0.0.1", upstream.port or 80), FaultRules(hold_path=r"^/files/")
    )
    yield proxy
    proxy.stop()


def review_with_two_answers(tmp_path: Path, server_url: str, upload_key: str) -> PageContext:
    """A context at REVIEW with two real finished takes kept, in the person's submission folder."""
    return review_with_answers(tmp_path, server_url, upload_key, PROMPTS)


def open_window(qtbot: QtBot, ctx: PageContext, answers: list[tuple[str, bool]]) -> MainWindow:
    def confirm(title: str, _text: str, _yes: str, _no: str) -> bool:
        expected, answer = answers.pop(0)
        assert title == expected
        return answer

    window = MainWindow(ctx, confirm=confirm)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


@pytest.mark.slow
def test_stop_sending_keeps_it_queued_and_send_finishes_it(
    qtbot: QtBot, tmp_path: Path, intake: Intake, held_proxy: FaultProxy, strict_logs: StrictLogs
) -> None:
    ctx = review_with_two_answers(tmp_path, held_proxy.url, intake.upload_key)
    window = open_window(qtbot, ctx, [])
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    qtbot.waitUntil(page.send_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.send_button, Qt.Key.Key_Space)
    qtbot.waitUntil(held_proxy.held.is_set, timeout=30_000)  # the upload is in flight
    qtbot.waitUntil(page.stop_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.stop_button, Qt.Key.Key_Space)
    held_proxy.release()
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.CHECK_AND_SEND, timeout=60_000)
    assert (
        "Sending stopped" in page.error_label.text() and "saved on this computer" in page.error_label.text()
    )
    submission_id = ctx.machine.model.submission_id
    record = ctx.services.outbox().get(submission_id)
    assert record is not None and record.state not in ("confirmed", "cancelled", "failed")

    qtbot.waitUntil(page.send_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.send_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.DONE, timeout=60_000)
    reference = ctx.machine.model.reference
    assert reference and reference in window.current_page.reference_label.text()  # type: ignore[attr-defined]
    check_received(intake, reference, prompt_ids=PROMPTS, name="Sam Jones", out_dir=tmp_path / "got")
    window.current_page.leave()


@pytest.mark.slow
def test_closing_mid_send_says_it_continues_and_the_next_start_sends_it(
    qtbot: QtBot, tmp_path: Path, intake: Intake, held_proxy: FaultProxy, strict_logs: StrictLogs
) -> None:
    ctx = review_with_two_answers(tmp_path, held_proxy.url, intake.upload_key)
    window = open_window(qtbot, ctx, [])
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    qtbot.waitUntil(page.send_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.send_button, Qt.Key.Key_Space)
    qtbot.waitUntil(held_proxy.held.is_set, timeout=30_000)
    window.confirm = lambda title, text, *_a: (  # type: ignore[method-assign]
        title == "Close while sending?" and "carry on the next time" in text
    )
    assert window.close()  # the person agreed to close; nothing is lost
    held_proxy.release()
    assert wait_for_all(60_000)
    submission_id = ctx.machine.model.submission_id
    assert submission_id is not None

    # The next start: a new window over the same data folder resumes what was queued.
    ctx2 = make_context(tmp_path, extra={"server_url": intake.url, "upload_key": intake.upload_key})
    outbox = ctx2.services.outbox()
    record = outbox.get(submission_id)
    assert record is not None and record.state not in ("confirmed", "cancelled", "failed")
    later = resume_unsent(ctx2, qtbot)
    qtbot.waitUntil(lambda: (outbox.get(submission_id) or record).state == "confirmed", timeout=60_000)
    reference = outbox.get(submission_id).reference  # type: ignore[union-attr]
    assert reference
    welcome = later.pages[Step.WELCOME]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: reference in welcome.sent_earlier.text(), timeout=10_000)  # shown to the person
    assert welcome.sent_earlier.isVisibleTo(welcome)
    check_received(intake, reference, prompt_ids=PROMPTS, name="Sam Jones", out_dir=tmp_path / "got")
