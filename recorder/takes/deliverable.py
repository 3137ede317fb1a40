"""Finishes a take into deliverable.mp4 + poster.jpg: a video remux plus audio loudness work.

Pipeline (DESIGN.md "The deliverable"):

1. read the loudness measured while recording (EBU R128 integrated loudness, true peak: loudness.json, see
   :mod:`recorder.media.loudness_stream`), or measure the raw audio.pcm when a take has none (recovered);
2. plan a linear gain to -16 LUFS; when that would break the -1 dBTP limit, add a look-ahead limiter and
   re-measure the limited audio (still raw, still cheap) until it lands on the target;
3. encode the audio alone to AAC-LC 48 kHz 128 kb/s, padded/cut to the video's length; a linear gain lands
   where it is predicted, so only a limited one is measured again after AAC and, if AAC pushed it out of
   spec, redone with a corrected plan (rare) -- steps 2 and 3 are :mod:`recorder.takes.finish_audio`;
4. one ffmpeg run copies the live-encoded H.264 when it meets the spec (re-encoding only when it does not, or
   when a trim starts after the first frame) and the AAC into a ``+faststart`` MP4;
5. poster JPEG, sha256, atomic renames, journal ``finishing`` -> ``finished``.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recorder.media.loudness import measure_pcm, plan_gain
from recorder.media.probe import ProbeError, VideoInfo, probe_video
from recorder.media.run import CancelledError, FfmpegError, run_ffmpeg
from recorder.messages import CodedError, MessageCode, code_of, params_of
from recorder.takes.files import sha256_file
from recorder.takes.finish_audio import PcmSpan, check_cancel, prepare_audio
from recorder.takes.folder import TakeLock, TakeLockedError
from recorder.takes.journal import read_journal, update_journal

__all__ = ["CancelledError", "Deliverable", "FinishError", "finish_take"]

DELIVERABLE_NAME = "deliverable.mp4"
POSTER_NAME = "poster.jpg"
FPS = 30
#: Preset for the rare re-encodes (trim not starting at 0, or a live stream off spec): fast, still decent.
REENCODE_PRESET = "superfast"
#: A trim starting within half a frame of 0 keeps the copied video.
_START_EPSILON_S = 0.5 / FPS
_MIN_TRIMMED_S = 0.5
# Progress weights of the steps (sum 1).
_W_MEASURE, _W_AUDIO, _W_MUX = 0.1, 0.3, 0.5


class FinishError(CodedError, RuntimeError):
    """Finishing failed; the message is plain English and the take itself is untouched.

    ``message_code`` / ``message_params`` (see :mod:`recorder.messages`) let the UI translate it.
    """


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
        raise FinishError(str(exc), code=MessageCode.TAKE_IN_USE) from exc
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
        if isinstance(exc, FinishError):
            code = code_of(exc)
        elif isinstance(exc, OSError):
            code = MessageCode.FINISH_DISK_FULL if exc.errno == 28 else MessageCode.FINISH_FILE_ERROR
        else:
            code = MessageCode.FINISH_TOOL_FAILED
        raise FinishError(message, code=code, params=params_of(exc)) from exc
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
    fps = float((journal.get("video") or {}).get("fps") or FPS)
    frames = int(journal.get("frames_written") or 0)
    if frames == 0 and journal.get("state") == "failed":
        # Stopped before the camera's first picture: say so, not that ffmpeg found no stream in video.mkv.
        raise FinishError("The recording has no video frames.", code=MessageCode.TAKE_NO_VIDEO)
    info = probe_video(video_path)
    full_s = frames / fps if frames > 0 else (info.duration_s or 0.0)
    if full_s <= 0:
        raise FinishError("The recording has no video frames.", code=MessageCode.TAKE_NO_VIDEO)
    if not pcm_path.is_file():
        raise FinishError("The recording has no sound file.", code=MessageCode.TAKE_NO_SOUND)
    start_s, end_s = _clamp_trim(trim, full_s)
    # Whole frames only, so that audio is cut to exactly the video's length.
    duration_s = round((end_s - start_s) * FPS) / FPS
    reencode = not _meets_spec(info) or start_s > _START_EPSILON_S
    audio = journal.get("audio") or {}
    rate_hz = int(audio.get("rate_hz") or 48000)
    channels = int(audio.get("channels") or 1)
    timings["probe"] = time.perf_counter() - started
    check_cancel(cancel)

    t = time.perf_counter()
    # Measured while recording (loudness.json); a take without it (recovered after a crash) is measured now.
    from recorder.media.loudness_stream import read_steps  # numpy, libebur128: loaded by the first finish

    steps = read_steps(take_dir, pcm_path)
    if steps is not None:
        measured = steps.measure(start_s, duration_s)
    else:
        measured = measure_pcm(
            pcm_path, rate_hz=rate_hz, channels=channels, start_s=start_s, duration_s=duration_s
        )
        timings["measure_pcm"] = time.perf_counter() - t
    plan = plan_gain(measured)
    timings["measure"] = time.perf_counter() - t
    report(_W_MEASURE)
    check_cancel(cancel)

    notes = [plan.note] if plan.note else []
    partial_audio = partial_mp4.with_name("audio.partial.m4a")
    try:
        pcm = PcmSpan(pcm_path, rate_hz, channels, start_s, duration_s)
        audio = prepare_audio(
            pcm, partial_audio, plan, measured, cancel=cancel,
            report=lambda f: report(_W_MEASURE + _W_AUDIO * f), timings=timings,
        )  # fmt: skip
        if not audio.on_target:
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
    check_cancel(cancel)

    t = time.perf_counter()
    mp4_path = take_dir / DELIVERABLE_NAME
    poster_path = take_dir / POSTER_NAME
    partial_mp4.replace(mp4_path)
    partial_poster.replace(poster_path)
    digest = sha256_file(mp4_path)
    timings["hash"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - started
    return Deliverable(
        mp4_path=mp4_path,
        poster_path=poster_path,
        duration_s=duration_s,
        size_bytes=mp4_path.stat().st_size,
        sha256=digest,
        timings_s={k: round(v, 3) for k, v in timings.items()},
        loudness_lufs=audio.loudness.integrated_lufs,
        true_peak_dbtp=audio.loudness.true_peak_dbtp,
        gain_db=audio.plan.gain_db,
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
        raise FinishError("The part of the recording to keep is too short.", code=MessageCode.TRIM_TOO_SHORT)
    return start_s, end_s


#: Copied frames get their time on the 30 fps grid (frame n at n/30 s, each 1/30 s long). Matroska stores
#: milliseconds (33, 33, 34...), so a copied take's frame rate only averaged out to 30/1 over many frames: a
#: take of 1, 2 or 4 frames came out as 30.3 or 30.07 fps, and the intake server refused the submission.
_ON_THE_FRAME_GRID = f"setts=time_base=1/{FPS}:pts=round(PTS*TB*{FPS}):dts=round(DTS*TB*{FPS}):duration=1"


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
        args += ["-c:v", "copy", "-bsf:v", _ON_THE_FRAME_GRID]
    args += ["-t", f"{duration_s:.6f}", "-video_track_timescale", "15360", "-movflags", "+faststart"]
    args += ["-loglevel", "error", str(out)]
    run_ffmpeg(args, duration_s=duration_s, progress=progress, cancel=cancel, what="finish the recording")


def _poster(mp4: Path, out: Path, duration_s: float, cancel: threading.Event | None) -> None:
    """A representative frame: about a third in, mid-second (the synthetic flash sits on whole seconds)."""
    last = max(0, round(duration_s * FPS) - 1)
    frame = min(round((math.floor(duration_s / 3) + 0.5) * FPS), last)
    # Half a frame before it: the first frame at or after the seek point is that one, whatever the rounding
    # (a seek to the last frame's own time, rounded up, found no frame: a take of 0.1 s had no poster).
    at_s = max(0.0, (frame - 0.5) / FPS)
    args = ["-y", "-ss", f"{at_s:.6f}", "-i", str(mp4), "-frames:v", "1", "-q:v", "3", "-loglevel", "error"]
    run_ffmpeg([*args, str(out)], cancel=cancel, what="make the poster picture")


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _plain_os_error(exc: OSError) -> str:
    if exc.errno == 28:
        return "There is not enough free disk space to finish the recording."
    return "The recording could not be finished because a file could not be read or written."
