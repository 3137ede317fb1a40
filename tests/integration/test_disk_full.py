"""A disk that fills up mid-take: the take stops with a plain reason, keeps what was recorded, and finishes.

Provoked for real on a small tmpfs mounted for the test (needs root with mount rights; skipped, saying so,
where mounting is not allowed).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.takes.deliverable import finish_take
from recorder.takes.journal import read_journal
from recorder.takes.session import RecordingState, TakeRecorder
from tests.helpers.small_disk import MIB, fill, mount_small_disk

SIZE_MB = 64


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 MiB disk (also used by the Welsh core-message tests)."""
    with mount_small_disk(tmp_path / "disk", SIZE_MB * MIB) as folder:
        yield folder


def test_a_disk_filling_up_mid_take_stops_it_plainly_and_keeps_it(small_disk: Path) -> None:
    clock = MonotonicClock()
    size = (320, 180)
    video = open_video_source("synthetic:", clock, size=size)
    audio = open_audio_source("synthetic:", clock)
    recorder = TakeRecorder(small_disk / "sub", video, audio, clock=clock, size=size, max_duration_s=5.0)
    recorder.start()
    time.sleep(1.5)
    filler = small_disk / "filler.bin"
    fill(filler)  # another program (or a big download) takes the rest of the disk
    deadline = time.monotonic() + 20
    while recorder.status.state is RecordingState.RECORDING:
        assert time.monotonic() < deadline, "the take did not notice the full disk"
        time.sleep(0.05)
    result = recorder.stop()
    assert result.stop_reason is not None and "disk is full" in result.stop_reason
    assert result.stop_reason.startswith("The") and "Errno" not in result.stop_reason
    recorded_frames = read_journal(result.take_dir).get("frames_written", 0)

    os.unlink(filler)  # the person frees some space; what was recorded is still there
    deliverable = finish_take(result.take_dir)
    assert 1.0 <= deliverable.duration_s <= 5.0
    assert recorded_frames >= 30
