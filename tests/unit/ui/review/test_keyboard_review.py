"""Keyboard-only review of three submissions: sign in, move through the list, write notes and decide,
with QTest key events only (no clicks, no direct calls); the server records each decision."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import requests
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.server import IntakeServer
from tests.integration.review.seed import deliverable, seed
from ui.review.services import ReviewServices
from ui.review.window import ReviewWindow

OpenWindow = Callable[[ReviewServices], ReviewWindow]
ALT = Qt.KeyboardModifier.AltModifier


#: How long to wait for the UI on a loaded CI machine (2 cores shared with other test processes).
UI_WAIT_MS = 20_000


class Keyboard:
    """Types into whatever has keyboard focus, once a window of ours is active and something in it has focus.

    Window shortcuts (Alt+A ...) only fire in the active window, and under load a window can become
    active a moment after it is shown: every key waits for that real state instead of assuming it.
    """

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def focused(self, top: QWidget) -> QWidget:
        def ready() -> bool:
            widget = QApplication.focusWidget()
            return QApplication.activeWindow() is top and widget is not None and widget.window() is top

        self.qtbot.waitUntil(ready, timeout=UI_WAIT_MS)
        widget = QApplication.focusWidget()
        assert widget is not None, "something must have keyboard focus"
        return widget

    def keys(self, top: QWidget, text: str) -> None:
        QTest.keyClicks(self.focused(top), text)

    def key(
        self, top: QWidget, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self.focused(top), k, modifier)


def server_state(server: IntakeServer) -> dict[str, tuple[str, str]]:
    """name -> (status, last note), read over plain HTTP."""
    headers = {"Authorization": f"Bearer {server.login()}"}
    api = f"{server.url}/api/v1/review"
    found = {}
    for item in requests.get(f"{api}/submissions", headers=headers, timeout=10).json()["items"]:
        detail = requests.get(
            f"{api}/submissions/{item['submission_id']}", headers=headers, timeout=10
        ).json()
        note = detail["decisions"][-1]["note"] if detail["decisions"] else ""
        found[detail["person"]["name"]["value"]] = (detail["status"], note)
    return found


def test_three_submissions_reviewed_with_the_keyboard_only(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    clip = deliverable(tmp_path)
    for name in ("Priya Shah", "Owen Price", "Mair Evans"):
        seed(intake_server, clip, name=name)
    window = open_window(services)
    window.activateWindow()
    window.start()
    board = Keyboard(qtbot)
    qtbot.waitUntil(lambda: window._sign_in is not None and window._sign_in.isVisible(), timeout=UI_WAIT_MS)
    dialog = window._sign_in
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.username.hasFocus(), timeout=UI_WAIT_MS)
    board.keys(dialog, "reviewer")
    board.key(dialog, Qt.Key.Key_Return)  # on to the password
    qtbot.waitUntil(lambda: dialog.password.hasFocus(), timeout=UI_WAIT_MS)
    board.keys(dialog, intake_server.reviewer[1])
    board.key(dialog, Qt.Key.Key_Return)  # sign in
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 3, timeout=30_000)
    qtbot.waitUntil(lambda: window.list_panel.tree.hasFocus(), timeout=UI_WAIT_MS)

    def decide_current(decision_key: Qt.Key, note: str, expected: str) -> None:
        qtbot.waitUntil(
            lambda: (
                window.detail_panel.detail is not None
                and window.detail_panel.detail.submission_id == window.list_panel.selected_id()
            ),
            timeout=UI_WAIT_MS,
        )
        current = window.list_panel.selected_id()
        if note:
            board.key(window, Qt.Key.Key_N, ALT)  # to the note
            qtbot.waitUntil(lambda: window.detail_panel.decision.note.hasFocus(), timeout=UI_WAIT_MS)
            board.keys(window, note)
            assert window.detail_panel.decision.note.toPlainText() == note
        board.key(window, decision_key, ALT)
        qtbot.waitUntil(
            lambda: (
                window.detail_panel.detail is not None
                and window.detail_panel.detail.submission_id == current
                and window.detail_panel.detail.status == expected
            ),
            timeout=UI_WAIT_MS,
        )

    reviewed = []
    assert window.list_panel.tree.currentIndex().row() == 0  # starts at the top
    reviewed.append(window.list_panel.summary(window.list_panel.selected_id()))
    decide_current(Qt.Key.Key_A, "", "approved")
    board.key(window, Qt.Key.Key_Down, ALT)
    reviewed.append(window.list_panel.summary(window.list_panel.selected_id()))
    decide_current(Qt.Key.Key_C, "Please say which ward you work on.", "changes_requested")
    board.key(window, Qt.Key.Key_Down, ALT)
    reviewed.append(window.list_panel.summary(window.list_panel.selected_id()))
    decide_current(Qt.Key.Key_R, "A patient can be seen in the background.", "rejected")

    names = [s.display_name for s in reviewed if s is not None]
    assert len(set(names)) == 3, "three different submissions were reviewed"
    assert server_state(intake_server) == {
        names[0]: ("approved", ""),
        names[1]: ("changes_requested", "Please say which ward you work on."),
        names[2]: ("rejected", "A patient can be seen in the background."),
    }
    board.key(window, Qt.Key.Key_Up, ALT)  # and back
    back = window.list_panel.summary(window.list_panel.selected_id())
    assert back is not None and back.display_name == names[1]
