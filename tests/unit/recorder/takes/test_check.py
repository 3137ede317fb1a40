"""check_take: streams, silence, short, lost frames, clipping, length mismatch, A/V offset; check.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recorder.takes import check
from recorder.takes.check import check_take
from recorder.takes.journal import update_journal
from recorder.takes.status import REASON_TIME_LIMIT
from tests.helpers.takes import make_take

SMALL = (320, 180)


def test_good_take_has_no_problems_and_writes_check_json(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=3.5, size=SMALL)
    result = check_take(take)
    assert result.problems == []
    assert result.has_video and result.has_audio and not result.audio_silent
    assert result.duration_s == pytest.approx(3.5, abs=0.04)
    assert result.audio_peak_dbfs is not None and -6 < result.audio_peak_dbfs < -3
    assert result.av_offset_ms is None  # the test take journals no capture timestamps
    on_disk = json.loads((take / "check.json").read_text())
    assert on_disk["problems"] == [] and on_disk["duration_s"] == result.duration_s


def test_silent_audio_is_reported(tmp_path: Path) -> None:
    result = check_take(make_take(tmp_path, duration_s=3.5, size=SMALL, audio="silent"))
    assert result.audio_silent
    assert check.PROBLEM_SILENT in result.problems


def test_short_take_is_reported(tmp_path: Path) -> None:
    result = check_take(make_take(tmp_path, duration_s=2.0, size=SMALL))
    assert result.problems == [check.PROBLEM_SHORT]


def test_lost_frames_are_reported(tmp_path: Path) -> None:
    result = check_take(
        make_take(tmp_path, duration_s=3.5, size=SMALL, frames_dropped=3, frames_duplicated=2)
    )
    assert (result.frames_dropped, result.frames_duplicated) == (3, 2)
    assert check.PROBLEM_JERKY in result.problems


def test_clipped_audio_is_reported(tmp_path: Path) -> None:
    result = check_take(make_take(tmp_path, duration_s=3.5, size=SMALL, audio="loud"))
    assert check.PROBLEM_CLIPPED in result.problems


def test_missing_audio_and_length_mismatch(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=3.5, size=SMALL, audio_duration_s=1.0)
    assert check.PROBLEM_LENGTHS in check_take(take).problems
    (take / "audio.pcm").unlink()
    result = check_take(take)
    assert not result.has_audio
    assert check.PROBLEM_NO_AUDIO in result.problems


def test_missing_video_is_reported(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=3.5, size=SMALL)
    (take / "video.mkv").unlink()
    result = check_take(take)
    assert not result.has_video
    assert check.PROBLEM_NO_VIDEO in result.problems


def test_av_offset_from_journal_timestamps(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=3.5, size=SMALL)
    journal = json.loads((take / "journal.json").read_text())
    journal.update(video_t0_ns=1_000_000_000, audio_t0_ns=1_065_000_000)
    (take / "journal.json").write_text(json.dumps(journal))
    result = check_take(take)
    assert result.av_offset_ms == pytest.approx(65.0)
    assert check.PROBLEM_SYNC in result.problems


def test_why_a_take_ended_by_itself_is_the_first_problem(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=3.5, size=SMALL)
    reason = "The camera stopped working. Check it is still plugged in, then try again."
    update_journal(take, stop_reason=reason)
    assert check_take(take).problems[0] == reason


def test_reaching_the_time_limit_is_no_problem(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=3.5, size=SMALL)
    update_journal(take, stop_reason=REASON_TIME_LIMIT)
    assert check_take(take).problems == []
