"""Every window's shared behaviour (ui/widgets/window_behaviour.py) and its keys: Return presses the focused
button, focus moved by code is scrolled into view, and no two access keys or shortcuts clash on any page,
in English and Welsh."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from recorder.flow import Step
from tests.helpers.flow_app import make_context
from ui.main_window import MainWindow
from ui.pages.base import Page
from ui.widgets.window_behaviour import WindowBehaviour, install_window_behaviour


@pytest.fixture
def behaviour() -> Iterator[WindowBehaviour]:
    """Installed for this test only (other tests keep Qt's plain behaviour and window sizes)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = install_window_behaviour(app)
    yield installed
    app.removeEventFilter(installed)
    app.focusChanged.disconnect(installed._focus_changed)
    installed.setParent(None)
    installed.deleteLater()


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow(make_context(tmp_path), confirm=lambda *_a: True)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def test_return_presses_the_focused_button_in_the_main_window(
    qtbot: QtBot, tmp_path: Path, behaviour: WindowBehaviour
) -> None:
    win = _window(qtbot, tmp_path)
    machine = win.ctx.machine
    win.next_button.setFocus()
    qtbot.keyClick(win.next_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: machine.state.step is Step.ABOUT_YOU, timeout=3000)
    win.back_button.setFocus()
    qtbot.keyClick(win.back_button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: machine.state.step is Step.WELCOME, timeout=3000)
    # Every visible button of every page the walk reaches presses on Return as on a click.
    pressed: list[str] = []
    for button in win.findChildren(QPushButton):
        if button.isVisible() and button.isEnabled() and button is not win.next_button:
            button.clicked.connect(lambda _c=False, b=button: pressed.append(b.text()))
    targets = [b for b in win.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    targets = [b for b in targets if b not in (win.next_button, win.settings_button, win.cancel_button)]
    for button in targets:
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda b=button: b.text() in pressed, timeout=3000)


def test_focus_moved_by_code_is_scrolled_into_view(qtbot: QtBot, behaviour: WindowBehaviour) -> None:
    outer = QWidget()
    layout = QVBoxLayout(outer)
    content = QWidget()
    column = QVBoxLayout(content)
    for i in range(40):
        column.addWidget(QLabel(f"Line {i}"))
    far = QPushButton("Far down")
    column.addWidget(far)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(content)
    layout.addWidget(scroll)
    qtbot.addWidget(outer)
    outer.resize(300, 200)
    outer.show()
    outer.activateWindow()
    qtbot.waitUntil(outer.isActiveWindow)
    assert not scroll.viewport().rect().contains(far.mapTo(scroll.viewport(), far.rect().center()))
    far.setFocus()  # not Tab: Qt scrolls only for Tab by itself
    top_left = far.mapTo(scroll.viewport(), far.rect().topLeft())
    bottom_right = far.mapTo(scroll.viewport(), far.rect().bottomRight())
    assert scroll.viewport().rect().contains(top_left) and scroll.viewport().rect().contains(bottom_right)


MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text)
    return f"Alt+{found.group(1).upper()}" if found else None


def _keys_of(widgets: list[QWidget], shortcuts: list[QShortcut]) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    for widget in widgets:
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            key = _mnemonic(widget.text())
            if key:
                keys.append((key, widget.text()))
    for shortcut in shortcuts:
        for sequence in (shortcut.key(), *shortcut.keys()[1:]):
            text = sequence.toString()
            if text:
                keys.append((text, f"shortcut of {type(shortcut.parent()).__name__}"))
    return keys


def _in_page(widget: object, pages: set[Page]) -> bool:
    return isinstance(widget, QWidget) and any(p is widget or p.isAncestorOf(widget) for p in pages)


def _page_keys(win: MainWindow, page: Page) -> list[tuple[str, str]]:
    """Every access key and shortcut that is live while ``page`` shows: the window's and the page's own."""
    pages = set(win.pages.values())
    window_shortcuts = [s for s in win.findChildren(QShortcut) if not _in_page(s.parent(), pages)]
    keys = _keys_of([win.back_button, win.cancel_button, win.settings_button], window_shortcuts)
    next_text = page.nav(win.ctx.machine.state).next_label or win.next_button.text()
    menu_texts = [action.text() for action in win.menuBar().actions()]
    for text in (next_text, *menu_texts):
        key = _mnemonic(text)
        if key:
            keys.append((key, text))
    return keys + _keys_of(page.findChildren(QWidget), page.findChildren(QShortcut))


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_access_keys_and_shortcuts_are_unique_on_every_page(
    qtbot: QtBot, tmp_path: Path, locale: str, english_afterwards: None
) -> None:
    win = _window(qtbot, tmp_path)
    win.ctx.translations.set_locale(locale)
    win.ctx.machine.model.locale = locale
    clashes = []
    checked = 0
    for page in dict.fromkeys(win.pages.values()):
        keys = _page_keys(win, page)
        checked += len(keys)
        counts = Counter(key for key, _what in keys)
        for key, count in counts.items():
            if count > 1:
                clashes.append(f"{type(page).__name__}: {key} used by {[w for k, w in keys if k == key]}")
    assert checked > 20, "the walk found no keys"
    assert not clashes, "\n".join(clashes)
