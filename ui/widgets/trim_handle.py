"""One handle of the trim timeline: a slider of its own, dragged with the mouse or moved with the arrow keys.

A :class:`QAbstractSlider` underneath, so screen readers get a slider with a name and a value and the
keyboard works as on any slider (arrows, Page Up/Down, Home/End); Shift+arrow takes the big step. The
timeline (:mod:`ui.widgets.trim`) places the handle and turns a mouse position into a value.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractSlider, QWidget

from ui.theme import PALETTE

#: How wide a handle is on screen (wide enough to grab with a finger on a touch screen laptop).
HANDLE_WIDTH_PX = 22

_BIG_STEP_KEYS = {
    Qt.Key.Key_Left: QAbstractSlider.SliderAction.SliderPageStepSub,
    Qt.Key.Key_Down: QAbstractSlider.SliderAction.SliderPageStepSub,
    Qt.Key.Key_Right: QAbstractSlider.SliderAction.SliderPageStepAdd,
    Qt.Key.Key_Up: QAbstractSlider.SliderAction.SliderPageStepAdd,
}


class TrimHandle(QAbstractSlider):
    """A grip drawn as a bar across the timeline; its value is a position in the take, in ticks.

    Args:
        value_at: turns an x position in the parent (the timeline) into a value, for dragging.
    """

    def __init__(self, value_at: Callable[[int], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value_at = value_at
        self.setOrientation(Qt.Orientation.Horizontal)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        self.setFixedWidth(HANDLE_WIDTH_PX)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        big = _BIG_STEP_KEYS.get(Qt.Key(event.key()))
        if big is not None and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.triggerAction(big)
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.setSliderDown(True)
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.isSliderDown():
            self.setValue(self._value_at(self.mapToParent(event.position().toPoint()).x()))
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.setSliderDown(False)
        event.accept()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        focused = self.hasFocus()
        fill = QColor(PALETTE["focus"] if focused else PALETTE["blue"])
        edge = QColor(PALETTE["focus_text"] if focused else PALETTE["white"])
        rect = self.rect().adjusted(2, 0, -2, 0)
        painter.fillRect(rect, edge)
        painter.fillRect(rect.adjusted(3, 3, -3, -3), fill)
        # Three grip lines in the middle, so the bar reads as something to hold (not colour alone).
        painter.setPen(QPen(edge, 2))
        middle = rect.center()
        for dy in (-8, 0, 8):
            painter.drawLine(QPoint(middle.x() - 4, middle.y() + dy), QPoint(middle.x() + 4, middle.y() + dy))
        painter.end()
