"""Live camera preview: paints the newest frame only, optionally mirrored, with a framing guide.

Frames arrive from capture threads through :meth:`VideoPreview.offer` (thread-safe); a timer on the UI thread
picks up the newest one. Frames that arrive between two ticks are dropped, never queued.
"""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from recorder.ports import Frame
from ui.i18n import translate
from ui.widgets.slot import LatestSlot

#: Frames are shrunk to this width on the capture thread, so the UI thread converts little.
PREVIEW_WIDTH_PX = 640
REFRESH_INTERVAL_MS = 33


class VideoPreview(QWidget):
    """Shows the newest camera frame.

    Args:
        mirrored: flip left-right, as people expect to see themselves (the recording is never mirrored).
        show_guide: draw an oval where the face should be and a line for the eyes.
    """

    def __init__(
        self, *, mirrored: bool = True, show_guide: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.mirrored = mirrored
        self.show_guide = show_guide
        self._slot: LatestSlot[np.ndarray] = LatestSlot()
        self._image: QImage | None = None
        self.frames_shown = 0
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_INTERVAL_MS)
        self._timer.timeout.connect(self._pull)
        self._timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(translate("VideoPreview", "Camera preview"))
        self.setAccessibleDescription(
            translate(
                "VideoPreview", "What the camera sees, shown like a mirror. The oval shows where to sit."
            )
        )

    def offer(self, frame: Frame) -> None:
        """Hand over a BGR frame; callable from any thread. Only the newest frame is kept."""
        h, w = frame.shape[:2]
        small: np.ndarray
        if w > PREVIEW_WIDTH_PX:
            small = cv2.resize(frame, (PREVIEW_WIDTH_PX, max(1, h * PREVIEW_WIDTH_PX // w)))
        else:
            small = frame.copy()  # the source may reuse its buffer
        if self.mirrored:
            small = np.ascontiguousarray(small[:, ::-1])
        self._slot.put(small)

    def clear(self) -> None:
        self._slot.take()
        self._image = None
        self.update()

    def _pull(self) -> None:
        frame = self._slot.take()
        if frame is None:
            return
        h, w = frame.shape[:2]
        # copy(): QImage must own its pixels once the numpy array goes away
        self._image = QImage(frame.data, w, h, 3 * w, QImage.Format.Format_BGR888).copy()
        self.frames_shown += 1
        self.update()

    def current_image(self) -> QImage | None:
        """The image being shown (for tests and screenshots)."""
        return self._image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#212b32"))
        target = QRectF(self.rect())
        if self._image is not None:
            img_w, img_h = self._image.width(), self._image.height()
            scale = min(target.width() / img_w, target.height() / img_h)
            w, h = img_w * scale, img_h * scale
            target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._image)
        else:
            painter.setPen(QColor("#ffffff"))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, translate("VideoPreview", "Starting camera…")
            )
        if self.show_guide:
            self._draw_guide(painter, target)
        painter.end()

    def _draw_guide(self, painter: QPainter, area: QRectF) -> None:
        # Dashed white oval with a dark outline: visible on light and dark backgrounds alike.
        oval_w, oval_h = area.width() * 0.30, area.height() * 0.62
        oval = QRectF(area.center().x() - oval_w / 2, area.top() + area.height() * 0.12, oval_w, oval_h)
        for colour, width in ((QColor(0, 0, 0, 140), 5), (QColor(255, 255, 255, 220), 2)):
            pen = QPen(colour, width, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawEllipse(oval)
        eyes_y = oval.top() + oval_h * 0.42
        painter.setPen(QPen(QColor(255, 255, 255, 120), 1, Qt.PenStyle.DotLine))
        painter.drawLine(
            int(area.left() + area.width() * 0.2),
            int(eyes_y),
            int(area.right() - area.width() * 0.2),
            int(eyes_y),
        )
