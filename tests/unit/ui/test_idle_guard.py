"""The idle timeout in the real window outside booth mode: it hides the person's details and asks; nothing
is deleted unless the person chooses to start again. Booth mode's Settings and log folder are not offered.
(Booth mode's discard through the whole flow is tests/e2e/test_booth_mode.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Step
from recorder.flow.discard import DiscardCheck
from recorder.flow.idle import IdleAction
from tests.helpers.clock import FakeClock
from tests.helpers.flow_app import make_context
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("strict_logs")


def window_with_details(qtbot: QtBot, tmp_path: Path, **extra: object) -> tuple[MainWindow, FakeClock]:
    clock = FakeClock()
    win = MainWindow(make_context(tmp_path, extra=extra), confirm=lambda *_a: True, idle_clock=clock)
    qtbot.addWidget(win)
    win.show()
    win.go(Event.NEXT)
    assert win.ctx.machine.state.step is Step.ABOUT_YOU
    edit = win.current_page.rows["name"].edit  # type: ignore[attr-defined]
    edit.setFocus()
    qtbot.keyClicks(edit, "Sam Jones")
    return win, clock


def test_outside_booth_mode_the_timeout_hides_and_asks_and_yes_keeps_everything(
    qtbot: QtBot, tmp_path: Path
) -> None:
    win, clock = window_with_details(qtbot, tmp_path, idle_timeout_s=60)
    about = win.current_page
    clock.advance_s(60)
    status = win.idle.check()
    assert status.action is IdleAction.ASK and status.seconds_left is None
    assert win.stack.currentWidget() is win.idle.panel and not about.isVisible()  # the name is hidden
    assert not win.idle.panel.countdown_label.isVisible()
    clock.advance_s(86_400)
    assert win.idle.check().action is IdleAction.ASK  # a day later: still asking, nothing deleted
    qtbot.keyClick(win.idle.panel.yes_button, Qt.Key.Key_Space)
    assert win.stack.currentWidget() is about and win.nav_bar.isVisible()
    assert about.rows["name"].edit.text() == "Sam Jones"  # type: ignore[attr-defined]
    assert win.ctx.machine.state.step is Step.ABOUT_YOU


def test_no_start_again_clears_the_details(qtbot: QtBot, tmp_path: Path) -> None:
    win, clock = window_with_details(qtbot, tmp_path)
    about = win.current_page
    clock.advance_s(180)
    assert win.idle.check().action is IdleAction.ASK
    with qtbot.waitSignal(win.idle.discarded, timeout=10_000) as signal:
        win.idle.panel.no_button.click()
    assert isinstance(signal.args[0], DiscardCheck) and signal.args[0].complete
    assert win.ctx.machine.state.step is Step.WELCOME and not win.ctx.machine.model.has_details()
    win.go(Event.NEXT)
    assert win.current_page is about and about.rows["name"].edit.text() == ""  # type: ignore[attr-defined]


def test_booth_mode_offers_no_settings_or_log_folder(qtbot: QtBot, tmp_path: Path) -> None:
    win = MainWindow(make_context(tmp_path, extra={"booth_mode": True}), confirm=lambda *_a: True)
    qtbot.addWidget(win)
    win.show()
    assert win.booth and not win.settings_button.isVisible()
    assert not win.help_menu.open_logs_action.isVisible()
    opened: list[QWidget | None] = []

    def look() -> None:  # a Settings dialog would be modal here; close it so the test ends either way
        dialog = QApplication.activeModalWidget()
        opened.append(dialog)
        if dialog is not None:
            dialog.close()

    QTimer.singleShot(300, look)
    qtbot.keyClick(win, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    win.open_settings()
    qtbot.waitUntil(lambda: bool(opened), timeout=5_000)
    assert opened == [None]
