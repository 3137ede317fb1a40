"""Finishes a take into deliverable.mp4 + poster.jpg: a video remux plus audio loudness work.

Pipeline (DESIGN.md "The deliverable"):

1. measure the raw audio.pcm (EBU R128 integrated loudness, true peak): audio only, a fraction of a second;
2. plan a linear gain to -16 LUFS; when that would break the -1 dBTP limit, add a look-ahead limiter and
   re-measure the limited audio (still raw, still cheap) until it lands on the target;
3. encode the audio alone to AAC-LC 48 kHz 128 kb/s, padded/cut to the video's length, and measure the
   encoded result; if AAC pushed it out of spec, correct the plan and redo the audio (rare);
4. one ffmpeg run copies the live-encoded H.264 when it meets the spec (re-encoding only when it does not, or
   when a trim starts after the first frame) and the AAC into a ``+faststart`` MP4;
5. poster JPEG, sha256, atomic renames, journal ``finishing`` -> ``finished``.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recorder.media.loudness import (
    MAX_GAIN_DB,
    TARGET_LUFS,
    TARGET_TOLERANCE_LU,
    TRUE_PEAK_LIMIT_DBTP,
    GainPlan,
    Loudness,
    measure_file,
    measure_pcm,
    plan_gain,
)
from recorder.media.probe import ProbeError, VideoInfo, probe_video
from recorder.media.run import CancelledError, FfmpegError, run_ffmpeg
from recorder.takes.folder import TakeLock, TakeLockedError
from recorder.takes.journal import read_journal, update_journal

__all__ = ["CancelledError", "Deliverable", "FinishError", "finish_take"]

DELIVERABLE_NAME = "deliverable.mp4"
POSTER_NAME = "poster.jpg"
FPS = 30
AUDIO_BITRATE = "128k"
#: Preset for the rare re-encodes (trim not starting at 0, or a live stream off spec): fast, still decent.
REENCODE_PRESET = "superfast"
#: A trim starting within half a frame of 0 keeps the copied video.
_START_EPSILON_S = 0.5 / FPS
_MIN_TRIMMED_S = 0.5
_MAX_AUDIO_PASSES = 3
_MAX_LIMITER_STEPS = 4
_LIMITER_TOLERANCE_LU = 0.7
#: Until the slope is measured, assume the limiter keeps this share of extra gain as loudness (0.5-0.8).
_ASSUMED_LIMITER_SLOPE = 0.7
# Progress weights of the steps (sum 1).
_W_MEASURE, _W_AUDIO, _W_MUX = 0.1, 0.3, 0.5


class FinishError(RuntimeError):
    """Finishing failed; the message is plain English and the take itself is untouched."""


@dataclass(frozen=True)
class Deliverable:
    """A finished take (CONTRACTS.md section 4), plus what loudness work was done."""

    mp4_path: Path
    poster_path: Path
    duration_s: float
    size_bytes: int
    sha256: str
    timings_s: dict[str, float]
    loudness_lufs: float | None = None
    true_peak_dbtp: float | None = None
    gain_db: float = 0.0
    video_reencoded: bool = False
    notes: list[str] = field(default_factory=list)


def finish_take(
    take_dir: Path,
    *,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    trim: tuple[float, float] | None = None,
) -> Deliverable:
    """Builds deliverable.mp4 and poster.jpg for a stopped take.

    Args:
        take_dir: A take folder per CONTRACTS.md section 1.
        progress: Called with 0..1 from the calling thread as work advances.
        cancel: Set it to stop: ffmpeg is killed, partial files are removed, :class:`CancelledError` is raised
            and the journal goes back to its previous state.
        trim: Optional (start_s, end_s) of the take to keep.

    Returns:
        The finished deliverable.

    Raises:
        CancelledError: ``cancel`` was set.
        FinishError: The take cannot be finished (plain-English message); journal state becomes ``failed``.
    """
    lock = TakeLock(take_dir)
    try:
        lock.acquire()
    except TakeLockedError as exc:
        raise FinishError(str(exc)) from exc
    try:
        return _finish_locked(take_dir, progress, cancel, trim)
    finally:
        lock.release()


def _finish_locked(
    take_dir: Path,
    progress: Callable[[float], None] | None,
    cancel: threading.Event | None,
    trim: tuple[float, float] | None,
) -> Deliverable:
    report = progress or (lambda _fraction: None)
    journal = read_journal(take_dir)
    previous_state = journal.get("state", "stopped")
    update_journal(take_dir, state="finishing")
    partial_mp4 = take_dir / "deliverable.partial.mp4"
    partial_poster = take_dir / "poster.partial.jpg"
    try:
        result = _finish(take_dir, journal, report, cancel, trim, partial_mp4, partial_poster)
    except CancelledError:
        _remove(partial_mp4, partial_poster)
        update_journal(take_dir, state=previous_state if previous_state != "finishing" else "stopped")
        raise
    except (FfmpegError, ProbeError, FinishError, OSError) as exc:
        _remove(partial_mp4, partial_poster)
        message = (
            str(exc) if isinstance(exc, FfmpegError | ProbeError | FinishError) else _plain_os_error(exc)
        )
        update_journal(take_dir, state="failed", error=message)
        raise FinishError(message) from exc
    update_journal(
        take_dir,
        state="finished",
        error=None,
        finish={
            "gain_db": round(result.gain_db, 2),
            "loudness_lufs": result.loudness_lufs,
            "true_peak_dbtp": result.true_peak_dbtp,
            "video_reencoded": result.video_reencoded,
            "notes": result.notes,
        },
    )
    report(1.0)
    return result


def _finish(
    take_dir: Path,
    journal: dict[str, Any],
    report: Callable[[float], None],
    cancel: threading.Event | None,
    trim: tuple[float, float] | None,
    partial_mp4: Path,
    partial_poster: Path,
) -> Deliverable:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    video_path = take_dir / "video.mkv"
    pcm_path = take_dir / "audio.pcm"
    info = probe_video(video_path)
    fps = float((journal.get("video") or {}).get("fps") or FPS)
    frames = int(journal.get("frames_written") or 0)
    full_s = frames / fps if frames > 0 else (info.duration_s or 0.0)
    if full_s <= 0:
        raise FinishError("The recording has no video frames.")
    if not pcm_path.is_file():
        raise FinishError("The recording has no sound file.")
    start_s, end_s = _clamp_trim(trim, full_s)
    # Whole frames only, so that audio is cut to exactly the video's length.
    duration_s = round((end_s - start_s) * FPS) / FPS
    reencode = not _meets_spec(info) or start_s > _START_EPSILON_S
    audio = journal.get("audio") or {}
    rate_hz = int(audio.get("rate_hz") or 48000)
    channels = int(audio.get("channels") or 1)
    timings["probe"] = time.perf_counter() - started
    _check_cancel(cancel)

    t = time.perf_counter()
    measured = measure_pcm(
        pcm_path, rate_hz=rate_hz, channels=channels, start_s=start_s, duration_s=duration_s
    )
    plan = plan_gain(measured)
    timings["measure"] = time.perf_counter() - t
    report(_W_MEASURE)
    _check_cancel(cancel)

    notes = [plan.note] if plan.note else []
    partial_audio = partial_mp4.with_name("audio.partial.m4a")
    result_loudness = Loudness(None, None)
    try:
        # Loudness passes work on the audio alone (cheap); the video is touched once, afterwards.
        for attempt in range(_MAX_AUDIO_PASSES):
            t = time.perf_counter()
            plan = _converge_limited(plan, pcm_path, rate_hz=rate_hz, channels=channels, start_s=start_s,
                                     duration_s=duration_s)  # fmt: skip
            _check_cancel(cancel)
            _encode_audio(pcm_path, partial_audio, plan=plan, start_s=start_s, duration_s=duration_s,
                          rate_hz=rate_hz, channels=channels, cancel=cancel)  # fmt: skip
            result_loudness = measure_file(partial_audio)
            timings[f"audio{attempt}"] = time.perf_counter() - t
            report(_W_MEASURE + _W_AUDIO * (attempt + 1) / _MAX_AUDIO_PASSES)
            _check_cancel(cancel)
            corrected = _correct(plan, result_loudness)
            if corrected is None:
                break
            plan = corrected
        else:
            notes.append("The loudness could not be brought fully to the target.")
        report(_W_MEASURE + _W_AUDIO)
        t = time.perf_counter()
        _mux(
            video_path, partial_audio, partial_mp4, reencode=reencode, start_s=start_s, duration_s=duration_s,
            progress=lambda f: report(_W_MEASURE + _W_AUDIO + _W_MUX * f), cancel=cancel,
        )  # fmt: skip
        timings["mux"] = time.perf_counter() - t
    finally:
        partial_audio.unlink(missing_ok=True)

    t = time.perf_counter()
    _poster(partial_mp4, partial_poster, duration_s, cancel)
    timings["poster"] = time.perf_counter() - t
    _check_cancel(cancel)

    t = time.perf_counter()
    mp4_path = take_dir / DELIVERABLE_NAME
    poster_path = take_dir / POSTER_NAME
    partial_mp4.replace(mp4_path)
    partial_poster.replace(poster_path)
    digest = _sha256(mp4_path)
    timings["hash"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - started
    return Deliverable(
        mp4_path=mp4_path,
        poster_path=poster_path,
        duration_s=duration_s,
        size_bytes=mp4_path.stat().st_size,
        sha256=digest,
        timings_s={k: round(v, 3) for k, v in timings.items()},
        loudness_lufs=result_loudness.integrated_lufs,
        true_peak_dbtp=result_loudness.true_peak_dbtp,
        gain_db=plan.gain_db,
        video_reencoded=reencode,
        notes=notes,
    )


def _meets_spec(info: VideoInfo) -> bool:
    """True when the live-encoded stream can be copied as it is."""
    return (
        info.codec == "h264"
        and (info.profile or "").startswith("High")
        and info.pix_fmt == "yuv420p"
        and info.fps is not None
        and abs(info.fps - FPS) < 0.01
    )


def _clamp_trim(trim: tuple[float, float] | None, full_s: float) -> tuple[float, float]:
    if trim is None:
        return 0.0, full_s
    start_s = min(max(0.0, float(trim[0])), full_s)
    end_s = min(max(start_s, float(trim[1])), full_s)
    if end_s - start_s < _MIN_TRIMMED_S:
        raise FinishError("The part of the recording to keep is too short.")
    return start_s, end_s


def _encode_audio(
    pcm_path: Path,
    out: Path,
    *,
    plan: GainPlan,
    start_s: float,
    duration_s: float,
    rate_hz: int,
    channels: int,
    cancel: threading.Event | None,
) -> None:
    """Gain (and limiter), pad/cut to the video's length, AAC-LC 48 kHz 128 kb/s into an .m4a."""
    seek = ["-ss", f"{start_s:.6f}"] if start_s > 0 else []
    args = ["-y", "-f", "s16le", "-ar", str(rate_hz), "-ac", str(channels), *seek, "-i", str(pcm_path)]
    # Pad then cut the audio to the video's length: both streams start at 0 and end together.
    audio_filter = f"{plan.audio_filter()},apad=whole_dur={duration_s:.6f},atrim=end={duration_s:.6f}"
    args += ["-af", audio_filter, "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ar", "48000", "-loglevel", "error"]
    run_ffmpeg([*args, str(out)], cancel=cancel, what="prepare the sound")


