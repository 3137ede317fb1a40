"""Accessibility: every visible interactive widget on every screen (and phase) has an accessible name and a
description and is reachable by Tab, in English and Welsh; every focusable kind of widget shows the yellow
focus indicator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from recorder.flow import Event, FlowMachine
from recorder.takes.check import check_take
from recorder.takes.deliverable import finish_take
from tests.helpers.flow_app import drive_to_check_and_send, make_context, use
from tests.helpers.qt import StrictLogs
from tests.helpers.takes import make_take
from ui.main_window import MainWindow
from ui.pages.device_check import DeviceCheckPage
from ui.pages.prompt import PromptPage
from ui.settings_dialog import SettingsDialog
from ui.theme import PALETTE, stylesheet

pytestmark = pytest.mark.usefixtures("strict_logs")

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
)


def _to_about(m: FlowMachine, _tmp: Path) -> None:
    m.fire(Event.NEXT)


def _to_consent(m: FlowMachine, tmp: Path) -> None:
    _to_about(m, tmp)
    m.fire(Event.NEXT)


def _to_device_check(m: FlowMachine, tmp: Path) -> None:
    _to_consent(m, tmp)
    m.give_consent("v", "0" * 64, {"record_and_use": True})
    m.fire(Event.NEXT)


def _to_prompt(m: FlowMachine, tmp: Path) -> None:
    _to_device_check(m, tmp)
    m.fire(Event.NEXT)


def _to_countdown(m: FlowMachine, tmp: Path) -> None:
    _to_prompt(m, tmp)
    m.fire(Event.NEXT)


def _to_check(m: FlowMachine, tmp: Path) -> None:
    """A real finished take (with take-check problems: it is too short and quiet) in the CHECK phase."""
    take_dir = make_take(tmp / "submission", duration_s=2.0, audio="quiet")
    finish_take(take_dir)
    check_take(take_dir)
    _to_countdown(m, tmp)
    m.fire(Event.COUNTDOWN_DONE)
    m.fire(Event.STOP)
    m.take_ready(str(take_dir))


def _open_trim(win: MainWindow, qtbot: QtBot) -> None:
    page = win.current_page
    assert isinstance(page, PromptPage)
    page.trim_button.click()
    qtbot.waitUntil(page.trim.isVisible)


def _wait_for_no_device(win: MainWindow, qtbot: QtBot) -> None:
    page = win.current_page
    assert isinstance(page, DeviceCheckPage)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.no_device, timeout=10_000)


def _to_check_and_send(m: FlowMachine, tmp: Path) -> None:
    take = tmp / "take"
    take.mkdir()
    drive_to_check_and_send(m, take)


def _to_sending(m: FlowMachine, tmp: Path) -> None:
    _to_check_and_send(m, tmp)
    m.fire(Event.SEND)  # the server is not set, so sending fails; the screen is checked before it does


def _to_done(m: FlowMachine, tmp: Path) -> None:
    _to_check_and_send(m, tmp)
    m.fire(Event.SEND)
    m.sent("VB-TEST-0001")


def _interrupted(m: FlowMachine, tmp: Path) -> None:
    take = tmp / "data" / "submissions" / "s" / "takes" / "t20261125T101500-abcdef"
    take.mkdir(parents=True)
    (take / "journal.json").write_text('{"schema": 1, "state": "recording"}', encoding="utf-8")


@dataclass(frozen=True)
class Screen:
    """How to reach a screen: move the machine before the window exists, then act on the shown window."""

    setup: Callable[[FlowMachine, Path], None]
    after: Callable[[MainWindow, QtBot], None] | None = None
    extras: tuple[tuple[str, str], ...] = ()
    recovery: bool = False
    page_controls: bool = True  # False: only the navigation bar's buttons (the countdown)


SCREENS: dict[str, Screen] = {
    "recovery": Screen(_interrupted, recovery=True),
    "welcome": Screen(lambda _m, _t: None),
    "about_you": Screen(_to_about),
    "consent": Screen(_to_consent),
    "device_check": Screen(_to_device_check),
    "no_camera": Screen(_to_device_check, _wait_for_no_device, (("video_uri", "camera:9"),)),
    "prompt": Screen(_to_prompt),
    "countdown": Screen(_to_countdown, page_controls=False),
    "check_with_trim": Screen(_to_check, _open_trim),
    "check_and_send": Screen(_to_check_and_send),
    "sending": Screen(_to_sending),
    "done": Screen(_to_done),
}


def _tab_reachable(widget: QWidget) -> bool:
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return True
    # Qt makes an exclusive button group one Tab stop (arrow keys move inside it): one member has Tab.
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    return group is not None and any(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in group.buttons())


def unnamed_interactive(root: QWidget) -> list[str]:
    """Visible interactive widgets under ``root`` lacking an accessible name, a description or a Tab stop."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the line edit inside a spin box or combo box is part of its parent
        if isinstance(widget, QAbstractSlider) and widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue  # scroll bars: the scroll area is operated with the keyboard instead
        what = f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
        if not widget.accessibleName().strip():
            problems.append(f"{what}: no accessible name")
        if not widget.accessibleDescription().strip():
            problems.append(f"{what}: no accessible description")
        if widget.isEnabled() and not _tab_reachable(widget):
            problems.append(f"{what}: cannot be reached with Tab")
    return problems


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_interactive_widget_is_named_and_reachable(
    qtbot: QtBot, tmp_path: Path, screen: str, strict_logs: StrictLogs
) -> None:
    # Offscreen video output and a player without a sound card say so; sending without a server fails.
    strict_logs.expect("No RHI backend|No audio device detected|Sending failed|Immediate exit requested")
    how = SCREENS[screen]
    for welsh in (False, True):
        root = tmp_path / ("cy" if welsh else "en")
        root.mkdir()
        if how.recovery:
            how.setup(FlowMachine(["x"]), root)
        ctx = make_context(root, start_with_recovery=how.recovery)
        use(ctx, **dict(how.extras))
        if not how.recovery:
            how.setup(ctx.machine, root)
        win = MainWindow(ctx, confirm=lambda *_a: True)
        qtbot.addWidget(win)
        win.show()
        if how.after is not None:
            how.after(win, qtbot)
        if welsh:
            ctx.translations.set_locale("cy")
            qtbot.waitUntil(lambda w=win: w.settings_button.text() != "Settings")
        try:
            problems = unnamed_interactive(win)
            checked = [w for w in win.current_page.findChildren(QWidget) if isinstance(w, INTERACTIVE)]
            assert any(w.isVisible() for w in checked) == how.page_controls, "the walk saw no controls"
            assert win.current_page.accessibleName(), "the page itself needs a name"
            assert not problems, f"{screen} ({'cy' if welsh else 'en'}):\n" + "\n".join(problems)
        finally:
            ctx.translations.set_locale("en")
            win.current_page.leave()


