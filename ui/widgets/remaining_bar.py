"""Remaining-time bar for a recording, with a worded last-10-seconds cue (not colour alone)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from ui.i18n import translate

FINAL_SECONDS = 10.0


def format_clock(seconds: float) -> str:
    """``m:ss`` for a number of seconds (rounded up, so 0:01 shows until the very end)."""
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


class RemainingTimeBar(QWidget):
    """Shows how much of the time limit is left; in the last 10 s the text says so and the bar gets a thick
    outline (a ``final`` property the stylesheet can use), so the cue does not rely on colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit_s = 60.0
        self.remaining_s = 60.0
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName("RemainingTime")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self.bar.setAccessibleName(translate("RemainingTimeBar", "Time left"))
        self.set_remaining(self.limit_s, self.limit_s)

    @property
    def in_final_seconds(self) -> bool:
        return self.remaining_s <= FINAL_SECONDS

    def set_remaining(self, remaining_s: float, limit_s: float) -> None:
        self.limit_s = max(0.001, limit_s)
        self.remaining_s = max(0.0, remaining_s)
        self.bar.setValue(round(1000 * self.remaining_s / self.limit_s))
        clock = format_clock(self.remaining_s)
        if self.in_final_seconds:
            text = translate("RemainingTimeBar", "⚠ Last seconds: {time} left. Finish your sentence.").format(
                time=clock
            )
        else:
            text = translate("RemainingTimeBar", "{time} left").format(time=clock)
        self.label.setText(text)
        self.bar.setAccessibleName(text)
        final = self.in_final_seconds
        if self.bar.property("final") != final:
            self.bar.setProperty("final", final)
            self.label.setProperty("final", final)
            # thick outline and bold text in the final seconds: a shape/weight cue, not just colour
            self.bar.setStyleSheet("QProgressBar { border: 4px solid #212b32; }" if final else "")
            font = self.label.font()
            font.setBold(final)
            self.label.setFont(font)
