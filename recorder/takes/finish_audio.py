"""The deliverable's sound: brought to -16 LUFS within the -1 dBTP limit, then encoded to AAC-LC.

Loudness passes work on the raw audio.pcm alone (a fraction of a second each), never on the video:

1. a linear gain plan (:func:`recorder.media.loudness.plan_gain`); when it would break the true-peak
   limit a look-ahead limiter is added and the limited sound is measured again until it lands on the
   target (:func:`converge_limited`, secant steps on the measured slope);
2. the sound is encoded to AAC-LC 48 kHz 128 kb/s, padded or cut to the video's length. A linear gain
   needs nothing more: it moves the loudness and true peak measured while recording by exactly the gain,
   and the -1.5 dB margin under the limit covers AAC's overshoot (measured on the result in the tests and
   the benchmark). A limited sound's encoded result is measured; if AAC pushed it out of spec, the plan is
   corrected (:func:`correct_plan`) and the sound encoded again (rare, at most :data:`MAX_AUDIO_PASSES`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from recorder.media.loudness import (
    MAX_GAIN_DB,
    TARGET_LUFS,
    TARGET_TOLERANCE_LU,
    TRUE_PEAK_LIMIT_DBTP,
    GainPlan,
    Loudness,
    measure_file,
    measure_pcm,
)
from recorder.media.run import CancelledError, run_ffmpeg

AUDIO_BITRATE = "128k"
MAX_AUDIO_PASSES = 3
_MAX_LIMITER_STEPS = 4
_LIMITER_TOLERANCE_LU = 0.7
#: Until the slope is measured, assume the limiter keeps this share of extra gain as loudness (0.5-0.8).
_ASSUMED_LIMITER_SLOPE = 0.7


@dataclass(frozen=True)
class PreparedAudio:
    """The encoded sound and how it got there.

    Attributes:
        plan: the gain (and limiter) used for the encoded file.
        loudness: the encoded file's measured loudness and true peak.
        on_target: False when the passes ran out before the loudness reached the target.
    """

    plan: GainPlan
    loudness: Loudness
    on_target: bool


@dataclass(frozen=True)
class PcmSpan:
    """The part of a take's audio.pcm to use: its format and the kept span."""

    path: Path
    rate_hz: int
    channels: int
    start_s: float
    duration_s: float


def check_cancel(cancel: threading.Event | None) -> None:
    """Raises :class:`CancelledError` when ``cancel`` is set."""
    if cancel is not None and cancel.is_set():
        raise CancelledError


def prepare_audio(
    pcm: PcmSpan,
    out: Path,
    plan: GainPlan,
    measured: Loudness,
    *,
    cancel: threading.Event | None,
    report: Callable[[float], None],
    timings: dict[str, float],
) -> PreparedAudio:
    """Encodes ``pcm`` into ``out`` (.m4a) at the loudness target, starting from ``plan``.

    Args:
        pcm: the raw audio and the span to keep.
        out: the AAC file to write.
        plan: the first gain plan (from the raw audio's measurement).
        measured: that measurement (the loudness of a linear gain's result is predicted from it).
        cancel: stops ffmpeg between and inside the passes.
        report: progress 0..1 over the passes.
        timings: gets ``audio<n>`` seconds per pass.

    Raises:
        CancelledError: ``cancel`` was set.
        FfmpegError: ffmpeg failed (plain English).
    """
    loudness = Loudness(None, None)
    for attempt in range(MAX_AUDIO_PASSES):
        started = time.perf_counter()
        plan = converge_limited(plan, pcm)
        check_cancel(cancel)
        _encode_audio(pcm, out, plan=plan, cancel=cancel)
        if plan.limit_dbtp is None:
            timings[f"audio{attempt}"] = time.perf_counter() - started
            report(1.0)
            return PreparedAudio(plan, _after_gain(measured, plan.gain_db), on_target=True)
        loudness = measure_file(out)
        timings[f"audio{attempt}"] = time.perf_counter() - started
        report((attempt + 1) / MAX_AUDIO_PASSES)
        check_cancel(cancel)
        corrected = correct_plan(plan, loudness)
        if corrected is None:
            return PreparedAudio(plan, loudness, on_target=True)
        plan = corrected
    return PreparedAudio(plan, loudness, on_target=False)


