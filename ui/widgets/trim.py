"""Trim control: how many seconds to cut from the start and from the end of a take."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.i18n import translate

#: The shortest take trimming may leave.
MIN_KEPT_S = 1.0


class TrimControl(QWidget):
    """Two spin boxes (seconds cut from the start / end) for a take of a known duration.

    Signals:
        changed(): either value changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.duration_s = 0.0
        self.start_box = QDoubleSpinBox()
        self.end_box = QDoubleSpinBox()
        for box in (self.start_box, self.end_box):
            box.setDecimals(1)
            box.setSingleStep(0.5)
            box.setMaximumWidth(140)
            box.valueChanged.connect(self._on_change)
        self.start_label = QLabel()
        self.end_label = QLabel()
        for label in (self.start_label, self.end_label):
            label.setWordWrap(True)  # long translations wrap instead of widening the page
        self.start_label.setBuddy(self.start_box)
        self.end_label.setBuddy(self.end_box)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        cuts = QHBoxLayout()
        cuts.addWidget(self.start_label)
        cuts.addWidget(self.start_box)
        cuts.addSpacing(24)
        cuts.addWidget(self.end_label)
        cuts.addWidget(self.end_box)
        cuts.addStretch(1)
        #: the summary line; a caller may add its own button after it (the prompt page's Apply)
        self.summary_row = QHBoxLayout()
        self.summary_row.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(cuts)
        layout.addLayout(self.summary_row)
        self.retranslate()

    def retranslate(self) -> None:
        self.start_label.setText(translate("TrimControl", "Cut from the start (seconds):"))
        self.end_label.setText(translate("TrimControl", "Cut from the end (seconds):"))
        self.start_box.setAccessibleName(translate("TrimControl", "Seconds to cut from the start"))
        self.end_box.setAccessibleName(translate("TrimControl", "Seconds to cut from the end"))
        self.start_box.setAccessibleDescription(translate("TrimControl", "Use the arrow keys to change it"))
        self.end_box.setAccessibleDescription(translate("TrimControl", "Use the arrow keys to change it"))
        self._update_summary()

    def set_duration(self, duration_s: float) -> None:
        """Reset both cuts to zero for a take lasting ``duration_s``."""
        self.duration_s = max(0.0, duration_s)
        limit = max(0.0, self.duration_s - MIN_KEPT_S)
        for box in (self.start_box, self.end_box):
            box.blockSignals(True)
            box.setRange(0.0, limit)
            box.setValue(0.0)
            box.blockSignals(False)
        self._update_summary()

    def cuts_s(self) -> tuple[float, float]:
        return self.start_box.value(), self.end_box.value()

    def trim(self) -> tuple[float, float] | None:
        """``(keep_from_s, keep_until_s)`` for ``finish_take(trim=...)``, or None when nothing is cut.

        Raises:
            ValueError: the cuts would leave less than :data:`MIN_KEPT_S`.
        """
        start_cut, end_cut = self.cuts_s()
        if start_cut <= 0 and end_cut <= 0:
            return None
        keep_until = self.duration_s - end_cut
        if keep_until - start_cut < MIN_KEPT_S:
            raise ValueError("too short")
        return (start_cut, keep_until)

    def _on_change(self) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        start_cut, end_cut = self.cuts_s()
        kept = self.duration_s - start_cut - end_cut
        if kept < MIN_KEPT_S:
            self.summary.setText(translate("TrimControl", "That would leave almost nothing. Cut less."))
        else:
            self.summary.setText(
                translate("TrimControl", "Your answer will last {seconds} seconds.").format(
                    seconds=f"{kept:.1f}"
                )
            )
