"""The prompt page's controls before and while recording: read, countdown, recording and finishing panels.

Each panel is the widget row the page stacks under the picture for one phase of the flow machine
(:class:`recorder.flow.Phase`); the page connects their buttons and decides when each one shows.
Their texts use the ``PromptPage`` translation context, like the rest of the page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.widgets.level_meter import LevelMeter
from ui.widgets.remaining_bar import RemainingTimeBar


def panel_layout(panel: QWidget) -> QVBoxLayout:
    """A margin-free column for ``panel``, so every panel lines up with the picture above it."""
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    return layout


class ReadPanel(QWidget):
    """READ: one Record button, and Skip as a quieter link beside it.

    How long Record counts down first is a setting (Settings, ``countdown_s``), not a choice on this screen.
    """

    def __init__(self) -> None:
        super().__init__()
        layout = panel_layout(self)
        self.record_button = QPushButton()
        self.record_button.setObjectName("PrimaryButton")
        self.skip_button = QPushButton()
        self.skip_button.setObjectName("LinkButton")  # secondary: looks like a link, not a second Record
        self.skip_button.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addSpacing(24)
        row.addWidget(self.skip_button)
        row.addStretch(1)
        layout.addLayout(row)

    def retranslate(self) -> None:
        """Set every text and accessible name in the current language."""
        self.record_button.setText(translate("PromptPage", "● Start recording (Ctrl+R)"))
        self.record_button.setAccessibleName(translate("PromptPage", "Start recording"))
        self.record_button.setAccessibleDescription(
            translate("PromptPage", "Counts down, then records your answer. Shortcut: Ctrl+R.")
        )
        self.skip_button.setText(translate("PromptPage", "Skip this question"))
        self.skip_button.setAccessibleName(translate("PromptPage", "Skip this question"))
        self.skip_button.setAccessibleDescription(
            translate("PromptPage", "Goes on without answering. You can still answer it from the review.")
        )


class CountdownPanel(QWidget):
    """COUNTDOWN: "Recording starts in n…", one second at a time.

    Signals:
        done(): the countdown reached zero (at once, on the next event loop turn, for a zero countdown).
    """

    done = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = panel_layout(self)
        self.count_label = QLabel()
        self.count_label.setObjectName("Countdown")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setStyleSheet("font-size: 40pt; font-weight: bold;")
        layout.addWidget(self.count_label)
        self._seconds_left = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

    def start(self, seconds: int) -> None:
        """Count down from ``seconds``, then emit :attr:`done`."""
        self._seconds_left = seconds
        if seconds <= 0:
            # On the panel's own timer, so stop() (or the panel's deletion) cancels it like any countdown.
            self._timer.start(0)
        else:
            self._show_count()
            self._timer.start(1000)

    def stop(self) -> None:
        """Stop counting (the phase changed); :attr:`done` is not emitted."""
        self._timer.stop()

    def _show_count(self) -> None:
        text = translate("PromptPage", "Recording starts in {n}…").format(n=self._seconds_left)
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._timer.stop()
            self.done.emit()
        else:
            self._show_count()


class RecordingPanel(QWidget):
    """RECORDING: the red "Recording" cue beside Stop, the remaining-time bar and the sound level."""

    def __init__(self) -> None:
        super().__init__()
        layout = panel_layout(self)
        self.rec_label = QLabel()
        self.rec_label.setObjectName("Recording")
        self.rec_label.setWordWrap(True)  # at 150 % on a 1024-wide screen it wraps beside Stop
        self.remaining = RemainingTimeBar()
        self.meter = LevelMeter()
        self.meter_caption = QLabel()
        self.meter_caption.setObjectName("Hint")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("PrimaryButton")
        top = QHBoxLayout()
        top.addWidget(self.rec_label, 1)
        top.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.remaining)
        sound = QHBoxLayout()
        sound.addWidget(self.meter_caption, 0, Qt.AlignmentFlag.AlignTop)
        sound.addWidget(self.meter, 1)
        layout.addLayout(sound)

    def reset(self, limit_s: float) -> None:
        """Ready for a new take of at most ``limit_s``; Stop stays disabled until recording has started."""
        self.meter.reset()
        self.remaining.set_remaining(limit_s, limit_s)
        self.stop_button.setEnabled(False)

    def retranslate(self) -> None:
        """Set every text and accessible name in the current language."""
        self.rec_label.setText(translate("PromptPage", "● Recording. Speak when you are ready."))
        self.meter_caption.setText(translate("PromptPage", "Sound:"))
        self.stop_button.setText(translate("PromptPage", "■ Stop (Space or Ctrl+R)"))
        self.stop_button.setAccessibleName(translate("PromptPage", "Stop recording"))
        self.stop_button.setAccessibleDescription(
            translate("PromptPage", "Stops recording and saves your answer. Shortcut: Space or Ctrl+R.")
        )
        self.meter.retranslate()


class FinishingPanel(QWidget):
    """FINISHING (and trimming): "Getting your answer ready…" with a progress bar."""

    def __init__(self) -> None:
        super().__init__()
        layout = panel_layout(self)
        self.finish_label = QLabel()
        self.finish_bar = QProgressBar()
        self.finish_bar.setRange(0, 100)
        layout.addWidget(self.finish_label)
        layout.addWidget(self.finish_bar)

    def show_progress(self, fraction: float) -> None:
        """Show how much of the answer is ready (0.0 to 1.0)."""
        self.finish_bar.setValue(round(100 * fraction))

    def retranslate(self) -> None:
        """Set every text and accessible name in the current language."""
        self.finish_label.setText(translate("PromptPage", "Getting your answer ready…"))
        self.finish_bar.setAccessibleName(translate("PromptPage", "Getting your answer ready"))
        self.finish_bar.setAccessibleDescription(
            translate("PromptPage", "How much of your answer is ready to watch")
        )
