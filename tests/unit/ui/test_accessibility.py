"""Accessibility: every interactive widget on every screen has an accessible name and is reachable by Tab,
and every focusable kind of widget shows the yellow focus indicator.
"""

from __future__ import annotations

from collections.abc import Callable
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
from tests.helpers.flow_app import drive_to_review, make_context
from ui.main_window import MainWindow
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


def _to_review(m: FlowMachine, tmp: Path) -> None:
    take = tmp / "take"
    take.mkdir()
    drive_to_review(m, take)


def _to_done(m: FlowMachine, tmp: Path) -> None:
    _to_review(m, tmp)
    m.fire(Event.SEND)
    m.sent("VB-TEST-0001")


SCREENS: dict[str, Callable[[FlowMachine, Path], None]] = {
    # name: how to get there
    "welcome": lambda _m, _t: None,
    "about_you": _to_about,
    "consent": _to_consent,
    "device_check": _to_device_check,
    "prompt": _to_prompt,
    "review": _to_review,
    "done": _to_done,
}


def _tab_reachable(widget: QWidget) -> bool:
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return True
    # Qt makes an exclusive button group one Tab stop (arrow keys move inside it): one member has Tab.
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    return group is not None and any(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in group.buttons())


def unnamed_interactive(root: QWidget) -> list[str]:
    """Visible interactive widgets under ``root`` lacking an accessible name or a Tab stop."""
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
        if widget.isEnabled() and not _tab_reachable(widget):
            problems.append(f"{what}: cannot be reached with Tab")
    return problems


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_interactive_widget_is_named_and_reachable(qtbot: QtBot, tmp_path: Path, screen: str) -> None:
    go_there = SCREENS[screen]
    for welsh in (False, True):
        ctx = make_context(tmp_path / ("cy" if welsh else "en"))
        go_there(ctx.machine, tmp_path / ("cy" if welsh else "en"))
        win = MainWindow(ctx, confirm=lambda *_a: True)
        qtbot.addWidget(win)
        win.show()
        if welsh:
            ctx.translations.set_locale("cy")
            qtbot.waitUntil(
                lambda w=win: w.cancel_button.text() == "&Canslo" or not w.cancel_button.isVisible()
            )
        try:
            problems = unnamed_interactive(win)
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
