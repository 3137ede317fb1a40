"""Watch-back player: QMediaPlayer into a QVideoWidget, with play/pause, a position slider and keys.

Keys: Space or K plays and pauses; Left/Right jump 2 s (when the slider has focus, its own arrow keys apply).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.widgets.media_objects import new_player
from ui.widgets.remaining_bar import format_clock


class Player(QWidget):
    """Plays one video file.

    Signals:
        error_text(str): a plain-English problem playing the file.
    """

    error_text = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player, self.audio = new_player(self)
        self.video = QVideoWidget()
        self.video.setMinimumSize(320, 180)
        self.video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.player.setVideoOutput(self.video)
        self.play_button = QPushButton()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.time_label = QLabel()
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addLayout(controls)
        self.play_button.clicked.connect(self.toggle)
        self.slider.sliderMoved.connect(self.player.setPosition)
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(lambda _state: self.retranslate())
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)
        self.retranslate()

    def retranslate(self) -> None:
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(
            translate("Player", "Pause (Space)") if playing else translate("Player", "Play (Space)")
        )
        self.play_button.setAccessibleName(
            translate("Player", "Pause") if playing else translate("Player", "Play your answer")
        )
        self.play_button.setAccessibleDescription(
            translate("Player", "Space plays or pauses. Left and right arrows jump two seconds.")
        )
        self.slider.setAccessibleName(translate("Player", "Position in your answer"))
        self.slider.setAccessibleDescription(translate("Player", "Left and right arrow keys move through it"))
        self.video.setAccessibleName(translate("Player", "Your recorded answer"))
        self._on_position(self.player.position())

    def load(self, path: Path) -> None:
        self.player.stop()
        self.player.setSource(QUrl.fromLocalFile(str(path)))

    def unload(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
            return
        if self.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia:
            self.player.setPosition(0)
        self.player.play()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_K) and not self.play_button.hasFocus():
            self.toggle()
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not self.slider.hasFocus():
            step = 2000 if event.key() == Qt.Key.Key_Right else -2000
            self.player.setPosition(max(0, self.player.position() + step))
            return
        super().keyPressEvent(event)

    def _on_position(self, position_ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(position_ms)
        self.time_label.setText(
            f"{format_clock(position_ms / 1000)} / {format_clock(self.player.duration() / 1000)}"
        )

    def _on_duration(self, duration_ms: int) -> None:
        self.slider.setRange(0, max(0, duration_ms))
        self._on_position(self.player.position())

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.retranslate()  # back to "Play"; Space then plays again from the start

    def _on_error(self, _error: QMediaPlayer.Error, _message: str) -> None:
        # Qt's message is technical; people get a plain sentence.
        self.error_text.emit(
            translate("Player", "This video cannot be played. You can still keep or retake it.")
        )
