"""Withdraw at the person's request, in review mode against a real server: the reviewer types the code the
person read out into the search, opens the action with the keyboard, is told the videos go for good,
cannot go on without a note, and the server deletes the files and audits it with their name and note; the
request runs off the UI thread; a server that is down gives a plain message and Try again works; an ended
sign-in asks for a new one and then withdraws; Escape cancels and nothing is deleted."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from recorder.review import Withdrawal
from tests.helpers.qt import StrictLogs
from tests.helpers.server import IntakeServer
from tests.integration.review.seed import Seeded, audit_actions, deliverable, seed
from tests.unit.ui.review.conftest import open_signed_in, sign_in_through_dialog, wait_for_list
from ui.review.services import ReviewServices
from ui.review.window import ReviewWindow
from ui.review.withdraw_dialog import WithdrawDialog

OpenWindow = Callable[[ReviewServices], ReviewWindow]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "something must have keyboard focus"
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)


def in_dialog(dialog: WithdrawDialog) -> QWidget:
    """The dialog's focus widget: where its keyboard input goes.

    Asked of the dialog, not the application: the offscreen platform does not always make a newly shown
    modal dialog the active window (a window manager does).
    """
    widget = dialog.focusWidget()
    assert widget is not None, "something in the dialog must have the focus"
    return widget


def dialog_key(dialog: WithdrawDialog, k: Qt.Key) -> None:
    QTest.keyClick(in_dialog(dialog), k)


def media_files(server: IntakeServer) -> list[Path]:
    return sorted((server.data_dir / "media").iterdir())


@pytest.fixture
def two(intake_server: IntakeServer, tmp_path: Path) -> tuple[Seeded, Seeded]:
    clip = deliverable(tmp_path)
    return seed(intake_server, clip, name="Priya Shah"), seed(intake_server, clip, name="Owen Price")


def signed_in(
    qtbot: QtBot, server: IntakeServer, services: ReviewServices, open_window: OpenWindow
) -> ReviewWindow:
    window = open_signed_in(qtbot, open_window, services, server, 2)
    # The sign-in dialog hands activation back to the window asynchronously; let that land first, so it
    # cannot arrive after the withdraw dialog opened (keyboard input would then go to the window).
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=20_000)
    return window


def find_by_spoken_code(qtbot: QtBot, window: ReviewWindow, seeded: Seeded) -> None:
    """Ctrl+F, type the code as heard on the phone ("vb 7k3m q9xd"), Enter: only that submission is listed."""
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.list_panel.search
    QTest.keyClicks(focused(), seeded.reference.lower().replace("-", " "))
    key(Qt.Key.Key_Return)
    wait_for_list(qtbot, window, 1)
    window.list_panel.step(1)
    qtbot.waitUntil(
        lambda: (
            window.detail_panel.detail is not None
            and window.detail_panel.detail.submission_id == seeded.submission_id
        ),
        timeout=20_000,
    )


def open_dialog_with_keyboard(qtbot: QtBot, window: ReviewWindow) -> WithdrawDialog:
    button = window.detail_panel.withdraw_button
    assert button.isEnabled() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    button.setFocus(Qt.FocusReason.TabFocusReason)
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: window.withdraw_dialog is not None and window.withdraw_dialog.isVisible(), timeout=20_000
    )
    dialog = window.withdraw_dialog
    assert dialog is not None
    assert dialog.focusWidget() is dialog.note  # typing goes to the note first
    return dialog


def test_withdraw_found_by_the_code_read_out_with_the_keyboard(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    two: tuple[Seeded, Seeded],
) -> None:
    target, other = two
    threads: list[threading.Thread] = []
    real_withdraw = services.client.withdraw

    def spy(submission_id: str, note: str) -> Withdrawal:  # the real call, noting which thread made it
        threads.append(threading.current_thread())
        return real_withdraw(submission_id, note)

    services.client.withdraw = spy  # type: ignore[method-assign]
    window = signed_in(qtbot, intake_server, services, open_window)
    find_by_spoken_code(qtbot, window, target)
    before = media_files(intake_server)
    assert len(before) == 4
    dialog = open_dialog_with_keyboard(qtbot, window)
    assert target.reference in dialog.reference_label.text()
    explained = dialog.explain_label.text()
    assert "deletes every video" in explained and "for good" in explained and "cannot be undone" in explained
    assert dialog.cancel_button.isDefault() and not dialog.withdraw_button.isDefault()
    # No note: Tab, Tab, Space on "Withdraw" is refused here and nothing is sent.
    dialog_key(dialog, Qt.Key.Key_Tab)
    assert in_dialog(dialog) is dialog.cancel_button
    dialog_key(dialog, Qt.Key.Key_Tab)
    assert in_dialog(dialog) is dialog.withdraw_button
    dialog_key(dialog, Qt.Key.Key_Space)
    assert dialog.error_label.isVisible() and "Write a note" in dialog.error_label.text()
    assert in_dialog(dialog) is dialog.note and threads == []
    QTest.keyClicks(in_dialog(dialog), "Phoned the comms team on Monday and read out the code")
    dialog_key(dialog, Qt.Key.Key_Tab)
    dialog_key(dialog, Qt.Key.Key_Tab)
    dialog_key(dialog, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.withdraw_dialog is None, timeout=20_000)
    assert threads and all(t is not threading.main_thread() for t in threads)  # off the UI thread
    qtbot.waitUntil(
        lambda: window.detail_panel.detail is not None and window.detail_panel.detail.status == "withdrawn",
        timeout=20_000,
    )
    panel = window.detail_panel
    assert "Withdrawn. Its videos were deleted" in panel.withdraw_done_label.text()
    assert panel.withdraw_done_label.isVisible() and not panel.withdraw_button.isEnabled()
    assert panel.unavailable_label.isVisible() and "withdrew" in panel.unavailable_label.text()
    assert not panel.decision.approve_button.isEnabled() and not panel.export_button.isEnabled()
    # On the server: its video and poster are gone, the other submission's are kept; it is audited.
    left = media_files(intake_server)
    assert len(left) == 2 and set(left) < set(before)
    last = audit_actions(intake_server, target.submission_id)[-1]
    assert (last["actor"], last["action"]) == ("reviewer", "withdrawn")
    assert last["detail"]["note"] == "Phoned the comms team on Monday and read out the code"
    assert audit_actions(intake_server, other.submission_id)[-1]["action"] == "received"
    assert window.banner.message == ""


def test_server_down_is_plain_and_try_again_withdraws(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    two: tuple[Seeded, Seeded],
    strict_logs: StrictLogs,
) -> None:
    strict_logs.expect("Could not open media|Server returned|HTTP error")
    target, _other = two
    window = signed_in(qtbot, intake_server, services, open_window)
    find_by_spoken_code(qtbot, window, target)
    dialog = open_dialog_with_keyboard(qtbot, window)
    QTest.keyClicks(dialog.note, "E-mail to the network lead")
    intake_server.stop()
    dialog.withdraw_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=30_000)
    assert "127.0.0.1 is not accepting connections (it may be down)" in dialog.error_label.text()
    assert "Trying again does no harm" in dialog.error_label.text()
    assert dialog.withdraw_button.text() == "Try again" and dialog.withdraw_button.isEnabled()
    assert dialog.isVisible() and len(media_files(intake_server)) == 4  # nothing deleted
    intake_server.launch()
    assert in_dialog(dialog) is dialog.withdraw_button
    dialog_key(dialog, Qt.Key.Key_Space)  # Try again
    qtbot.waitUntil(lambda: window.withdraw_dialog is None, timeout=20_000)
    qtbot.waitUntil(
        lambda: window.detail_panel.detail is not None and window.detail_panel.detail.status == "withdrawn",
        timeout=20_000,
    )
    assert len(media_files(intake_server)) == 2
    assert [a["action"] for a in audit_actions(intake_server, target.submission_id)].count("withdrawn") == 1


def test_escape_cancels_and_nothing_is_deleted(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    two: tuple[Seeded, Seeded],
) -> None:
    target, _other = two
    window = signed_in(qtbot, intake_server, services, open_window)
    find_by_spoken_code(qtbot, window, target)
    dialog = open_dialog_with_keyboard(qtbot, window)
    assert window.detail_panel.player.player.source().isEmpty()  # nothing plays while withdrawing
    QTest.keyClicks(dialog.note, "Changed their mind")
    dialog_key(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.withdraw_dialog is None, timeout=20_000)
    assert len(media_files(intake_server)) == 4
    assert window.detail_panel.detail is not None and window.detail_panel.detail.status == "received"
    player = window.detail_panel.player
    assert not player.player.source().isEmpty()  # the clip is loaded again (load() restarts the count)
    qtbot.waitUntil(lambda: player.frames_shown > 0, timeout=20_000)
    assert "withdrawn" not in [a["action"] for a in audit_actions(intake_server, target.submission_id)]


def test_an_ended_sign_in_asks_again_then_withdraws(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    two: tuple[Seeded, Seeded],
) -> None:
    target, _other = two
    window = signed_in(qtbot, intake_server, services, open_window)
    find_by_spoken_code(qtbot, window, target)
    dialog = open_dialog_with_keyboard(qtbot, window)
    QTest.keyClicks(dialog.note, "Letter to the comms team")
    ended = requests.post(  # the sign-in ends on the server (signed out elsewhere, or it expired)
        f"{intake_server.url}/api/v1/auth/logout",
        headers={"Authorization": f"Bearer {services.client.http.token}"},
        timeout=10,
    )
    assert ended.status_code == 204
    dialog.withdraw_button.click()
    qtbot.waitUntil(lambda: window._sign_in is not None and window._sign_in.isVisible(), timeout=20_000)
    assert len(media_files(intake_server)) == 4  # refused: nothing deleted
    sign_in_through_dialog(qtbot, window, *intake_server.reviewer)
    qtbot.waitUntil(lambda: window.withdraw_dialog is None, timeout=20_000)  # retried after signing in
    qtbot.waitUntil(
        lambda: window.detail_panel.detail is not None and window.detail_panel.detail.status == "withdrawn",
        timeout=20_000,
    )
    assert len(media_files(intake_server)) == 2
    assert (
        audit_actions(intake_server, target.submission_id)[-1]["detail"]["note"] == "Letter to the comms team"
    )
