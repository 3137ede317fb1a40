"""Put keyboard focus on a page's main control once the window has finished switching pages."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

#: Later than the window's own "focus the first control" (a zero-delay timer), so the page's choice wins.
FOCUS_DELAY_MS = 30


def focus_soon(widget: QWidget) -> None:
    """Focus ``widget`` shortly, if it is then visible and enabled."""

    def apply() -> None:
        if widget.isVisible() and widget.isEnabled():
            widget.setFocus()

    widget.setFocus()
    QTimer.singleShot(FOCUS_DELAY_MS, widget, apply)
