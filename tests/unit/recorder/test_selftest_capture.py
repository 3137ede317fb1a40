"""``voicebooth --self-test --devices``: 3 s from the camera and microphone through the device ports, with the
demo (synthetic) and file sources standing in for hardware; a missing device is a plain FAIL."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from recorder.devices import SYSTEM_DEVICES, MonotonicClock
from recorder.selftest import Status
from recorder.selftest.capture import (
    AudioFigures,
    VideoFigures,
    camera_result,
    device_capture_results,
    microphone_result,
)
from tests.helpers.media import make_deliverable_mp4

PERIOD_NS = 1_000_000_000 // 30


@pytest.mark.slow
def test_demo_sources_record_three_seconds_with_frame_rate_drops_and_level() -> None:
    camera, microphone = device_capture_results(SYSTEM_DEVICES, MonotonicClock(), "synthetic:", "synthetic:")
    # A machine under load may drop a few frames (a WARN, with advice); never a FAIL.
    assert camera.status in (Status.PASS, Status.WARN), camera
    assert microphone.status is Status.PASS, microphone
    fps = float(camera.summary.split(": ")[1].split(" frames per second")[0])
    assert 20 <= fps <= 31  # paced in real time, like a camera
    assert "(the camera promised 30)" in camera.summary and "dropped" in camera.summary
    assert "level" in microphone.summary and "dBFS" in microphone.summary


@pytest.mark.slow
def test_file_sources_through_the_same_ports(tmp_path: Path) -> None:
    clip = make_deliverable_mp4(tmp_path / "clip.mp4", duration_s=5.0)
    camera, microphone = device_capture_results(
        SYSTEM_DEVICES, MonotonicClock(), f"file:{clip}", f"file:{clip}"
    )
    assert camera.status in (Status.PASS, Status.WARN), camera
    assert microphone.status is Status.PASS, microphone
    # The clip's tone: ffmpeg's sine (amplitude 1/8, -18 dBFS peak) 10 dB quieter, so about -31 dBFS RMS.
    level = float(microphone.summary.split("level ")[1].split(" dBFS")[0])
    assert -36 <= level <= -26, microphone.summary


def test_no_camera_and_no_microphone_say_so_plainly() -> None:
    camera, microphone = device_capture_results(
        SYSTEM_DEVICES, MonotonicClock(), "camera:9", "file:/nowhere.wav"
    )
    assert camera.status is Status.FAIL and camera.summary.startswith("No camera could be used: ")
    assert microphone.status is Status.FAIL and microphone.summary.startswith("No microphone could be used: ")
    assert "Traceback" not in camera.summary + microphone.summary


def test_dropped_frames_are_counted_from_gaps_and_warned_about() -> None:
    stamps = [i * PERIOD_NS for i in range(90)]
    steady = VideoFigures(promised_fps=30.0, timestamps_ns=stamps, size=(1280, 720))
    assert steady.dropped == 0 and math.isclose(steady.fps, 30.0, rel_tol=1e-6)
    assert camera_result(steady, "camera:0").status is Status.PASS
    gappy = [t for i, t in enumerate(stamps) if i % 3 != 1]  # frames 1, 4 ... 88 missing: 30 dropped
    figures = VideoFigures(promised_fps=30.0, timestamps_ns=gappy, size=(1280, 720))
    assert figures.dropped == 30
    result = camera_result(figures, "camera:0")
    assert result.status is Status.WARN and "30 dropped" in result.summary


def test_a_silent_microphone_is_a_warning_and_levels_are_in_dbfs() -> None:
    silent = AudioFigures(elapsed_s=3.0)
    silent.add(np.zeros(3 * 48_000, dtype=np.int16))
    assert microphone_result(silent, "mic:default").status is Status.WARN
    assert "heard nothing" in microphone_result(silent, "mic:default").details[0]
    loud = AudioFigures(elapsed_s=3.0)
    loud.add(np.full(3 * 48_000, 16384, dtype=np.int16))  # half of full scale: -6 dBFS
    assert round(loud.rms_dbfs) == -6 and round(loud.peak_dbfs) == -6
    assert microphone_result(loud, "mic:default").status is Status.PASS
