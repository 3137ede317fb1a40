"""The review player: streams a take from the local clip proxy, with seek, 1×/1.5×/2× speed and keys.

The source is an ``http://127.0.0.1`` URL from :class:`recorder.review.ClipProxy`; Qt's FFmpeg backend
reads it with Range requests, so playback starts before the clip has downloaded and seeking fetches only
what is needed. Keys when the player has focus: Space/K play-pause, Left/Right 5 s back/forward,
``[``/``]`` slower/faster.

Signals:
    failed(): the media could not be played (the window asks the proxy why and explains).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.review.texts import format_ms
from ui.widgets.media_objects import new_player

SPEEDS = (1.0, 1.5, 2.0)
SEEK_STEP_MS = 5000


class ReviewPlayer(QWidget):
    """Plays one take at a time from a URL.

    Signals:
        failed(): playback failed.
        position_changed(int): the position in milliseconds.
    """

    failed = Signal()
    position_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.frames_shown = 0  # frames delivered to the video surface since the last load (tests, status)
        self.player, self.audio = new_player(self)
        self.video = QVideoWidget()
        self.video.setMinimumSize(320, 180)
        self.video.setMaximumHeight(300)  # leave room for the controls and the decision below
        self.video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.player.setVideoOutput(self.video)
        self.play_button = QPushButton()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setPageStep(SEEK_STEP_MS)
        self.slider.setSingleStep(1000)
        self.time_label = QLabel()
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}×", speed)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        controls.addWidget(self.speed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addLayout(controls)
        self.play_button.clicked.connect(self.toggle)
        self.slider.valueChanged.connect(self._slider_moved)
        self.speed.currentIndexChanged.connect(
            lambda index: self.player.setPlaybackRate(float(self.speed.itemData(index)))
        )
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(lambda _state: self.retranslate())
        self.player.errorOccurred.connect(lambda _error, _text: self.failed.emit())
        sink = self.video.videoSink()
        sink.videoFrameChanged.connect(self._on_frame)
        self.retranslate()

    def retranslate(self) -> None:
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(
            translate("ReviewPlayer", "Pause") if playing else translate("ReviewPlayer", "Play")
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- control ----------------------------------------------------------------------------------------

    def load(self, url: str) -> None:
        """Open ``url`` (paused at the start; the first frame shows)."""
        self.player.stop()
        self.frames_shown = 0
        self.player.setSource(QUrl())  # Qt ignores setting the same source again (Try again after a failure)
        self.player.setSource(QUrl(url))
        self.player.pause()  # shows the first frame without playing

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

    def seek(self, position_ms: int) -> None:
        self.player.setPosition(max(0, position_ms))

    def set_speed(self, speed: float) -> None:
        self.speed.setCurrentIndex(SPEEDS.index(speed))

    def step_speed(self, direction: int) -> None:
        index = max(0, min(len(SPEEDS) - 1, self.speed.currentIndex() + direction))
        self.speed.setCurrentIndex(index)

    @property
    def position_ms(self) -> int:
        return int(self.player.position())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_K) and not self.play_button.hasFocus():
            self.toggle()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not self.slider.hasFocus():
            step = SEEK_STEP_MS if key == Qt.Key.Key_Right else -SEEK_STEP_MS
            self.seek(self.player.position() + step)
        elif key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            self.step_speed(1 if key == Qt.Key.Key_BracketRight else -1)
        else:
            super().keyPressEvent(event)

    # --- player events --------------------------------------------------------------------------------

    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.frames_shown += 1

    def _slider_moved(self, value_ms: int) -> None:
        if abs(value_ms - self.player.position()) > 250:  # a person moved it, not playback
            self.player.setPosition(value_ms)

    def _on_position(self, position_ms: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(position_ms)
        self.slider.blockSignals(False)
        self.time_label.setText(f"{format_ms(position_ms)} / {format_ms(self.player.duration())}")
        self.position_changed.emit(position_ms)

    def _on_duration(self, duration_ms: int) -> None:
        self.slider.setRange(0, max(0, duration_ms))
        self._on_position(self.player.position())
