"""The review window's keyboard shortcuts and the line at the bottom of the window that lists them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from ui.i18n import translate


def install_shortcuts(window: QWidget, table: Sequence[tuple[str, Callable[[], object]]]) -> list[QShortcut]:
    """One window-wide shortcut per ``(keys, action)`` row (keep the returned list alive with the window)."""
    shortcuts = []
    for keys, action in table:
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(action)
        shortcuts.append(shortcut)
    return shortcuts


def keys_hint() -> str:
    """The shortcuts in one line, in the current language."""
    return translate(
        "ReviewWindow",
        "Keys: Alt+Down / Alt+Up next or previous · Alt+N note · Alt+A approve · "
        "Alt+C request changes · Alt+R reject · Ctrl+Z undo the decision · Alt+P play or pause · "
        "Alt+M comment · Ctrl+F search · F5 refresh · Ctrl+E export",
    )
