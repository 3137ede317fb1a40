"""The prompt page's keyboard shortcuts and the line on screen that lists them.

Ctrl+R starts recording and stops it; Space stops (the Stop button has focus); Alt+K keeps, Alt+R records
again, Alt+W watches back, Alt+T opens the trim controls. Explicit shortcuts rather than "&" mnemonics:
mnemonics are off on some platforms (and in tests), and two "&" letters on one window (Settings, Send...)
would make a key ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from ui.i18n import translate


def add_prompt_shortcuts(
    page: QWidget,
    record_or_stop: Callable[[], None],
    *,
    keep: QAbstractButton,
    watch: QAbstractButton,
    retake: QAbstractButton,
    trim: QAbstractButton,
) -> None:
    """Give ``page`` its window shortcuts: Ctrl+R calls ``record_or_stop``; Alt+K/W/R/T click the button
    they name, only while it is visible and enabled."""
    record_key = QShortcut(QKeySequence("Ctrl+R"), page)
    record_key.activated.connect(record_or_stop)
    for keys, button in (("Alt+K", keep), ("Alt+W", watch), ("Alt+R", retake), ("Alt+T", trim)):
        shortcut = QShortcut(QKeySequence(keys), page)
        shortcut.activated.connect(lambda b=button: b.click() if b.isVisible() and b.isEnabled() else None)


def shortcuts_hint() -> str:
    """The translated line that lists the prompt page's keys (shown while reading the prompt)."""
    return translate(
        "PromptPage",
        "Keys: Ctrl+R starts and stops recording. Alt+Left goes back.",
    )
