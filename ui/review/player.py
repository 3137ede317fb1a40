"""The review player: the one player (:class:`ui.widgets.player.Player`) streaming a take from the clip proxy.

The source is an ``http://127.0.0.1`` URL from :class:`recorder.review.ClipProxy`; Qt's FFmpeg backend
reads it with Range requests, so playback starts before the clip has downloaded and seeking fetches only
what is needed. Besides the player's own keys (Space/K play-pause; Left/Right jump, here 5 s), ``[``/``]``
make it slower or faster (1×, 1.5×, 2×).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from ui.i18n import translate
from ui.widgets.player import Player

SPEEDS = (1.0, 1.5, 2.0)


class ReviewPlayer(Player):
    """Plays one take at a time from a URL, paused on its first frame when loaded, at a chosen speed.

    Signals (the player's): ``failed()`` (the window asks the proxy why and explains),
    ``position_changed(int)``.
    """

    SEEK_STEP_MS = 5000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.video.setMaximumHeight(300)  # leave room for the controls and the decision below

    def add_controls(self, row: QHBoxLayout) -> None:
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}×", speed)
        self.speed.currentIndexChanged.connect(
            lambda index: self.player.setPlaybackRate(float(self.speed.itemData(index)))
        )
        row.addWidget(self.speed)

    def retranslate(self) -> None:
        playing = self.playing
        self.play_button.setText(
            translate("ReviewPlayer", "Pause (Alt+P)")
            if playing
            else translate("ReviewPlayer", "Play (Alt+P)")
        )
        self.play_button.setAccessibleName(
            translate("ReviewPlayer", "Pause the video")
            if playing
            else translate("ReviewPlayer", "Play the video")
        )
        self.slider.setAccessibleName(translate("ReviewPlayer", "Position in the video"))
        self.slider.setAccessibleDescription(
            translate("ReviewPlayer", "Arrow keys move one second, Page Up and Page Down five seconds")
        )
        self.speed.setAccessibleName(translate("ReviewPlayer", "Playback speed"))
        self.speed.setAccessibleDescription(translate("ReviewPlayer", "1, 1.5 or 2 times normal speed."))
        self.play_button.setAccessibleDescription(
            translate(
                "ReviewPlayer", "Space or K also plays and pauses when the player has focus (Alt+P anywhere)."
            )
        )
        self.video.setAccessibleName(translate("ReviewPlayer", "The submitted video"))
        self.setAccessibleName(translate("ReviewPlayer", "Video player"))
        self._on_position(self.player.position())

    def load(self, source: Path | str) -> None:
        """Open the clip proxy's ``url`` (a string), paused at the start: the first frame shows."""
        super().load(source)
        self.player.pause()

    def set_speed(self, speed: float) -> None:
        self.speed.setCurrentIndex(SPEEDS.index(speed))

    def step_speed(self, direction: int) -> None:
        index = max(0, min(len(SPEEDS) - 1, self.speed.currentIndex() + direction))
        self.speed.setCurrentIndex(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            self.step_speed(1 if event.key() == Qt.Key.Key_BracketRight else -1)
        else:
            super().keyPressEvent(event)
