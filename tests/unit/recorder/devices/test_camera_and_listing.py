"""camera:N (OpenCV on its own thread), device listing and URI errors.

No camera exists here: the real OpenCV path is exercised for "no camera", and a stand-in for the hardware
(the ``open_capture`` port) provokes a camera that dies mid-take.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recorder.devices import list_cameras, open_audio_source, open_video_source
from recorder.devices.camera import CameraVideo
from recorder.ports import SourceError
from tests.helpers.clock import FakeClock
from tests.helpers.hardware import DyingCapture

REPO = Path(__file__).resolve().parents[4]


def test_a_missing_camera_is_reported_plainly_and_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(SourceError, match="No camera was found at number 9"):
        open_video_source("camera:9", FakeClock())
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("failure", ["raise", "no-frames"])
def test_a_camera_that_dies_ends_its_frames_with_a_plain_error(failure: str) -> None:
    hardware = DyingCapture(good=10, failure=failure)
    camera = CameraVideo(0, FakeClock(), (64, 36), 30.0, open_capture=lambda _i: hardware)
    assert (camera.format.width, camera.format.height) == (64, 36)
    got = 0
    with pytest.raises(SourceError, match="camera stopped"):
        for _t, frame in camera.frames():
            assert frame.shape == (36, 64, 3)
            got += 1
    assert 1 <= got <= 10
    camera.close()
    assert hardware.released


def test_closing_the_camera_from_another_thread_ends_frames() -> None:
    hardware = DyingCapture(good=10**9)
    camera = CameraVideo(0, FakeClock(), (64, 36), 30.0, open_capture=lambda _i: hardware)
    frames = camera.frames()
    next(frames)
    camera.close()
    assert len(list(frames)) <= 4  # at most what was already queued, then it ends
    deadline = time.monotonic() + 2  # close() never waits; the capture thread releases the camera
    while not hardware.released and time.monotonic() < deadline:
        time.sleep(0.01)
    assert hardware.released


def test_listing_cameras_reads_sysfs_without_opening_anything(tmp_path: Path) -> None:
    for number, name, index in ((0, "HD Webcam C270", "0"), (1, "HD Webcam C270", "1"), (2, "Other", "0")):
        node = tmp_path / f"video{number}"
        node.mkdir()
        (node / "name").write_text(name + "\n")
        (node / "index").write_text(index + "\n")
    found = list_cameras(tmp_path)
    assert [(d.uri, d.label) for d in found.devices] == [
        ("camera:0", "HD Webcam C270"),
        ("camera:2", "Other"),
    ]
    assert found.explanation is None


def test_no_camera_is_a_normal_state_with_an_explanation(tmp_path: Path) -> None:
    found = list_cameras(tmp_path / "nothing-here")
    assert found.devices == [] and found.explanation and "No camera was found" in found.explanation


def test_microphone_listing_explains_an_empty_list() -> None:
    # In a child process: listing creates a QCoreApplication when none exists, which must not leak into
    # this test process (a later widget test needs a QApplication).
    code = (
        "import json, time\nfrom recorder.devices import list_microphones\nstarted = time.monotonic()\n"
        "found = list_microphones()\nprint(json.dumps({'s': time.monotonic() - started, "
        "'uris': [d.uri for d in found.devices], 'labels': [d.label for d in found.devices], "
        "'why': found.explanation}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE")}
    env["PULSE_SERVER"] = "unix:/nonexistent/voicebooth-test/native"  # no sound server: an empty list
    child = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                           timeout=60, check=False)  # fmt: skip
    assert child.returncode == 0, child.stderr[-1000:]
    found = json.loads(child.stdout.strip().splitlines()[-1])
    assert found["s"] < 3
    assert found["uris"] == [] and "No microphone was found" in found["why"]


@pytest.mark.parametrize("uri", ["webcam:0", "camera:front", "", "http://x"])
def test_unknown_camera_uris_are_refused_plainly(uri: str) -> None:
    with pytest.raises(SourceError, match="camera"):
        open_video_source(uri, FakeClock())


@pytest.mark.parametrize("uri", ["speaker:0", "", "http://x"])
def test_unknown_microphone_uris_are_refused_plainly(uri: str) -> None:
    with pytest.raises(SourceError, match="microphone"):
        open_audio_source(uri, FakeClock())
