"""The bar under every page: Back on the left, then Settings, Cancel and the primary action on the right.

On a narrow window (1024×768 at 150 %, long Welsh labels) one row would be wider than the screen, so the bar
puts the primary action on a row of its own under the others; it never asks for more width than that.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QWidget


class NavBar(QFrame):
    """Holds ``left`` (Back), ``middle`` (Settings, Cancel) and ``primary`` (Next) in one row or two."""

    MARGINS = (24, 12, 24, 12)

    def __init__(self, left: QPushButton, middle: list[QPushButton], primary: QPushButton) -> None:
        super().__init__()
        self.setObjectName("NavBar")
        self.left, self.middle, self.primary = left, middle, primary
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(*self.MARGINS)
        self._two_rows: bool | None = None
        self._arrange(two_rows=False)

    def _buttons(self) -> list[QWidget]:
        return [self.left, *self.middle, self.primary]

    def _row_width(self, widgets: list[QWidget]) -> int:
        shown = [w for w in widgets if not w.isHidden()]
        spacing = max(0, self.grid.horizontalSpacing())
        return sum(w.sizeHint().width() for w in shown) + spacing * max(0, len(shown) - 1)

    def _one_row_width(self) -> int:
        return self._row_width(self._buttons()) + self.MARGINS[0] + self.MARGINS[2] + 40  # 40: the gap

    def _arrange(self, *, two_rows: bool) -> None:
        if two_rows == self._two_rows:
            return
        self._two_rows = two_rows
        for widget in self._buttons():
            self.grid.removeWidget(widget)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 0)
        self.grid.addWidget(self.left, 0, 0)
        self.grid.setColumnStretch(1, 1)  # the gap between Back and the rest
        for i, button in enumerate(self.middle):
            self.grid.addWidget(button, 0, 2 + i)
        if two_rows:
            self.grid.addWidget(self.primary, 1, 0, 1, 2 + len(self.middle))
        else:
            self.grid.addWidget(self.primary, 0, 2 + len(self.middle))

    def minimumSizeHint(self) -> QSize:
        """Never wider than the two-row arrangement needs."""
        widest = max(self._row_width([self.left, *self.middle]), self.primary.sizeHint().width())
        hint = super().minimumSizeHint()
        return QSize(widest + self.MARGINS[0] + self.MARGINS[2], hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(two_rows=event.size().width() < self._one_row_width())
        super().resizeEvent(event)

    def refit(self) -> None:
        """Labels or visibility changed: choose one row or two again for the current width."""
        self._arrange(two_rows=self.width() < self._one_row_width())
        self.updateGeometry()
