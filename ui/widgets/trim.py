"""Trim control: a timeline of pictures with a start and an end handle, and the first and last kept frame.

The person drags a handle, or tabs to it and uses the arrow keys (Shift+arrow for whole seconds). The
pictures along the strip and the two frame previews are cut out of the take by ffmpeg
(:mod:`recorder.media.frames`) on a pool thread through the task manager, never on the UI thread; the
previews follow the handles a moment after they stop. What the control answers is the same as before:
:meth:`TrimControl.trim` gives ``(keep_from_s, keep_until_s)`` for ``finish_and_check(trim=...)``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from recorder.media.frames import RgbFrame, frame_at, frames_along
from recorder.media.run import CancelledError
from ui.i18n import translate
from ui.lengths import format_length
from ui.tasks import tasks
from ui.widgets.timeline_strip import TICK_S, TimelineStrip

log = logging.getLogger(__name__)

# The shortest take trimming may leave.
MIN_KEPT_S = 1.0
# Pictures along the strip, and their size; the size of the start and end frame previews.
THUMBNAIL_COUNT = 8
THUMBNAIL_SIZE = (128, 72)
PREVIEW_SIZE = (128, 72)
# How long the handles rest before their frames are fetched (arrow keys held down fetch nothing).
PREVIEW_DELAY_MS = 150


def to_image(frame: RgbFrame) -> QImage:
    """A copy of ``frame`` as a QImage (the copy owns its pixels)."""
    return QImage(
        frame.rgb, frame.width_px, frame.height_px, 3 * frame.width_px, QImage.Format.Format_RGB888
    ).copy()


def _no_pictures(what: str, error: BaseException) -> None:
    """The pictures help but are not the trim: a take that cannot be read is logged; the handles work."""
    (log.info if isinstance(error, CancelledError) else log.warning)("No pictures for %s: %s", what, error)


class TrimControl(QWidget):
    """The timeline with its two handles, the frames at them, and "Your answer will last m:ss".

    Signals:
        changed(): a handle moved.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.duration_s = 0.0
        self._video: Path | None = None
        self._generation = 0  # a newer take (or newer handle positions) makes older pictures stale
        self._previewed: dict[str, int] = {}
        self.strip = TimelineStrip()
        self.start_handle = self.strip.start_handle
        self.end_handle = self.strip.end_handle
        for handle in (self.start_handle, self.end_handle):
            handle.valueChanged.connect(self._on_change)
        self.start_preview, self.end_preview = QLabel(), QLabel()
        self.start_caption, self.end_caption = QLabel(), QLabel()
        for preview in (self.start_preview, self.end_preview):
            preview.setFixedSize(*PREVIEW_SIZE)
            preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
            preview.setStyleSheet("background: #212B32;")
        self.hint = QLabel()
        self.hint.setObjectName("Hint")
        self.hint.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._fetch_previews)

        timeline = QGridLayout()
        timeline.addWidget(self.start_preview, 0, 0)
        timeline.addWidget(self.strip, 0, 1, Qt.AlignmentFlag.AlignVCenter)
        timeline.addWidget(self.end_preview, 0, 2)
        timeline.addWidget(self.start_caption, 1, 0)
        timeline.addWidget(self.end_caption, 1, 2)
        timeline.setColumnStretch(1, 1)
        # the summary line; a caller may add its own button after it (the prompt page's Apply)
        self.summary_row = QHBoxLayout()
        self.summary_row.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(timeline)
        layout.addLayout(self.summary_row)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(
            translate(
                "TrimControl",
                "Drag the start and end handles, or Tab to one and use the arrow keys "
                "(Shift+arrow moves a whole second).",
            )
        )
        self.strip.setAccessibleName(translate("TrimControl", "Timeline of your answer"))
        self.start_handle.setAccessibleName(translate("TrimControl", "Start of your answer"))
        self.end_handle.setAccessibleName(translate("TrimControl", "End of your answer"))
        self._update_texts()

    # -- the take ----------------------------------------------------------------------------------
    def set_duration(self, duration_s: float) -> None:
        """Put the handles at both ends of a take lasting ``duration_s`` (nothing cut)."""
        self.duration_s = max(0.0, duration_s)
        self._generation += 1
        self._previewed.clear()
        ticks = round(self.duration_s / TICK_S)
        for handle in (self.start_handle, self.end_handle):
            handle.blockSignals(True)
        self.strip.set_ticks(ticks, round(MIN_KEPT_S / TICK_S))
        for handle in (self.start_handle, self.end_handle):
            handle.blockSignals(False)
        self._update_texts()

    def load(self, video: Path, duration_s: float) -> None:
        """Show ``video`` (lasting ``duration_s``) on the strip: handles at both ends, pictures fetched."""
        self._video = video
        self.set_duration(duration_s)
        self.strip.set_thumbnails([])
        self.start_preview.clear()
        self.end_preview.clear()
        generation = self._generation
        tasks().run(
            lambda job: frames_along(video, duration_s, THUMBNAIL_COUNT, THUMBNAIL_SIZE, job.cancel),
            owner=self,
            on_success=lambda frames: self._thumbnails_ready(generation, frames),
            on_failure=lambda error: _no_pictures("the trim timeline", error),
            name="trim timeline pictures",
        )
        self._preview_timer.start(0)

    # -- values ------------------------------------------------------------------------------------
    def kept_s(self) -> tuple[float, float]:
        """``(from_s, until_s)`` of the take the handles keep (the end handle at the end is the end)."""
        start = self.start_handle.value() * TICK_S
        end_value = self.end_handle.value()
        end = self.duration_s if end_value >= self.end_handle.maximum() else end_value * TICK_S
        return start, end

    def cuts_s(self) -> tuple[float, float]:
        """Seconds cut from the start and from the end."""
        start, end = self.kept_s()
        return start, max(0.0, self.duration_s - end)

    def set_cuts(self, from_start_s: float, from_end_s: float) -> None:
        """Move the handles to cut these seconds (as far as the shortest answer allows)."""
        self.start_handle.setValue(round(from_start_s / TICK_S))
        self.end_handle.setValue(round((self.duration_s - from_end_s) / TICK_S))

    def trim(self) -> tuple[float, float] | None:
        """``(keep_from_s, keep_until_s)`` for ``finish_take(trim=...)``, or None when nothing is cut.

        Raises:
            ValueError: the cuts would leave less than :data:`MIN_KEPT_S` (only a take shorter than that).
        """
        start, end = self.kept_s()
        if start <= 0 and end >= self.duration_s:
            return None
        if end - start < MIN_KEPT_S - TICK_S / 2:
            raise ValueError("too short")
        return (start, end)

    # -- reacting to the handles --------------------------------------------------------------------
    def _on_change(self) -> None:
        self._update_texts()
        self._preview_timer.start()
        self.changed.emit()

    def _update_texts(self) -> None:
        start, end = self.kept_s()
        starts = translate("TrimControl", "Starts at {time}").format(time=format_length(start))
        ends = translate("TrimControl", "Ends at {time}").format(time=format_length(end))
        self.start_caption.setText(starts)
        self.end_caption.setText(ends)
        self.start_preview.setAccessibleName(translate("TrimControl", "First frame kept"))
        self.end_preview.setAccessibleName(translate("TrimControl", "Last frame kept"))
        keys = translate("TrimControl", "Arrow keys move it a tenth of a second, Shift+arrow a whole second.")
        self.start_handle.setAccessibleDescription(f"{starts}. {keys}")
        self.end_handle.setAccessibleDescription(f"{ends}. {keys}")
        if not self.start_handle.isEnabled():
            self.summary.setText(translate("TrimControl", "This answer is too short to trim."))
        else:
            self.summary.setText(
                translate("TrimControl", "Your answer will last {length}.").format(
                    length=format_length(end - start)
                )
            )

    def _thumbnails_ready(self, generation: int, frames: list[RgbFrame]) -> None:
        if generation == self._generation:
            self.strip.set_thumbnails([to_image(frame) for frame in frames])

    def _fetch_previews(self) -> None:
        start, end = self.kept_s()
        self._fetch_preview("start", start, self.start_preview)
        self._fetch_preview("end", max(start, end - 1 / 30), self.end_preview)  # the last frame it keeps

    def _fetch_preview(self, which: str, at_s: float, label: QLabel) -> None:
        video = self._video
        at_ms = round(at_s * 1000)
        if video is None or self._previewed.get(which) == at_ms:
            return
        self._previewed[which] = at_ms
        generation, duration_s = self._generation, self.duration_s

        def shown(frame: RgbFrame) -> None:
            if generation == self._generation and self._previewed.get(which) == at_ms:
                label.setPixmap(QPixmap.fromImage(to_image(frame)))

        tasks().run(
            lambda job: frame_at(video, at_s, duration_s, PREVIEW_SIZE, job.cancel),
            owner=self,
            on_success=shown,
            on_failure=lambda error: _no_pictures("a trim preview", error),
            name="trim frame preview",
        )
