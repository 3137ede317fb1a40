"""Loudness measurement (ebur128) and the gain plan: target, cap for quiet takes, limiter when needed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.loudness import MAX_GAIN_DB, Loudness, measure_pcm, parse_ebur128, plan_gain


def _sine_pcm(path: Path, amplitude: float, duration_s: float = 3.0) -> Path:
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi",
         "-i", f"aevalsrc=exprs='{amplitude}*sin(2*PI*1000*t)':s=48000:d={duration_s}",
         "-f", "s16le", str(path)],
        check=True,
    )  # fmt: skip
    return path


def test_measures_a_known_sine(tmp_path: Path) -> None:
    # A 1 kHz sine at -20 dBFS peak reads about -20 LUFS (K-weighting is ~+0.7 dB at 1 kHz, mono -3 dB).
    loudness = measure_pcm(_sine_pcm(tmp_path / "a.pcm", 0.1), rate_hz=48000, channels=1)
    assert loudness.integrated_lufs == pytest.approx(-22.3, abs=1.0)
    assert loudness.true_peak_dbtp == pytest.approx(-20.0, abs=0.5)


def test_digital_silence_is_reported_as_silent(tmp_path: Path) -> None:
    loudness = measure_pcm(_sine_pcm(tmp_path / "a.pcm", 0.0), rate_hz=48000, channels=1)
    assert loudness.silent
    assert loudness.true_peak_dbtp is None


def test_parse_summary_with_minus_infinity() -> None:
    text = "Summary:\n  Integrated loudness:\n    I:   -70.0 LUFS\n  True peak:\n    Peak:   -inf dBFS\n"
    assert parse_ebur128(text) == Loudness(-70.0, None)


def test_plan_linear_gain_when_peaks_allow() -> None:
    plan = plan_gain(Loudness(-26.0, -14.0))
    assert plan.gain_db == pytest.approx(10.0)
    assert plan.limit_dbtp is None
    assert "alimiter" not in plan.audio_filter()


def test_plan_adds_limiter_when_gain_would_break_true_peak() -> None:
    plan = plan_gain(Loudness(-26.0, -3.0))
    assert plan.limit_dbtp is not None and plan.limit_dbtp < -1.0
    assert "alimiter" in plan.audio_filter() and "latency=true" in plan.audio_filter()


def test_plan_caps_gain_for_very_quiet_audio() -> None:
    plan = plan_gain(Loudness(-55.0, -40.0))
    assert plan.gain_db == MAX_GAIN_DB
    assert plan.note is not None and "quiet" in plan.note


def test_plan_leaves_silence_alone() -> None:
    plan = plan_gain(Loudness(None, None))
    assert plan.gain_db == 0.0
    assert plan.note is not None and "silent" in plan.note
