"""Microphone level meter with plain-text hints: too quiet, too loud, or fine.

Levels come in from any thread through :meth:`LevelMeter.offer_pcm` or :meth:`LevelMeter.offer_dbfs`; the UI
thread shows the newest. The hint is written out in words (and with a symbol), never by colour alone.
"""

from __future__ import annotations

import enum
import math
import time

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from recorder.ports import Pcm
from ui.i18n import translate
from ui.widgets.slot import LatestSlot

FLOOR_DBFS = -60.0
#: Loudest peak over the hint window below this: too quiet.
QUIET_DBFS = -40.0
#: Any peak at or above this in the hint window: clipping.
CLIP_DBFS = -1.0
HINT_WINDOW_S = 1.5


class LevelHint(enum.Enum):
    """The meter's verdict. UNKNOWN until enough sound has been seen."""

    UNKNOWN = "unknown"
    GOOD = "good"
    TOO_QUIET = "too_quiet"
    TOO_LOUD = "too_loud"


def peak_dbfs(pcm: Pcm) -> float:
    """Peak level of a PCM block in dBFS (``FLOOR_DBFS`` for silence)."""
    if pcm.size == 0:
        return FLOOR_DBFS
    peak = int(np.max(np.abs(pcm.astype(np.int32))))
    if peak == 0:
        return FLOOR_DBFS
    return max(FLOOR_DBFS, 20.0 * math.log10(peak / 32768.0))


class LevelMeter(QWidget):
    """A horizontal level bar with a worded hint under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._slot: LatestSlot[float] = LatestSlot()
        self._recent: list[tuple[float, float]] = []  # (monotonic s, dBFS), UI thread only
        self.hint = LevelHint.UNKNOWN
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.bar.setMaximumHeight(22)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("LevelHint")
        self.hint_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.hint_label)
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._pull)
        self._timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.bar.setAccessibleName(translate("LevelMeter", "Microphone level"))
        self.bar.setAccessibleDescription(translate("LevelMeter", "How loud the microphone hears you"))
        self.hint_label.setText(self.hint_text(self.hint))

    @staticmethod
    def hint_text(hint: LevelHint) -> str:
        texts = {
            LevelHint.UNKNOWN: translate("LevelMeter", "Listening… say a few words."),
            LevelHint.GOOD: translate("LevelMeter", "✓ Sound level is good."),
            LevelHint.TOO_QUIET: translate(
                "LevelMeter", "⚠ Too quiet: move closer to the microphone or speak a little louder."
            ),
            LevelHint.TOO_LOUD: translate(
                "LevelMeter", "⚠ Too loud: the sound is distorting. Move back a little or speak more softly."
            ),
        }
        return texts[hint]

    def offer_pcm(self, pcm: Pcm) -> None:
        """Hand over a PCM block from any thread."""
        self._slot.put(peak_dbfs(pcm))

    def offer_dbfs(self, level_dbfs: float) -> None:
        """Hand over a peak level in dBFS from any thread."""
        self._slot.put(float(level_dbfs))

    def show_level(self, level_dbfs: float, now_s: float | None = None) -> None:
        """Show a level now (UI thread) and update the hint from the last :data:`HINT_WINDOW_S`."""
        now_s = time.monotonic() if now_s is None else now_s
        self._recent.append((now_s, level_dbfs))
        self._recent = [(t, v) for t, v in self._recent if now_s - t <= HINT_WINDOW_S]
        self.bar.setValue(round(100 * (max(FLOOR_DBFS, level_dbfs) - FLOOR_DBFS) / -FLOOR_DBFS))
        loudest = max(v for _, v in self._recent)
        if loudest >= CLIP_DBFS:
            hint = LevelHint.TOO_LOUD
        elif loudest < QUIET_DBFS:
            hint = LevelHint.TOO_QUIET
        else:
            hint = LevelHint.GOOD
        if hint is not self.hint:
            self.hint = hint
            self.hint_label.setText(self.hint_text(hint))
            self.hint_label.setProperty("hint", hint.value)
            self.bar.setAccessibleDescription(self.hint_text(hint))

    def reset(self) -> None:
        self._slot.take()
        self._recent.clear()
        self.hint = LevelHint.UNKNOWN
        self.bar.setValue(0)
        self.hint_label.setText(self.hint_text(self.hint))

    def _pull(self) -> None:
        level = self._slot.take()
        if level is not None:
            self.show_level(level)