def _after_gain(measured: Loudness, gain_db: float) -> Loudness:
    """The loudness and true peak of ``measured`` raised by a linear ``gain_db``."""
    lufs, peak = measured.integrated_lufs, measured.true_peak_dbtp
    return Loudness(
        None if lufs is None else round(lufs + gain_db, 2), None if peak is None else round(peak + gain_db, 2)
    )


def _encode_audio(pcm: PcmSpan, out: Path, *, plan: GainPlan, cancel: threading.Event | None) -> None:
    """Gain (and limiter), pad/cut to the video's length, AAC-LC 48 kHz 128 kb/s into an .m4a."""
    seek = ["-ss", f"{pcm.start_s:.6f}"] if pcm.start_s > 0 else []
    args = ["-y", "-f", "s16le", "-ar", str(pcm.rate_hz), "-ac", str(pcm.channels), *seek]
    args += ["-i", str(pcm.path)]
    # Pad then cut the audio to the video's length: both streams start at 0 and end together.
    duration_s = pcm.duration_s
    audio_filter = f"{plan.audio_filter()},apad=whole_dur={duration_s:.6f},atrim=end={duration_s:.6f}"
    args += ["-af", audio_filter, "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ar", "48000", "-loglevel", "error"]
    run_ffmpeg([*args, str(out)], cancel=cancel, what="prepare the sound")


def correct_plan(plan: GainPlan, result: Loudness) -> GainPlan | None:
    """A better plan when the encoded result missed the target, or None when it is within spec."""
    if result.integrated_lufs is None or (plan.gain_db == 0.0 and plan.note):
        return None  # silent, nothing to correct
    error_lu = TARGET_LUFS - result.integrated_lufs
    peak = result.true_peak_dbtp if result.true_peak_dbtp is not None else -math.inf
    loud_ok = abs(error_lu) <= TARGET_TOLERANCE_LU * 0.8 or plan.note is not None
    peak_ok = peak <= TRUE_PEAK_LIMIT_DBTP - 0.1
    if loud_ok and peak_ok:
        return None
    limit = plan.limit_dbtp
    if not peak_ok:
        base = limit if limit is not None else TRUE_PEAK_LIMIT_DBTP - 1.5
        limit = base - (peak - TRUE_PEAK_LIMIT_DBTP) - 0.3
    gain_db = min(plan.gain_db + (error_lu if not loud_ok else 0.0), MAX_GAIN_DB)
    return GainPlan(gain_db, limit, plan.note)


def converge_limited(plan: GainPlan, pcm: PcmSpan) -> GainPlan:
    """Raises the gain into a limiter until the limited sound reaches the target (measured before AAC).

    A linear gain lands where it is predicted; a limiter takes loudness away in proportion to how hard it
    works, so that case is measured on raw audio (cheap, loudness only) and corrected by the secant method
    (usually two or three measurements).
    """
    points: list[tuple[float, float]] = []  # (gain_db, measured LUFS)
    for _ in range(_MAX_LIMITER_STEPS):
        if plan.limit_dbtp is None or plan.note is not None:
            return plan
        measured = measure_pcm(
            pcm.path, rate_hz=pcm.rate_hz, channels=pcm.channels, start_s=pcm.start_s,
            duration_s=pcm.duration_s, audio_filter=plan.audio_filter(), true_peak=False,
        )  # fmt: skip
        if measured.integrated_lufs is None:
            return plan
        points.append((plan.gain_db, measured.integrated_lufs))
        error_lu = TARGET_LUFS - measured.integrated_lufs
        if abs(error_lu) <= _LIMITER_TOLERANCE_LU:
            return plan
        step_db = error_lu / _ASSUMED_LIMITER_SLOPE
        if len(points) >= 2:
            (g0, l0), (g1, l1) = points[-2], points[-1]
            slope = (l1 - l0) / (g1 - g0) if g1 != g0 else 0.0
            if slope > 0.05:  # more gain still buys loudness; aim along the measured slope
                step_db = error_lu / slope
        step_db = max(-6.0, min(6.0, step_db))
        plan = GainPlan(min(plan.gain_db + step_db, MAX_GAIN_DB), plan.limit_dbtp, plan.note)
    return plan
