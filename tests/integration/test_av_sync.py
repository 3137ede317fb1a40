"""A/V sync in the deliverable, measured from the synthetic flash and beep; the measuring tool can fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorder.takes.deliverable import finish_take
from tests.helpers.avsync import measure_av_sync
from tests.helpers.takes import make_take

LIMIT_MS = 20.0


def test_in_sync_at_start_and_end_of_a_20_s_take(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=20.0, size=(640, 360))
    sync = measure_av_sync(finish_take(take).mp4_path)
    assert len(sync.offsets_ms) == 20
    assert abs(sync.start_offset_ms) <= LIMIT_MS and abs(sync.end_offset_ms) <= LIMIT_MS
    assert max(abs(o) for o in sync.offsets_ms) <= LIMIT_MS


@pytest.mark.slow
def test_in_sync_at_start_and_end_of_a_60_s_take(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=60.0, size=(640, 360))
    sync = measure_av_sync(finish_take(take).mp4_path)
    assert len(sync.offsets_ms) == 60
    assert abs(sync.start_offset_ms) <= LIMIT_MS and abs(sync.end_offset_ms) <= LIMIT_MS


@pytest.mark.parametrize("offset_ms", [80.0, -60.0])
def test_deliberately_offset_take_is_detected(tmp_path: Path, offset_ms: float) -> None:
    take = make_take(tmp_path, duration_s=4.0, size=(320, 180), audio_offset_ms=offset_ms)
    sync = measure_av_sync(finish_take(take).mp4_path)
    # The first beep of a negative offset falls before 0 and is lost; compare the pairs that exist.
    assert sync.offsets_ms
    assert all(o == pytest.approx(offset_ms, abs=3.0) for o in sync.offsets_ms)
    assert abs(sync.end_offset_ms) > LIMIT_MS
