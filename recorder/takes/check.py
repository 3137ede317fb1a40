"""The take check after Stop: duration, streams, silence, lost frames, A/V offset, plain-English problems.

Fast by design (well under 0.5 s for a 60 s take): it reads the journal and analyses audio.pcm with numpy;
it never decodes the video.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from recorder.takes.files import write_json_atomic
from recorder.takes.journal import read_journal
from recorder.takes.status import EXPECTED_REASONS

CHECK_NAME = "check.json"
MIN_DURATION_S = 3.0
#: Peak below this (dBFS) means nobody was heard: a muted or unplugged microphone gives about -90.
SILENT_PEAK_DBFS = -45.0
#: More than this share of samples at full scale means the voice was clipped.
CLIPPED_SHARE = 0.001
#: More than this share of duplicated + dropped frames makes the picture visibly jerky.
LOST_FRAMES_SHARE = 0.02
#: Sound and picture lengths differing by more than this point at a device that stopped delivering.
LENGTH_MISMATCH_S = 0.5
AV_OFFSET_LIMIT_MS = 40.0

PROBLEM_NO_VIDEO = (
    "We didn't get any picture from the camera. Check it is connected and not used by another app."
)
PROBLEM_NO_AUDIO = "We didn't get any sound from the microphone. Check it is connected."
PROBLEM_SILENT = "We couldn't hear you. Check your microphone is not muted."
PROBLEM_SHORT = "The recording is shorter than 3 seconds."
PROBLEM_JERKY = "Some video frames were lost; the video may look jerky."
PROBLEM_CLIPPED = (
    "Your voice was too loud for the microphone and may sound distorted. Try moving back a little."
)
PROBLEM_LENGTHS = (
    "The sound and the picture stopped at different times. Please check the recording before sending."
)
PROBLEM_SYNC = "The sound may not match the lips exactly."


@dataclass(frozen=True)
class TakeCheck:
    """Result of :func:`check_take`; written to check.json with the same field names."""

    duration_s: float
    has_video: bool
    has_audio: bool
    audio_silent: bool
    audio_peak_dbfs: float | None
    audio_rms_dbfs: float | None
    frames_duplicated: int
    frames_dropped: int
    av_offset_ms: float | None
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The check.json object."""
        return asdict(self)


def check_take(take_dir: Path) -> TakeCheck:
    """Checks a stopped take and writes ``check.json`` next to its journal.

    Args:
        take_dir: A take folder per CONTRACTS.md section 1.

    Returns:
        The check, with ``problems`` in plain English for the UI (empty when all is well).
    """
    journal = read_journal(take_dir)
    video = journal.get("video") or {}
    audio = journal.get("audio") or {}
    fps = float(video.get("fps") or 30.0)
    frames_written = int(journal.get("frames_written") or 0)
    duplicated = int(journal.get("frames_duplicated") or 0)
    dropped = int(journal.get("frames_dropped") or 0)
    video_path = take_dir / "video.mkv"
    has_video = frames_written > 0 and video_path.is_file() and video_path.stat().st_size > 0
    video_s = frames_written / fps if has_video else 0.0

    rate_hz = int(audio.get("rate_hz") or 48000)
    channels = int(audio.get("channels") or 1)
    samples = _read_pcm(take_dir / "audio.pcm", channels)
    has_audio = samples.size > 0
    audio_s = samples.shape[0] / rate_hz if has_audio else 0.0
    peak_dbfs, rms_dbfs, clipped_share = _levels(samples)
    audio_silent = has_audio and (peak_dbfs is None or peak_dbfs < SILENT_PEAK_DBFS)

    duration_s = video_s if has_video else audio_s
    av_offset_ms = _av_offset_ms(journal)
    problems: list[str] = []
    if not has_video:
        problems.append(PROBLEM_NO_VIDEO)
    if not has_audio:
        problems.append(PROBLEM_NO_AUDIO)
    elif audio_silent:
        problems.append(PROBLEM_SILENT)
    elif clipped_share > CLIPPED_SHARE:
        problems.append(PROBLEM_CLIPPED)
    if duration_s < MIN_DURATION_S:
        problems.append(PROBLEM_SHORT)
    total_frames = max(1, frames_written)
    if (duplicated + dropped) / total_frames > LOST_FRAMES_SHARE:
        problems.append(PROBLEM_JERKY)
    if has_video and has_audio and abs(video_s - audio_s) > LENGTH_MISMATCH_S:
        problems.append(PROBLEM_LENGTHS)
    if av_offset_ms is not None and abs(av_offset_ms) > AV_OFFSET_LIMIT_MS:
        problems.append(PROBLEM_SYNC)
    # A take that ended by itself (camera unplugged, disk full, recovered after a crash) says why, first.
    reason = journal.get("stop_reason")
    if isinstance(reason, str) and reason and reason not in EXPECTED_REASONS:
        problems.insert(0, reason)

    check = TakeCheck(
        duration_s=round(duration_s, 3),
        has_video=has_video,
        has_audio=has_audio,
        audio_silent=audio_silent,
        audio_peak_dbfs=peak_dbfs,
        audio_rms_dbfs=rms_dbfs,
        frames_duplicated=duplicated,
        frames_dropped=dropped,
        av_offset_ms=av_offset_ms,
        problems=problems,
    )
    write_json_atomic(take_dir / CHECK_NAME, check.to_json())
    return check


def _read_pcm(path: Path, channels: int) -> np.ndarray[Any, np.dtype[np.int16]]:
    """Maps audio.pcm as (samples, channels) int16, ignoring a torn last frame after a crash."""
    if not path.is_file():
        return np.zeros((0, channels), dtype=np.int16)
    frame_bytes = 2 * channels
    n_frames = path.stat().st_size // frame_bytes
    if n_frames == 0:
        return np.zeros((0, channels), dtype=np.int16)
    data = np.memmap(path, dtype="<i2", mode="r", shape=(n_frames, channels))
    return np.asarray(data)


def _levels(samples: np.ndarray[Any, np.dtype[np.int16]]) -> tuple[float | None, float | None, float]:
    """Peak and RMS in dBFS (None for digital silence) and the share of samples at full scale."""
    if samples.size == 0:
        return None, None, 0.0
    peak = int(np.max(np.abs(samples.astype(np.int32))))
    as_float = samples.astype(np.float32) / 32768.0
    rms = float(np.sqrt(np.mean(np.square(as_float, dtype=np.float64))))
    clipped = float(np.count_nonzero(np.abs(samples.astype(np.int32)) >= 32767)) / samples.size
    return _db(peak / 32768.0), _db(rms), clipped


def _db(value: float) -> float | None:
    return round(20 * math.log10(value), 2) if value > 0 else None


def _av_offset_ms(journal: dict[str, Any]) -> float | None:
    """Audio minus video start, from capture timestamps when the writer recorded them.

    The contract aligns audio sample 0 with media time 0, so the residual offset is only known when the
    writer also journals the clock times of the first video frame and first audio sample (``video_t0_ns``,
    ``audio_t0_ns``) or states ``av_offset_ms`` itself; otherwise it is unknown (None).
    """
    if isinstance(journal.get("av_offset_ms"), int | float):
        return float(journal["av_offset_ms"])
    video_t0 = journal.get("video_t0_ns")
    audio_t0 = journal.get("audio_t0_ns")
    if isinstance(video_t0, int) and isinstance(audio_t0, int):
        return round((audio_t0 - video_t0) / 1e6, 2)
    return None
