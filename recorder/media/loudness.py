"""Measures EBU R128 loudness and true peak (ffmpeg's ebur128) and plans the gain to reach a target.

Why not two-pass ``loudnorm``: with measured values it still falls back to dynamic mode whenever the
linear gain would push the true peak over its limit, and then overshoots that limit. A linear gain plus a
look-ahead limiter, verified by measuring the encoded result, is predictable and cheap on audio alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from recorder.media.run import run_ffmpeg

TARGET_LUFS = -16.0
TARGET_TOLERANCE_LU = 1.0
TRUE_PEAK_LIMIT_DBTP = -1.0
#: Never amplify by more than this: a near-silent take would otherwise become loud hiss.
MAX_GAIN_DB = 30.0
#: Below this integrated loudness (or with no gated blocks at all) a take is treated as silent.
SILENT_LUFS = -60.0
#: Head-room kept under the true-peak limit, because AAC encoding adds a few tenths of a dB of overshoot.
_CODEC_MARGIN_DB = 1.5

_I_RE = re.compile(r"I:\s+(?P<v>-?[\d.]+|-?inf|nan) LUFS")
_PEAK_RE = re.compile(r"Peak:\s+(?P<v>-?[\d.]+|-?inf|nan) dBFS")


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness (None when silent) and true peak (None when digital silence)."""

    integrated_lufs: float | None
    true_peak_dbtp: float | None

    @property
    def silent(self) -> bool:
        """True when there is nothing loud enough to normalise."""
        return self.integrated_lufs is None or self.integrated_lufs < SILENT_LUFS


@dataclass(frozen=True)
class GainPlan:
    """How to bring a take to the target: a linear gain, optionally followed by a true-peak limiter."""

    gain_db: float
    limit_dbtp: float | None
    note: str | None

    def audio_filter(self) -> str:
        """The ffmpeg audio filter chain for this plan."""
        chain = [f"volume={self.gain_db:.2f}dB"]
        if self.limit_dbtp is not None:
            limit = 10 ** (self.limit_dbtp / 20)
            # A sample-peak limiter at 48 kHz, set 1.5 dB under the true-peak limit: inter-sample peaks of
            # voice and AAC's overshoot fit in that margin, and the encoded result is measured anyway.
            # (Oversampling 4x cost twice the time for the same result.) The slow attack/release avoid
            # the distortion that AAC turns into overshoot (5 ms attack: +4 dB over the limit);
            # latency=true removes the look-ahead delay, which would otherwise put the sound 20 ms late.
            chain.append(f"alimiter=limit={limit:.4f}:attack=20:release=200:level=false:latency=true")
        return ",".join(chain)


def parse_ebur128(stderr: str) -> Loudness:
    """Reads the summary the ebur128 filter prints at the end of a run."""
    summary = stderr[stderr.rfind("Summary:") :] if "Summary:" in stderr else stderr
    i_match = _I_RE.search(summary)
    p_match = _PEAK_RE.search(summary)
    return Loudness(_finite(i_match["v"]) if i_match else None, _finite(p_match["v"]) if p_match else None)


def measure_pcm(
    pcm_path: Path,
    *,
    rate_hz: int,
    channels: int,
    start_s: float = 0.0,
    duration_s: float | None = None,
    audio_filter: str | None = None,
    true_peak: bool = True,
) -> Loudness:
    """Measures raw s16le audio (fast: audio only, no video decode), optionally after ``audio_filter``.

    ``true_peak=False`` skips the 4x-oversampled peak scan (about half the cost) when only loudness matters.
    """
    args = ["-f", "s16le", "-ar", str(rate_hz), "-ac", str(channels)]
    if start_s > 0:
        args += ["-ss", f"{start_s:.6f}"]
    args += ["-i", str(pcm_path)]
    if duration_s is not None:
        args += ["-t", f"{duration_s:.6f}"]
    return _measure(args, audio_filter, true_peak)


def measure_file(path: Path) -> Loudness:
    """Measures the first audio stream of a media file (e.g. the finished deliverable)."""
    return _measure(["-i", str(path), "-map", "0:a:0"])


def plan_gain(
    measured: Loudness,
    *,
    target_lufs: float = TARGET_LUFS,
    true_peak_limit_dbtp: float = TRUE_PEAK_LIMIT_DBTP,
    max_gain_db: float = MAX_GAIN_DB,
) -> GainPlan:
    """Chooses a gain (and a limiter when needed) that should land on ``target_lufs`` under the peak limit."""
    if measured.silent or measured.integrated_lufs is None:
        return GainPlan(0.0, None, "The sound is (nearly) silent, so it was left as it is.")
    gain_db = target_lufs - measured.integrated_lufs
    note = None
    if gain_db > max_gain_db:
        gain_db = max_gain_db
        note = (
            f"The sound is very quiet; it was raised by {max_gain_db:.0f} dB at most "
            "and is still quieter than usual."
        )
    ceiling = true_peak_limit_dbtp - _CODEC_MARGIN_DB
    peak = measured.true_peak_dbtp if measured.true_peak_dbtp is not None else -math.inf
    limit = ceiling if peak + gain_db > ceiling else None
    return GainPlan(gain_db, limit, note)


def _measure(input_args: list[str], audio_filter: str | None = None, true_peak: bool = True) -> Loudness:
    chain = f"{audio_filter}," if audio_filter else ""
    peak = "true" if true_peak else "none"
    # framelog=-8 is AV_LOG_QUIET as a number: ffmpeg 6 and later name it "quiet" and log no per-frame lines;
    # Debian 12's ffmpeg 5.1 (which the Linux package uses) has no such name, accepts the number and still
    # logs them, which costs nothing here (only the summary at the end is read).
    result = run_ffmpeg(
        [*input_args, "-af", f"{chain}ebur128=peak={peak}:framelog=-8", "-f", "null", "-"],
        what="measure the loudness",
    )
    return parse_ebur128(result.stderr)


def _finite(text: str) -> float | None:
    value = float(text)
    return value if math.isfinite(value) else None
