"""The trim timeline: a strip of pictures along the take with a start handle and an end handle on it.

Positions are whole ticks of :data:`TICK_S`; the two handles (:class:`ui.widgets.trim_handle.TrimHandle`)
can never come closer than the shortest answer a trim may leave. The part outside the handles is shaded
and the kept part framed, so what is cut shows by shape and brightness, not by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import PALETTE
from ui.widgets.trim_handle import HANDLE_WIDTH_PX, TrimHandle

#: One step of a handle (an arrow key press), in seconds; Shift+arrow moves :data:`BIG_STEP_TICKS`.
TICK_S = 0.1
BIG_STEP_TICKS = 10
STRIP_HEIGHT_PX = 72


class TimelineStrip(QWidget):
    """The strip and its two handles. Give it a length with :meth:`set_ticks` and pictures with
    :meth:`set_thumbnails`; read the handles' values (start ≤ end) from :attr:`start_handle` and
    :attr:`end_handle`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_gap_ticks = 0
        self.thumbnails: list[QImage] = []
        self._dragging: TrimHandle | None = None
        self.start_handle = TrimHandle(self.value_at, self)
        self.end_handle = TrimHandle(self.value_at, self)
        self.start_handle.valueChanged.connect(self._start_moved)
        self.end_handle.valueChanged.connect(self._end_moved)
        self.setMinimumSize(4 * HANDLE_WIDTH_PX, STRIP_HEIGHT_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_ticks(0, 0)

    def set_ticks(self, ticks: int, min_gap_ticks: int) -> None:
        """A take ``ticks`` long; the handles go to both ends and stay ``min_gap_ticks`` apart."""
        self.min_gap_ticks = min(max(0, min_gap_ticks), ticks)
        for handle in (self.start_handle, self.end_handle):
            handle.blockSignals(True)
            handle.setRange(0, ticks)
            handle.setSingleStep(1)
            handle.setPageStep(BIG_STEP_TICKS)
            handle.blockSignals(False)
            handle.setEnabled(ticks > self.min_gap_ticks)  # too short to cut anything
        self.start_handle.setValue(0)
        self.end_handle.setValue(ticks)
        self._place_handles()

    def set_thumbnails(self, thumbnails: list[QImage]) -> None:
        self.thumbnails = thumbnails
        self.update()

    # -- geometry -----------------------------------------------------------------------------------
    def _track(self) -> QRect:
        """Where the pictures are: the strip less half a handle at each end (so a handle fits at 0)."""
        half = HANDLE_WIDTH_PX // 2
        return self.rect().adjusted(half, 0, -half, 0)

    def x_of(self, value: int) -> int:
        track, ticks = self._track(), max(1, self.start_handle.maximum())
        return track.left() + round(value * (track.width() - 1) / ticks)

    def value_at(self, x: int) -> int:
        """The position under ``x`` (strip coordinates), clamped to the take."""
        track, ticks = self._track(), self.start_handle.maximum()
        if track.width() <= 1:
            return 0
        return max(0, min(ticks, round((x - track.left()) * ticks / (track.width() - 1))))

    def _place_handles(self) -> None:
        for handle in (self.start_handle, self.end_handle):
            handle.setGeometry(
                self.x_of(handle.value()) - HANDLE_WIDTH_PX // 2, 0, HANDLE_WIDTH_PX, self.height()
            )
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_handles()

    # -- the handles keep their order and distance ---------------------------------------------------
    def _start_moved(self, value: int) -> None:
        limit = self.end_handle.value() - self.min_gap_ticks
        if value > limit:
            self.start_handle.setValue(max(0, limit))
            return
        self._place_handles()

    def _end_moved(self, value: int) -> None:
        limit = self.start_handle.value() + self.min_gap_ticks
        if value < limit:
            self.end_handle.setValue(min(self.end_handle.maximum(), limit))
            return
        self._place_handles()

    # -- a click on the strip moves the nearer handle there, and a drag carries it on ----------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is not Qt.MouseButton.LeftButton or not self.start_handle.isEnabled():
            return
        x = event.position().toPoint().x()
        to_start = abs(x - self.x_of(self.start_handle.value()))
        to_end = abs(x - self.x_of(self.end_handle.value()))
        self._dragging = self.start_handle if to_start <= to_end else self.end_handle
        self._dragging.setFocus(Qt.FocusReason.MouseFocusReason)
        self._dragging.setValue(self.value_at(x))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging is not None:
            self._dragging.setValue(self.value_at(event.position().toPoint().x()))

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self._dragging = None

    # -- drawing ------------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        track = self._track()
        painter.fillRect(track, QColor(PALETTE["text"]))
        if self.thumbnails:
            count = len(self.thumbnails)
            for i, picture in enumerate(self.thumbnails):
                left = track.left() + i * track.width() // count
                right = track.left() + (i + 1) * track.width() // count
                slot = QRect(left, track.top(), right - left, track.height())
                painter.drawImage(slot, picture)
        start_x = self.x_of(self.start_handle.value())
        end_x = self.x_of(self.end_handle.value())
        shade = QColor(0, 0, 0, 170)  # what is cut: dark
        painter.fillRect(QRect(track.left(), track.top(), start_x - track.left(), track.height()), shade)
        painter.fillRect(QRect(end_x, track.top(), track.right() - end_x + 1, track.height()), shade)
        painter.setPen(QPen(QColor(PALETTE["blue"]), 4))  # what is kept: framed
        painter.drawRect(QRect(start_x, track.top() + 2, end_x - start_x, track.height() - 4))
        painter.end()
