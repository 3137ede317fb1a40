"""Tests for the flow's widgets: preview (newest frame only), level meter hints, time bar, trim, player."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from recorder.media.frames import frame_at, frames_along
from recorder.media.run import FfmpegError
from tests.helpers.qt import StrictLogs
from ui.widgets.level_meter import LevelHint, LevelMeter, peak_dbfs
from ui.widgets.player import Player
from ui.widgets.preview import VideoPreview
from ui.widgets.remaining_bar import RemainingTimeBar, format_clock
from ui.widgets.trim import PREVIEW_SIZE, THUMBNAIL_COUNT, THUMBNAIL_SIZE, TrimControl

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
    trim.set_cuts(1.5, 2.0)
    assert trim.trim() == (1.5, 8.0)
    assert "0:07" in trim.summary.text()  # 6.5 s, in the one format for lengths
    assert trim.start_caption.text() == "Starts at 0:02" and trim.end_caption.text() == "Ends at 0:08"
    trim.set_cuts(5.0, 4.5)  # would leave 0.5 s: the handles stay a second apart
    start, end = trim.kept_s()
    assert end - start == pytest.approx(1.0)
    trim.set_duration(0.8)  # too short to trim at all
    assert not trim.start_handle.isEnabled() and trim.trim() is None
    assert "too short" in trim.summary.text()


def test_trim_handles_move_by_arrow_keys_and_by_mouse(qtbot: QtBot) -> None:
    trim = TrimControl()
    qtbot.addWidget(trim)
    trim.resize(900, 260)
    trim.show()
    trim.set_duration(20.0)
    start, end = trim.start_handle, trim.end_handle
    assert start.accessibleName() == "Start of your answer" and end.accessibleName() == "End of your answer"
    assert start.focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.keyClick(start, Qt.Key.Key_Right)  # a tenth of a second
    assert trim.kept_s()[0] == pytest.approx(0.1)
    qtbot.keyClick(start, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)  # a whole second
    assert trim.kept_s()[0] == pytest.approx(1.1)
    qtbot.keyClick(end, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert trim.kept_s()[1] == pytest.approx(19.0)
    assert start.accessibleDescription().startswith("Starts at 0:01")
    assert end.accessibleDescription().startswith("Ends at 0:19")
    qtbot.keyClick(end, Qt.Key.Key_Home)  # as far as it goes: one second after the start
    assert trim.kept_s() == pytest.approx((1.1, 2.1))
    # The mouse: a click in the strip's middle takes the nearer handle (the end) there, and a drag carries it.
    strip = trim.strip
    middle = QPoint(strip.x_of(100), strip.height() // 2)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=middle)
    assert trim.kept_s()[1] == pytest.approx(10.0, abs=0.1)
    qtbot.mousePress(start, Qt.MouseButton.LeftButton, pos=QPoint(5, 10))
    target = QPoint(strip.x_of(50), 10)
    QTest.mouseMove(start, start.mapFrom(strip, target))
    qtbot.mouseRelease(start, Qt.MouseButton.LeftButton, pos=start.mapFrom(strip, target))
    assert trim.kept_s()[0] == pytest.approx(5.0, abs=0.1)
    assert trim.trim() == pytest.approx((trim.kept_s()[0], 10.0), abs=0.1)


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


def test_trim_timeline_pictures_and_frames_come_from_the_take_off_the_ui_thread(
    qtbot: QtBot, clip: Path
) -> None:
    trim = TrimControl()
    qtbot.addWidget(trim)
    trim.resize(900, 260)
    trim.show()
    trim.load(clip, 2.0)
    assert trim.strip.thumbnails == []  # load() returns at once; ffmpeg runs on a pool thread
    qtbot.waitUntil(lambda: len(trim.strip.thumbnails) == THUMBNAIL_COUNT, timeout=20_000)
    assert {image.size().toTuple() for image in trim.strip.thumbnails} == {THUMBNAIL_SIZE}
    qtbot.waitUntil(lambda: not trim.end_preview.pixmap().isNull(), timeout=20_000)
    first_end = trim.end_preview.pixmap().toImage()
    trim.set_cuts(0.0, 0.8)  # the end handle moves: its preview shows the new last frame a moment later
    qtbot.waitUntil(lambda: trim.end_preview.pixmap().toImage() != first_end, timeout=20_000)
    assert trim.start_preview.pixmap().size().toTuple() == PREVIEW_SIZE


def test_frames_are_cut_from_the_asked_time(clip: Path) -> None:
    first = frame_at(clip, 0.0, 2.0, (64, 36))
    later = frame_at(clip, 1.5, 2.0, (64, 36))
    last = frame_at(clip, 5.0, 2.0, (64, 36))  # past the end: the last frame, not an error
    assert len(first.rgb) == 64 * 36 * 3 and first.rgb != later.rgb and last.rgb != first.rgb
    assert [f.rgb for f in frames_along(clip, 2.0, 2, (64, 36))] != [first.rgb, first.rgb]
    with pytest.raises(FfmpegError, match="Could not show a picture"):
        frame_at(clip.with_name("missing.mp4"), 0.0, 2.0, (64, 36))


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
