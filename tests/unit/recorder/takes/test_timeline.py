"""CfrTimeline places capture timestamps on the 30 fps grid, counting duplicates and drops."""

from __future__ import annotations

import pytest

from recorder.takes.timeline import CfrTimeline

NS = 1_000_000_000
PERIOD = NS / 30
T0 = 5 * NS


def at(slot: float) -> int:
    """Clock time of (fractional) slot ``slot``."""
    return T0 + round(slot * PERIOD)


def test_a_steady_camera_fills_every_slot_once() -> None:
    timeline = CfrTimeline(30, T0)
    placements = [timeline.place(at(k)) for k in range(90)]
    assert all(p.write and p.repeat_previous == 0 for p in placements)
    assert [p.slot for p in placements] == list(range(90))
    assert (timeline.frames_written, timeline.frames_duplicated, timeline.frames_dropped) == (90, 0, 0)


def test_jitter_under_half_a_frame_changes_nothing() -> None:
    timeline = CfrTimeline(30, T0)
    jitter = [0.0, 0.4, -0.3, 0.45, -0.45, 0.2]
    placements = [timeline.place(at(k + jitter[k % len(jitter)])) for k in range(60)]
    assert all(p.write and p.repeat_previous == 0 for p in placements)
    assert all(abs(p.offset_ns) <= PERIOD / 2 for p in placements)
    assert timeline.frames_duplicated == timeline.frames_dropped == 0


def test_a_late_camera_repeats_the_previous_frame_in_the_gap() -> None:
    timeline = CfrTimeline(30, T0)
    for k in range(10):
        timeline.place(at(k))
    late = timeline.place(at(15))  # slots 10..14 had no picture
    assert (late.repeat_previous, late.write, late.slot) == (5, True, 15)
    assert (timeline.frames_written, timeline.frames_duplicated) == (16, 5)


def test_an_early_frame_whose_slot_is_taken_is_dropped() -> None:
    timeline = CfrTimeline(30, T0)
    timeline.place(at(0))
    timeline.place(at(1))
    early = timeline.place(at(1.3))  # rounds to slot 1 again
    assert not early.write and early.slot == 1
    assert (timeline.frames_written, timeline.frames_dropped) == (2, 1)


def test_a_camera_at_60_fps_keeps_every_other_frame() -> None:
    timeline = CfrTimeline(30, T0)
    for k in range(120):
        timeline.place(at(k / 2))
    # Two frames per slot: one of each pair is written, the other dropped; nothing is repeated.
    assert timeline.frames_written in (60, 61)
    assert timeline.frames_written + timeline.frames_dropped == 120
    assert timeline.frames_duplicated == 0


def test_a_camera_at_15_fps_duplicates_every_other_slot() -> None:
    timeline = CfrTimeline(30, T0)
    for k in range(30):
        timeline.place(at(2 * k))
    assert (timeline.frames_written, timeline.frames_duplicated) == (59, 29)


def test_the_time_limit_caps_the_slots_and_a_frame_past_it_is_dropped() -> None:
    timeline = CfrTimeline(30, T0, max_frames=30)
    for k in range(29):
        timeline.place(at(k))
    assert not timeline.full
    last = timeline.place(at(29))
    assert last.write and timeline.full
    after = timeline.place(at(30))
    assert not after.write and timeline.frames_written == 30


def test_a_gap_running_into_the_time_limit_fills_up_to_it_only() -> None:
    timeline = CfrTimeline(30, T0, max_frames=10)
    timeline.place(at(0))
    late = timeline.place(at(20))
    assert late.repeat_previous == 9 and not late.write
    assert (timeline.frames_written, timeline.frames_duplicated, timeline.frames_dropped) == (10, 9, 1)


def test_frames_before_media_time_zero_are_dropped() -> None:
    timeline = CfrTimeline(30, T0)
    before = timeline.place(at(-2))
    assert not before.write and timeline.frames_dropped == 1 and timeline.frames_written == 0


def test_fill_until_extends_a_stalled_picture_to_stop_time() -> None:
    timeline = CfrTimeline(30, T0)
    assert timeline.fill_until(at(10)) == 0  # nothing to repeat before the first frame
    for k in range(5):
        timeline.place(at(k))
    assert timeline.fill_until(at(9.5)) == 4  # slots 5..8 have fully started by 9.5
    assert timeline.frames_written == 9 and timeline.frames_duplicated == 4


def test_slot_times_follow_the_rate_exactly() -> None:
    timeline = CfrTimeline(30, T0)
    assert timeline.slot_time_ns(30) == T0 + NS
    assert timeline.slot_time_ns(1) - T0 == 33_333_333


def test_a_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        CfrTimeline(0, T0)
