"""Tests for the flow's widgets: preview (newest frame only), level meter hints, time bar, trim, player."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from tests.helpers.qt import StrictLogs
from ui.widgets.level_meter import LevelHint, LevelMeter, peak_dbfs
from ui.widgets.player import Player
from ui.widgets.preview import VideoPreview
from ui.widgets.remaining_bar import RemainingTimeBar, format_clock
from ui.widgets.trim import TrimControl

pytestmark = pytest.mark.usefixtures("strict_logs")


def test_preview_keeps_only_the_newest_frame_and_mirrors(qtbot: QtBot) -> None:
    preview = VideoPreview(mirrored=True)
    qtbot.addWidget(preview)
    for value in range(50):  # a burst far faster than the refresh timer
        frame = np.zeros((720, 1280, 3), np.uint8)
        frame[:, :640] = (0, 0, value)  # left half red-ish in BGR
        preview.offer(frame)
    qtbot.waitUntil(lambda: preview.frames_shown >= 1, timeout=2000)
    qtbot.wait(100)
    assert preview.frames_shown == 1  # 50 offers, one frame painted: nothing queued
    image = preview.current_image()
    assert image is not None and image.width() == 640
    # mirrored: the camera's left half now shows on the right
    assert image.pixelColor(600, 10).red() == 49
    assert image.pixelColor(10, 10).red() == 0


def test_preview_accepts_frames_from_another_thread(qtbot: QtBot) -> None:
    preview = VideoPreview(mirrored=False)
    qtbot.addWidget(preview)
    frame = np.full((360, 640, 3), 200, np.uint8)
    thread = threading.Thread(target=preview.offer, args=(frame,))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: preview.current_image() is not None, timeout=2000)


def test_level_meter_hints_in_words(qtbot: QtBot) -> None:
    meter = LevelMeter()
    qtbot.addWidget(meter)
    assert meter.hint is LevelHint.UNKNOWN
    meter.show_level(-55.0, now_s=0.0)
    assert meter.hint is LevelHint.TOO_QUIET
    assert "Too quiet" in meter.hint_label.text()
    meter.show_level(-0.2, now_s=0.1)
    assert meter.hint is LevelHint.TOO_LOUD and "Too loud" in meter.hint_label.text()
    meter.show_level(-20.0, now_s=5.0)  # the clip has left the hint window
    assert meter.hint is LevelHint.GOOD and "good" in meter.hint_label.text()


def test_peak_dbfs() -> None:
    assert peak_dbfs(np.zeros((480, 1), np.int16)) == -60.0
    assert peak_dbfs(np.full((480, 1), 32767, np.int16)) > -0.01
    assert -7 < peak_dbfs(np.full((480, 1), 16384, np.int16)) < -5


def test_remaining_bar_cue_in_final_seconds(qtbot: QtBot) -> None:
    bar = RemainingTimeBar()
    qtbot.addWidget(bar)
    bar.set_remaining(25.0, 30.0)
    assert bar.label.text() == "0:25 left" and not bar.label.font().bold()
    bar.set_remaining(9.2, 30.0)
    assert "Last seconds" in bar.label.text() and "0:10" in bar.label.text()
    assert bar.label.font().bold() and bar.bar.property("final") is True
    assert format_clock(61.0) == "1:01"


def test_trim_control_values(qtbot: QtBot) -> None:
    trim = TrimControl()
    qtbot.addWidget(trim)
    trim.set_duration(10.0)
    assert trim.trim() is None
    trim.start_box.setValue(1.5)
    trim.end_box.setValue(2.0)
    assert trim.trim() == (1.5, 8.0)
    assert "6.5" in trim.summary.text()
    trim.start_box.setValue(5.0)
    trim.end_box.setValue(4.5)
    with pytest.raises(ValueError):
        trim.trim()


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import imageio_ffmpeg

    out = tmp_path_factory.mktemp("clip") / "clip.mp4"
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=30:duration=2",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            str(out),
        ],
        check=True,
    )
    return out


def test_player_loads_and_plays_an_mp4(qtbot: QtBot, clip: Path, strict_logs: StrictLogs) -> None:
    strict_logs.expect("No audio device detected")  # CI has no sound card
    player = Player()
    qtbot.addWidget(player)
    player.load(clip)
    qtbot.waitUntil(lambda: player.player.duration() > 1500, timeout=5000)
    assert player.slider.maximum() == player.player.duration()
    player.toggle()
    qtbot.waitUntil(lambda: player.player.position() > 200, timeout=5000)
    assert "Pause" in player.play_button.text()
    player.unload()


def test_the_slider_moved_with_the_keyboard_moves_playback(
    qtbot: QtBot, clip: Path, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("No audio device detected")
    player = Player()
    qtbot.addWidget(player)
    player.show()
    player.load(clip)
    qtbot.waitUntil(lambda: player.player.duration() > 1500, timeout=5000)
    player.slider.setFocus()
    qtbot.keyClick(player.slider, Qt.Key.Key_PageUp)  # one page: the player's jump (2 s)
    qtbot.waitUntil(lambda: player.player.position() >= 1500, timeout=5000)
    assert player.time_label.text().startswith("0:0")
    player.unload()


def test_player_says_so_in_plain_english_when_a_file_is_broken(
    qtbot: QtBot, tmp_path: Path, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("No audio device detected|Could not open media")
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video at all" * 100)
    player = Player()
    qtbot.addWidget(player)
    with qtbot.waitSignal(player.error_text, timeout=5000) as blocker:
        player.load(broken)
        player.player.play()
    assert "cannot be played" in blocker.args[0]
    assert player.player.error() != QMediaPlayer.Error.NoError
