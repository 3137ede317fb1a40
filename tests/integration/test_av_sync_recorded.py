"""A/V sync through the real recording path: synthetic camera + microphone -> TakeRecorder -> deliverable.

The synthetic sources flash and beep at each whole second of the shared clock, so any offset measured in
the deliverable is the recorder's own error (timeline, audio alignment, finishing).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.takes.deliverable import finish_take
from recorder.takes.session import RecordingState, TakeRecorder
from tests.helpers.avsync import AvSync, measure_av_sync

LIMIT_MS = 20.0


def record_and_measure(tmp_path: Path, duration_s: float, size: tuple[int, int]) -> AvSync:
    clock = MonotonicClock()
    video = open_video_source("synthetic:", clock, size=size)
    audio = open_audio_source("synthetic:", clock)
    recorder = TakeRecorder(tmp_path / "sub", video, audio, clock=clock, size=size, max_duration_s=duration_s)
    recorder.start()
    while recorder.status.state is RecordingState.RECORDING:
        time.sleep(0.1)
    result = recorder.stop()
    sync = measure_av_sync(finish_take(result.take_dir).mp4_path)
    print(f"\n{duration_s:.0f} s {size[0]}x{size[1]}: offsets (ms) start {sync.start_offset_ms:+.1f}, "
          f"end {sync.end_offset_ms:+.1f}, worst {max(abs(o) for o in sync.offsets_ms):.1f}; "
          f"journal estimate {result.journal['av_offset_ms']}")  # fmt: skip
    return sync


def test_a_short_recorded_take_is_in_sync(tmp_path: Path) -> None:
    sync = record_and_measure(tmp_path, 3.0, (640, 360))
    assert len(sync.offsets_ms) >= 2
    assert max(abs(o) for o in sync.offsets_ms) <= LIMIT_MS


@pytest.mark.slow
def test_a_60_s_recorded_720p_take_is_in_sync_at_start_and_end(tmp_path: Path) -> None:
    sync = record_and_measure(tmp_path, 60.0, (1280, 720))
    assert len(sync.offsets_ms) >= 59
    assert abs(sync.start_offset_ms) <= LIMIT_MS and abs(sync.end_offset_ms) <= LIMIT_MS
    assert max(abs(o) for o in sync.offsets_ms) <= LIMIT_MS
