"""A/V sync through the real recording path: ``file:`` sources -> TakeRecorder -> finish_take -> measure.

Uses recorder.devices (file sources) and recorder.takes.session (the take writer) per CONTRACTS.md section 4;
skipped, saying so, until both have landed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from recorder.takes.deliverable import finish_take
from tests.helpers.avsync import beep_onsets_s, flash_onsets_s, measure_av_sync
from tests.helpers.takes import make_sync_clip

CLIP_S = 6.0


class MonotonicClock:
    """The real clock (time.monotonic_ns), not a fake."""

    def now_ns(self) -> int:
        return time.monotonic_ns()

    def sleep_until_ns(self, deadline_ns: int) -> None:
        delay_s = (deadline_ns - time.monotonic_ns()) / 1e9
        if delay_s > 0:
            time.sleep(delay_s)


@pytest.mark.slow
def test_file_sources_record_in_sync(tmp_path: Path) -> None:
    clip = make_sync_clip(tmp_path / "clip.mp4", duration_s=CLIP_S)
    # The clip itself is in sync: the reference the recording is compared with.
    assert flash_onsets_s(clip)[:3] == [0.0, 1.0, 2.0]
    assert [round(b, 2) for b in beep_onsets_s(clip)[:3]] == [0.0, 1.0, 2.0]
    devices = pytest.importorskip("recorder.devices")
    session = pytest.importorskip("recorder.takes.session")
    if not hasattr(devices, "open_video_source"):
        pytest.skip("recorder.devices.open_video_source has not landed yet")
    clock = MonotonicClock()
    video = devices.open_video_source(f"file:{clip}", clock, size=(640, 360), fps=30.0)
    audio = devices.open_audio_source(f"file:{clip}", clock)
    recorder = session.TakeRecorder(tmp_path / "sub", video, audio, clock=clock, size=(640, 360), fps=30)
    recorder.preflight()
    recorder.start()
    time.sleep(CLIP_S + 1.5)  # the file source ends by itself; give the writer time to drain
    result = recorder.stop()
    sync = measure_av_sync(finish_take(Path(result.take_dir)).mp4_path)
    assert len(sync.offsets_ms) >= CLIP_S - 1
    assert abs(sync.start_offset_ms) <= 20 and abs(sync.end_offset_ms) <= 20
