"""Measures A/V offset in a media file from the synthetic flash (white frame) and 1 kHz beep at each second.

Video: per-frame luma means (ffmpeg to 32x18 gray rawvideo); a flash onset is a frame far brighter than the
median. Audio: 1 kHz magnitude in 5 ms windows every 0.5 ms; a beep onset is where it first reaches half its
peak (half-way up a window centred on a step is the step itself, so the estimate is unbiased).
Offsets are audio minus video, in ms: positive means the sound comes late.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from recorder.media.ffmpeg_binary import ffmpeg_exe

_RATE_HZ = 48000
_BEEP_HZ = 1000.0
_WINDOW_S = 0.005
_HOP_S = 0.0005
#: A flash and a beep further apart than this are not the same event.
_MAX_PAIR_S = 0.4


@dataclass(frozen=True)
class AvSync:
    """Flash and beep onsets (s) and the offsets (audio minus video, ms) of each matched pair."""

    flash_s: list[float]
    beep_s: list[float]
    offsets_ms: list[float]

    @property
    def start_offset_ms(self) -> float:
        """Offset of the first matched pair."""
        return self.offsets_ms[0]

    @property
    def end_offset_ms(self) -> float:
        """Offset of the last matched pair."""
        return self.offsets_ms[-1]


def flash_onsets_s(path: Path, fps: float = 30.0) -> list[float]:
    """Times of frames that light up (a white flash after a darker frame)."""
    raw = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-i", str(path), "-map", "0:v:0",
         "-vf", "scale=32:18,format=gray", "-fps_mode", "passthrough", "-f", "rawvideo", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    means = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 32 * 18).mean(axis=1)
    threshold = (float(np.median(means)) + 255.0) / 2
    bright = means > threshold
    onsets = np.flatnonzero(bright & ~np.concatenate([[False], bright[:-1]]))
    return [float(i) / fps for i in onsets]


def beep_onsets_s(path: Path, *, raw_pcm_channels: int | None = None) -> list[float]:
    """Times where a 1 kHz beep starts (``raw_pcm_channels``: read a take's raw audio.pcm instead)."""
    source = ["-f", "s16le", "-ar", str(_RATE_HZ), "-ac", str(raw_pcm_channels)] if raw_pcm_channels else []
    raw = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-loglevel", "error", *source, "-i", str(path), "-map", "0:a:0",
         "-ac", "1", "-ar", str(_RATE_HZ), "-f", "f32le", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    audio = np.frombuffer(raw, dtype="<f4").astype(np.float64)
    magnitude = _tone_magnitude(audio)
    if magnitude.size == 0 or magnitude.max() <= 0:
        return []
    above = magnitude > magnitude.max() / 2
    starts = np.flatnonzero(above & ~np.concatenate([[False], above[:-1]]))
    onsets: list[float] = []
    for i in starts:
        t = i * _HOP_S
        if not onsets or t - onsets[-1] > 0.5:  # one onset per beep even if the envelope wobbles
            onsets.append(t)
    return onsets


def measure_av_sync(path: Path, fps: float = 30.0) -> AvSync:
    """Pairs every flash with the nearest beep and returns the offsets."""
    flashes = flash_onsets_s(path, fps)
    beeps = beep_onsets_s(path)
    offsets: list[float] = []
    for flash in flashes:
        if not beeps:
            break
        nearest = min(beeps, key=lambda b: abs(b - flash))
        if abs(nearest - flash) <= _MAX_PAIR_S:
            offsets.append(round((nearest - flash) * 1000.0, 2))
    if not offsets:
        raise AssertionError(f"no flash/beep pairs found in {path.name}: flashes={flashes} beeps={beeps}")
    return AvSync(flashes, beeps, offsets)


def _tone_magnitude(audio: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Magnitude of the 1 kHz component in sliding windows centred every _HOP_S."""
    window = round(_WINDOW_S * _RATE_HZ)
    hop = round(_HOP_S * _RATE_HZ)
    if audio.size < window:
        return np.zeros(0)
    t = np.arange(audio.size) / _RATE_HZ
    mixed = audio * np.exp(-2j * np.pi * _BEEP_HZ * t)
    cumsum = np.concatenate([[0], np.cumsum(mixed)])
    half = window // 2
    centres = np.arange(half, audio.size - half, hop)
    sums = cumsum[centres + half] - cumsum[centres - half]
    magnitude = np.zeros(audio.size // hop + 1)
    magnitude[centres // hop] = np.abs(sums) / window
    return magnitude