def test_settings_dialog_is_named_and_reachable(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(make_context(tmp_path).config)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_interactive(dialog) == []


def _has_colour(image: QImage, colour: QColor) -> bool:
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red())
                + abs(pixel.green() - colour.green())
                + abs(pixel.blue() - colour.blue())
                < 24
            ):
                return True
    return False


@pytest.mark.parametrize(
    "make",
    [
        QPushButton,
        QLineEdit,
        QRadioButton,
        QCheckBox,
        QComboBox,
        QSpinBox,
        lambda: QSlider(Qt.Orientation.Horizontal),
    ],
)
def test_focus_shows_the_yellow_indicator(qtbot: QtBot, make: Callable[[], QWidget]) -> None:
    host = QWidget()
    host.setStyleSheet(stylesheet())
    layout = QVBoxLayout(host)
    target = make()
    other = QPushButton("elsewhere")
    if isinstance(target, QAbstractButton):
        target.setText("Example")
    if isinstance(target, QComboBox):
        target.addItem("Example")
    layout.addWidget(target)
    layout.addWidget(other)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    yellow = QColor(PALETTE["focus"])
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert not _has_colour(target.grab().toImage(), yellow)
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    assert _has_colour(target.grab().toImage(), yellow), f"{type(target).__name__} shows no yellow focus"
