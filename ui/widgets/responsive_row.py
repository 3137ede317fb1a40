"""A row of widgets side by side on a wide window, one above the other on a narrow one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLayout, QWidget


class ResponsiveRow(QWidget):
    """Lays its widgets out left to right while it is wide enough, top to bottom below that: never a
    sideways scroll bar, never a squeezed column.

    Wide enough is ``side_by_side_from_px`` (logical pixels, so the same at every scaling) when given,
    else room for every shown widget's minimum width side by side. The row never asks for more width than
    its widest widget needs (one above the other), so the width it gets is the width there is, and it is
    decided again whenever that or what it holds changes. On a 1366x768 laptop at 125 % the question screen
    has about 470 px of height: the tips beside the camera picture instead of above it is what lets the
    question, the tips, the picture and Record show at once; on Done the two codes stand side by side where
    both fit and one under the other where they do not.
    """

    def __init__(
        self, side_by_side_from_px: int | None = None, spacing: int = 24, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.side_by_side_from_px = side_by_side_from_px
        self.box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # minimumSizeHint below decides
        #: per widget added: its stretch side by side, and one above the other
        self._stretches: list[tuple[int, int]] = []

    def add(self, widget: QWidget, stretch: int = 0, stacked_stretch: int | None = None) -> None:
        """Add ``widget`` with ``stretch`` side by side and ``stacked_stretch`` (default the same) when the
        widgets stand one above the other (text keeps its height there; a picture takes the rest)."""
        stacked = stretch if stacked_stretch is None else stacked_stretch
        self._stretches.append((stretch, stacked))
        self.box.addWidget(widget, stacked)

    @property
    def side_by_side(self) -> bool:
        return self.box.direction() is QBoxLayout.Direction.LeftToRight

    def _minimum_widths(self) -> list[int]:
        items = [self.box.itemAt(i) for i in range(self.box.count())]
        widgets = [item for item in items if item is not None and item.widget() is not None]
        return [width for width in (item.minimumSize().width() for item in widgets) if width > 0]

    def needed_width(self) -> int:
        """The width from which the widgets stand side by side."""
        if self.side_by_side_from_px is not None:
            return self.side_by_side_from_px
        widths = self._minimum_widths()
        return sum(widths) + self.box.spacing() * max(0, len(widths) - 1)

    def minimumSizeHint(self) -> QSize:
        # As narrow as one above the other allows: side by side must never widen the page.
        hint = self.box.minimumSize()
        return QSize(max(self._minimum_widths(), default=0), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._choose_direction()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a widget was shown, hidden or changed its size
            self._choose_direction()
        return super().event(event)

    def _choose_direction(self) -> None:
        wide = self.width() >= self.needed_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() is not direction:
            self.box.setDirection(direction)
            for index, (beside, stacked) in enumerate(self._stretches):
                self.box.setStretch(index, beside if wide else stacked)
