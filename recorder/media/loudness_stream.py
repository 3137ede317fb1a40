"""EBU R128 loudness and true peak measured block by block while a take records, so Stop has none to do.

The meter is libebur128 (through pyebur128): K-weighting, 400 ms blocks every 100 ms, and 4x-oversampled
true peak, fed with the samples as they are written to audio.pcm. Every 100 ms step keeps the loudness of
the 400 ms block ending there and the step's true peak, so the integrated loudness of any span (a trimmed
take too) is the BS.1770 gating over the blocks inside it: absolute gate -70 LUFS, relative gate -10 LU.
The steps are saved next to audio.pcm as ``loudness.json`` when the take stops; a take without a matching
file (recovered after a crash) is measured with ffmpeg instead.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyebur128

from recorder.media.loudness import Loudness

LOUDNESS_NAME = "loudness.json"
SCHEMA = 1
STEPS_PER_BLOCK = 4  # 400 ms blocks, 75 % overlap
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
_STEPS_PER_S = 10


@dataclass(frozen=True)
class LoudnessSteps:
    """What the meter kept: per 100 ms step, the block loudness ending there and the step's true peak.

    Attributes:
        block_lufs: ``block_lufs[k]`` is the loudness of steps ``k-3..k`` (None until four steps exist,
            or for digital silence).
        step_peak: linear true peak of each step (of all channels).
        samples: samples per channel fed in (the last, partial step counts for the peak only).
    """

    rate_hz: int
    channels: int
    samples: int
    block_lufs: tuple[float | None, ...]
    step_peak: tuple[float, ...]

    @property
    def step_samples(self) -> int:
        return self.rate_hz // _STEPS_PER_S

    def measure(self, start_s: float = 0.0, duration_s: float | None = None) -> Loudness:
        """Integrated loudness and true peak of the blocks and steps inside ``start_s`` + ``duration_s``."""
        step = self.step_samples
        first = max(0, math.ceil(start_s * self.rate_hz / step - 1e-9))
        end_sample = self.samples if duration_s is None else round((start_s + duration_s) * self.rate_hz)
        end_sample = min(end_sample, self.samples)
        # Blocks lying wholly inside the span: block k covers steps k-3..k.
        last_full = end_sample // step - 1
        blocks = [
            lufs
            for k in range(first + STEPS_PER_BLOCK - 1, min(last_full, len(self.block_lufs) - 1) + 1)
            if (lufs := self.block_lufs[k]) is not None
        ]
        first_peak = int(start_s * self.rate_hz) // step
        last_peak = min(math.ceil(end_sample / step), len(self.step_peak))
        peaks = self.step_peak[first_peak:last_peak]
        peak = max(peaks, default=0.0)
        return Loudness(gated_loudness(blocks), 20 * math.log10(peak) if peak > 0 else None)

    def covers(self, pcm_path: Path) -> bool:
        """True when these steps measured exactly the samples now in ``pcm_path``."""
        try:
            size = pcm_path.stat().st_size
        except OSError:
            return False
        return size // (2 * self.channels) == self.samples

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "rate_hz": self.rate_hz,
            "channels": self.channels,
            "samples": self.samples,
            "block_lufs": [None if v is None else round(v, 3) for v in self.block_lufs],
            "step_peak": [float(f"{v:.6g}") for v in self.step_peak],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LoudnessSteps:
        """Raises ValueError (or KeyError/TypeError) when ``data`` is not a saved meter of this schema."""
        if data.get("schema") != SCHEMA:
            raise ValueError("unknown loudness.json schema")
        return cls(
            rate_hz=int(data["rate_hz"]),
            channels=int(data["channels"]),
            samples=int(data["samples"]),
            block_lufs=tuple(None if v is None else float(v) for v in data["block_lufs"]),
            step_peak=tuple(float(v) for v in data["step_peak"]),
        )


def gated_loudness(blocks_lufs: list[float]) -> float | None:
    """BS.1770-4 integrated loudness of 400 ms block loudnesses (None when every block is gated out)."""
    values = np.asarray([v for v in blocks_lufs if v > ABSOLUTE_GATE_LUFS], dtype=np.float64)
    if values.size == 0:
        return None
    energies = np.power(10.0, (values + 0.691) / 10)
    relative_gate = -0.691 + 10 * math.log10(float(np.mean(energies))) + RELATIVE_GATE_LU
    kept = energies[values > relative_gate]
    if kept.size == 0:
        return None
    return -0.691 + 10 * math.log10(float(np.mean(kept)))


class LoudnessMeter:
    """Feeds int16 samples (as written to audio.pcm) to libebur128 in 100 ms steps.

    Not thread-safe: call :meth:`add` from the one thread that writes the audio.
    """

    def __init__(self, rate_hz: int, channels: int) -> None:
        self.rate_hz = rate_hz
        self.channels = channels
        mode = pyebur128.MeasurementMode.MODE_M | pyebur128.MeasurementMode.MODE_TRUE_PEAK
        self._state = pyebur128.R128State(channels, rate_hz, mode)
        self._step = rate_hz // _STEPS_PER_S
        self._pending = np.zeros((0, channels), dtype=np.int16)
        self._blocks: list[float | None] = []
        self._peaks: list[float] = []
        self._samples = 0

    def add(self, pcm: np.ndarray[Any, np.dtype[np.int16]]) -> None:
        """Measures a block of shape (samples, channels)."""
        self._samples += pcm.shape[0]
        pending = np.concatenate((self._pending, pcm)) if self._pending.size else pcm
        whole = pending.shape[0] // self._step * self._step
        for at in range(0, whole, self._step):
            self._feed(pending[at : at + self._step])
            momentary = pyebur128.get_loudness_momentary(self._state)
            full = len(self._blocks) >= STEPS_PER_BLOCK - 1
            self._blocks.append(momentary if full and math.isfinite(momentary) else None)
        self._pending = np.array(pending[whole:], dtype=np.int16)

    def steps(self) -> LoudnessSteps:
        """What was measured so far (a last partial step counts for the true peak)."""
        peaks = list(self._peaks)
        if self._pending.shape[0]:
            tail = pyebur128.R128State(self.channels, self.rate_hz, pyebur128.MeasurementMode.MODE_TRUE_PEAK)
            source = np.ascontiguousarray(self._pending, dtype=np.int16).reshape(-1)
            tail.add_frames(source, self._pending.shape[0])
            peaks.append(max(pyebur128.get_true_peak(tail, c) for c in range(self.channels)))
        return LoudnessSteps(self.rate_hz, self.channels, self._samples, tuple(self._blocks), tuple(peaks))

    def _feed(self, step: np.ndarray[Any, np.dtype[np.int16]]) -> None:
        self._state.add_frames(np.ascontiguousarray(step, dtype=np.int16).reshape(-1), step.shape[0])
        peak = max(pyebur128.get_previous_true_peak(self._state, c) for c in range(self.channels))
        self._peaks.append(peak)


def read_steps(take_dir: Path, pcm_path: Path) -> LoudnessSteps | None:
    """The meter's steps saved with a take, when they match its audio.pcm (else None: measure it)."""
    try:
        data = json.loads((take_dir / LOUDNESS_NAME).read_text(encoding="utf-8"))
        steps = LoudnessSteps.from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return steps if steps.covers(pcm_path) else None
