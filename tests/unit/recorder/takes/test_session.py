"""TakeRecorder end to end on the real clock with synthetic/file sources, real ffmpeg and real files.

Failures are provoked through the ports: a camera that raises mid-take, a microphone that ends, a camera
that skips frames, a file that ends; plus a missing ffmpeg and a disk without room.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.devices.camera import CameraVideo
from recorder.media.probe import probe_video
from recorder.ports import AudioFormat, Frame, Pcm, SourceError, VideoFormat, VideoSource
from recorder.takes.check import check_take
from recorder.takes.deliverable import finish_take
from recorder.takes.folder import is_locked
from recorder.takes.session import (
    REASON_AUDIO_ENDED,
    REASON_TIME_LIMIT,
    RecordingError,
    RecordingState,
    TakeRecorder,
)
from tests.helpers.hardware import DyingCapture
from tests.helpers.takes import make_sync_clip

SIZE = (320, 180)
CLOCK = MonotonicClock()
CONTRACT_KEYS = {
    "schema", "take_id", "prompt_id", "state", "created_utc", "video", "audio", "t0_ns", "frames_written",
    "frames_duplicated", "frames_dropped", "audio_samples_written", "stop_reason", "error",
}  # fmt: skip


class DyingCamera:
    """Port stand-in: a synthetic camera whose driver fails after ``frames`` frames."""

    def __init__(self, frames: int, size: tuple[int, int] = SIZE) -> None:
        self.inner = open_video_source("synthetic:", CLOCK, size=size)
        self.frames_before_failure = frames

    @property
    def format(self) -> VideoFormat:
        return self.inner.format

    def frames(self) -> Iterator[tuple[int, Frame]]:
        for n, item in enumerate(self.inner.frames()):
            if n == self.frames_before_failure:
                raise SourceError("The camera stopped working. Check it is still plugged in, then try again.")
            yield item

    def close(self) -> None:
        self.inner.close()


class HiccupCamera(DyingCamera):
    """A camera that delivers nothing for frames 10..14 (a USB hiccup), then carries on."""

    def frames(self) -> Iterator[tuple[int, Frame]]:
        for n, item in enumerate(self.inner.frames()):
            if not 10 <= n < 15:
                yield item


class EndingMicrophone:
    """A synthetic microphone that stops after ``blocks`` blocks (unplugged)."""

    def __init__(self, blocks: int) -> None:
        self.inner = open_audio_source("synthetic:", CLOCK)
        self.limit = blocks

    @property
    def format(self) -> AudioFormat:
        return self.inner.format

    def blocks(self) -> Iterator[tuple[int, Pcm]]:
        for n, item in enumerate(self.inner.blocks()):
            if n == self.limit:
                return
            yield item

    def close(self) -> None:
        self.inner.close()


def recorder_for(tmp_path: Path, video: VideoSource | None = None, **kwargs: object) -> TakeRecorder:
    video = video or open_video_source("synthetic:", CLOCK, size=SIZE)
    audio = kwargs.pop("audio", None) or open_audio_source("synthetic:", CLOCK)
    return TakeRecorder(tmp_path / "sub", video, audio, clock=CLOCK, size=SIZE, **kwargs)  # type: ignore[arg-type]


def wait_until_stopped(recorder: TakeRecorder, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while recorder.status.state is RecordingState.RECORDING:
        assert time.monotonic() < deadline, "the take did not stop by itself"
        time.sleep(0.05)


def test_a_take_is_recorded_per_the_contract(tmp_path: Path) -> None:
    previews: list[Frame] = []
    levels: list[float] = []
    recorder = recorder_for(tmp_path, prompt_id="love-role", on_preview=previews.append,
                            on_audio_level=levels.append)  # fmt: skip
    assert recorder.status.state is RecordingState.READY
    recorder.preflight()
    recorder.start()
    assert is_locked(recorder.take_dir)  # a live owner: never "interrupted" while recording
    time.sleep(1.5)
    status = recorder.status
    assert status.state is RecordingState.RECORDING and 1.0 < status.elapsed_s < 2.5
    result = recorder.stop()
    assert result.stop_reason is None  # Stop was pressed
    journal = result.journal
    assert journal.keys() >= CONTRACT_KEYS
    assert journal["state"] == "stopped" and journal["prompt_id"] == "love-role" and journal["error"] is None
    assert journal["video"] == {"width": 320, "height": 180, "fps": 30, "codec": "h264"}
    assert journal["audio"] == {"rate_hz": 48000, "channels": 1}
    frames = journal["frames_written"]
    assert 40 <= frames <= 60 and journal["frames_dropped"] == 0
    audio_s = journal["audio_samples_written"] / 48000
    assert abs(audio_s - frames / 30) < 0.15
    assert journal["av_offset_ms"] is not None and abs(journal["av_offset_ms"]) <= 20
    info = probe_video(result.take_dir / "video.mkv")
    assert (info.codec, info.profile, info.pix_fmt, info.width, info.height) == (
        "h264", "High", "yuv420p", 320, 180)  # fmt: skip
    assert (result.take_dir / "audio.pcm").stat().st_size == journal["audio_samples_written"] * 2
    assert not is_locked(result.take_dir)
    assert recorder.status.state is RecordingState.STOPPED
    assert recorder.stop() is result  # twice is fine
    assert len(previews) >= frames - 2 and previews[0].shape == (180, 320, 3)
    assert levels and all(-90.0 <= level <= 0.0 for level in levels) and max(levels) > -10


def test_the_time_limit_stops_the_take_by_itself(tmp_path: Path) -> None:
    recorder = recorder_for(tmp_path, max_duration_s=1.0)
    recorder.start()
    wait_until_stopped(recorder)
    result = recorder.stop()
    assert result.stop_reason == REASON_TIME_LIMIT
    assert result.journal["frames_written"] == 30
    assert recorder.status.elapsed_s == pytest.approx(1.0)


def test_a_camera_failing_mid_take_ends_it_with_the_reason_and_keeps_it(tmp_path: Path) -> None:
    recorder = recorder_for(tmp_path, video=DyingCamera(frames=40), max_duration_s=10)
    recorder.start()
    wait_until_stopped(recorder)
    result = recorder.stop()
    assert result.stop_reason == "The camera stopped working. Check it is still plugged in, then try again."
    assert result.journal["state"] == "stopped" and result.journal["stop_reason"] == result.stop_reason
    assert 35 <= result.journal["frames_written"] <= 40
    deliverable = finish_take(result.take_dir)  # what was recorded is kept and usable
    assert deliverable.duration_s == pytest.approx(result.journal["frames_written"] / 30)


def test_a_camera_thread_that_raises_ends_the_take_and_keeps_it(tmp_path: Path) -> None:
    hardware = DyingCapture(good=30, fps=30.0, size=SIZE)
    camera = CameraVideo(0, CLOCK, SIZE, 30.0, open_capture=lambda _index: hardware)
    recorder = recorder_for(tmp_path, video=camera, max_duration_s=10)
    recorder.start()
    wait_until_stopped(recorder)
    result = recorder.stop()
    assert result.stop_reason == "The camera stopped working. Check it is still plugged in, then try again."
    # Every picture the camera gave before failing is in the take once. (How many slots of the 30 fps
    # timeline they fill depends on how late each arrived, so the written count alone is not fixed.)
    journal = result.journal
    kept = journal["frames_written"] - journal["frames_duplicated"]
    assert kept + journal["frames_dropped"] + camera.frames_discarded == 30 and kept > 0
    assert hardware.released
    assert finish_take(result.take_dir).mp4_path.is_file()


def test_a_microphone_that_ends_stops_the_take_and_keeps_it(tmp_path: Path) -> None:
    recorder = recorder_for(tmp_path, audio=EndingMicrophone(blocks=80), max_duration_s=10)
    recorder.start()
    wait_until_stopped(recorder)
    result = recorder.stop()
    assert result.stop_reason == REASON_AUDIO_ENDED
    assert 0.5 < result.journal["frames_written"] / 30 < 1.5
    assert check_take(result.take_dir).has_audio


def test_a_file_that_ends_mid_take_ends_it_with_the_reason(tmp_path: Path) -> None:
    clip = make_sync_clip(tmp_path / "clip.mp4", duration_s=1.0, size=SIZE)
    video = open_video_source(f"file:{clip}", CLOCK, size=SIZE)
    audio = open_audio_source(f"file:{clip}", CLOCK)
    recorder = recorder_for(tmp_path, video=video, audio=audio, max_duration_s=10)
    recorder.start()
    wait_until_stopped(recorder)
    result = recorder.stop()
    assert result.stop_reason in ("The video file ended.", "The sound file ended.")
    assert 27 <= result.journal["frames_written"] <= 30


def test_a_camera_hiccup_is_filled_with_duplicates_and_counted(tmp_path: Path) -> None:
    recorder = recorder_for(tmp_path, video=HiccupCamera(frames=0), max_duration_s=1.0)
    recorder.start()
    wait_until_stopped(recorder)
    result = recorder.stop()
    assert result.journal["frames_duplicated"] == 5
    assert result.journal["frames_written"] == 30  # the timeline stays constant-rate


def test_camera_frames_of_another_size_are_scaled(tmp_path: Path) -> None:
    small = open_video_source("synthetic:", CLOCK, size=(160, 90))
    recorder = recorder_for(tmp_path, video=small, max_duration_s=0.5)
    recorder.start()
    wait_until_stopped(recorder)
    result = recorder.stop()
    info = probe_video(result.take_dir / "video.mkv")
    assert (info.width, info.height) == SIZE


def test_a_preview_callback_that_fails_costs_no_frames(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_frame: Frame) -> None:
        raise RuntimeError("widget gone")

    recorder = recorder_for(tmp_path, max_duration_s=0.5, on_preview=broken)
    recorder.start()
    wait_until_stopped(recorder)
    assert recorder.stop().journal["frames_written"] == 15
    assert "preview callback failed" in caplog.text


def test_a_missing_ffmpeg_fails_the_start_and_leaves_nothing(tmp_path: Path) -> None:
    recorder = recorder_for(tmp_path, ffmpeg=str(tmp_path / "no-ffmpeg"))
    with pytest.raises(RecordingError, match="could not start"):
        recorder.start()
    assert list((tmp_path / "sub" / "takes").iterdir()) == []
    assert recorder.status.state is RecordingState.READY


def test_a_disk_without_room_for_the_take_is_refused_before_recording(tmp_path: Path) -> None:
    free_s = shutil.disk_usage(tmp_path).free / 100_000  # far longer than the disk could hold
    recorder = recorder_for(tmp_path, max_duration_s=free_s)
    with pytest.raises(RecordingError, match="not enough free disk space"):
        recorder.preflight()
    with pytest.raises(RecordingError, match="not enough free disk space"):
        recorder.start()
    assert not recorder.take_dir.exists()


def test_stop_before_start_closes_the_sources(tmp_path: Path) -> None:
    recorder = recorder_for(tmp_path)
    result = recorder.stop()
    assert result.stop_reason is None and not result.take_dir.exists()


def test_a_take_cannot_be_started_twice(tmp_path: Path) -> None:
    recorder = recorder_for(tmp_path, max_duration_s=0.3)
    recorder.start()
    with pytest.raises(RecordingError, match="already"):
        recorder.start()
    wait_until_stopped(recorder)
    recorder.stop()


def test_silence_from_the_microphone_is_recorded_as_silence(tmp_path: Path) -> None:
    class Muted(EndingMicrophone):
        def blocks(self) -> Iterator[tuple[int, Pcm]]:
            for t_ns, pcm in self.inner.blocks():
                yield t_ns, np.zeros_like(pcm)

    recorder = recorder_for(tmp_path, audio=Muted(0), max_duration_s=0.5)
    recorder.start()
    wait_until_stopped(recorder)
    result = recorder.stop()
    check = check_take(result.take_dir)
    assert check.audio_silent and any("couldn't hear you" in p for p in check.problems)