def _mux(
    video_path: Path,
    audio_path: Path,
    out: Path,
    *,
    reencode: bool,
    start_s: float,
    duration_s: float,
    progress: Callable[[float], None],
    cancel: threading.Event | None,
) -> None:
    """Copies (or re-encodes) the video and copies the prepared AAC into a +faststart MP4."""
    seek = ["-ss", f"{start_s:.6f}"] if start_s > 0 else []
    # "-r 30" on the input makes the copied stream's rate exactly 30/1 (Matroska stores millisecond stamps).
    args = ["-y", "-r", str(FPS), *seek, "-i", str(video_path), "-i", str(audio_path)]
    args += ["-map", "0:v:0", "-map", "1:a:0", "-c:a", "copy"]
    if reencode:
        args += [
            "-c:v", "libx264", "-preset", REENCODE_PRESET, "-crf", "20", "-profile:v", "high",
            "-pix_fmt", "yuv420p", "-r", str(FPS), "-g", str(2 * FPS),
        ]  # fmt: skip
    else:
        args += ["-c:v", "copy"]
    args += ["-t", f"{duration_s:.6f}", "-video_track_timescale", "15360", "-movflags", "+faststart"]
    args += ["-loglevel", "error", str(out)]
    run_ffmpeg(args, duration_s=duration_s, progress=progress, cancel=cancel, what="finish the recording")


def _correct(plan: GainPlan, result: Loudness) -> GainPlan | None:
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


def _converge_limited(
    plan: GainPlan, pcm_path: Path, *, rate_hz: int, channels: int, start_s: float, duration_s: float
) -> GainPlan:
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
            pcm_path, rate_hz=rate_hz, channels=channels, start_s=start_s, duration_s=duration_s,
            audio_filter=plan.audio_filter(), true_peak=False,
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


def _poster(mp4: Path, out: Path, duration_s: float, cancel: threading.Event | None) -> None:
    """A representative frame: about a third in, mid-second (the synthetic flash sits on whole seconds)."""
    at_s = min(max(0.0, math.floor(duration_s / 3) + 0.5), max(0.0, duration_s - 1.0 / FPS))
    args = ["-y", "-ss", f"{at_s:.3f}", "-i", str(mp4), "-frames:v", "1", "-q:v", "3", "-loglevel", "error"]
    run_ffmpeg([*args, str(out)], cancel=cancel, what="make the poster picture")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _plain_os_error(exc: OSError) -> str:
    if exc.errno == 28:
        return "There is not enough free disk space to finish the recording."
    return "The recording could not be finished because a file could not be read or written."
