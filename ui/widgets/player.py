"""The one video player: QMediaPlayer into a QVideoWidget, with play/pause, a position slider and keys.

The support worker watches an answer back with :class:`Player` itself; review mode's player
(:class:`ui.review.player.ReviewPlayer`) is built on it (a stream from the clip proxy, speeds, longer
jumps). Ctrl+Space plays and pauses wherever the focus is (named on the button, so Space never meets a focused
"Keep this answer"). Keys when the player has focus: Space or K plays and pauses; Left/Right jump by
:attr:`Player.SEEK_STEP_MS` (when the slider has focus, its own arrow keys move it, and playback follows).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from ui.i18n import Retranslating, translate
from ui.lengths import format_length, format_position
from ui.widgets.media_objects import new_player

# Plays and pauses while the player is on screen, wherever the focus is (named on the play button).
# (A plain comment: lupdate would take a "#:" one here for the next translated string.)
PLAY_KEYS = "Ctrl+Space"


class Player(Retranslating, QWidget):
    """Plays one video (a file, or a URL).

    Attributes:
        frames_shown: frames the video surface showed since the last :meth:`load` (tests, status).

    Signals:
        failed(): the video could not be played.
        error_text(str): the same, as a plain sentence for the person.
        position_changed(int): the position in milliseconds.
    """

    failed = Signal()
    error_text = Signal(str)
    position_changed = Signal(int)

    #: how far Left and Right jump, and the slider's Page Up / Page Down
    SEEK_STEP_MS = 2000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.frames_shown = 0
        self.player, self.audio = new_player(self)
        self.video = QVideoWidget()
        self.video.setMinimumSize(320, 180)
        self.video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.player.setVideoOutput(self.video)
        self.play_button = QPushButton()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setPageStep(self.SEEK_STEP_MS)
        self.slider.setSingleStep(1000)
        self.time_label = QLabel()
        #: the row under the picture; a subclass may add its own controls to it
        self.controls = QHBoxLayout()
        self.controls.addWidget(self.play_button)
        self.controls.addWidget(self.slider, 1)
        self.controls.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addLayout(self.controls)
        self.play_button.clicked.connect(self.toggle)
        # Playback has its own key, so it never presses the focused button (Space on "Keep this answer").
        self.play_key = QShortcut(QKeySequence(PLAY_KEYS), self)
        self.play_key.activated.connect(self.toggle)
        self.slider.valueChanged.connect(self._slider_moved)
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(lambda _state: self.retranslate())
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)
        self.video.videoSink().videoFrameChanged.connect(self._on_frame)
        self.add_controls(self.controls)
        self.retranslate()

    def add_controls(self, row: QHBoxLayout) -> None:
        """A subclass adds its own controls to the row under the picture here (before the first texts)."""

    def retranslate(self) -> None:
        playing = self.playing
        self.play_button.setText(
            translate("Player", "Pause (Ctrl+Space)") if playing else translate("Player", "Play (Ctrl+Space)")
        )
        self.play_button.setAccessibleName(
            translate("Player", "Pause") if playing else translate("Player", "Play your answer")
        )
        self.play_button.setAccessibleDescription(
            translate(
                "Player",
                "Ctrl+Space plays or pauses wherever the focus is. Left and right arrows jump two seconds.",
            )
        )
        self.slider.setAccessibleName(translate("Player", "Position in your answer"))
        self.slider.setAccessibleDescription(translate("Player", "Left and right arrow keys move through it"))
        self.video.setAccessibleName(translate("Player", "Your recorded answer"))
        self._on_position(self.player.position())

    # -- control ------------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    @property
    def position_ms(self) -> int:
        return int(self.player.position())

    def load(self, source: Path | str) -> None:
        """Open a file (a path) or a URL (a string), stopped at the start."""
        self.player.stop()
        self.frames_shown = 0
        self.player.setSource(QUrl())  # Qt ignores setting the same source again (Try again after a failure)
        self.player.setSource(QUrl.fromLocalFile(str(source)) if isinstance(source, Path) else QUrl(source))

    def unload(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())

    def toggle(self) -> None:
        if self.playing:
            self.player.pause()
            return
        if self.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia:
            self.player.setPosition(0)
        self.player.play()

    def seek(self, position_ms: int) -> None:
        self.player.setPosition(max(0, position_ms))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_K) and not self.play_button.hasFocus():
            self.toggle()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not self.slider.hasFocus():
            step = self.SEEK_STEP_MS if key == Qt.Key.Key_Right else -self.SEEK_STEP_MS
            self.seek(self.player.position() + step)
        else:
            super().keyPressEvent(event)

    # -- player events ------------------------------------------------------------------------------
    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.frames_shown += 1

    def _slider_moved(self, value_ms: int) -> None:
        if abs(value_ms - self.player.position()) > 250:  # a person moved it (mouse or keys), not playback
            self.player.setPosition(value_ms)

    def _on_position(self, position_ms: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(position_ms)
        self.slider.blockSignals(False)
        length = format_length(self.player.duration() / 1000)
        self.time_label.setText(f"{format_position(position_ms)} / {length}")
        self.position_changed.emit(position_ms)

    def _on_duration(self, duration_ms: int) -> None:
        self.slider.setRange(0, max(0, duration_ms))
        self._on_position(self.player.position())

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.retranslate()  # back to "Play"; Space then plays again from the start

    def _on_error(self, _error: QMediaPlayer.Error, _message: str) -> None:
        # Qt's message is technical; people get a plain sentence.
        self.failed.emit()
        self.error_text.emit(
            translate("Player", "This video cannot be played. You can still keep or retake it.")
        )
