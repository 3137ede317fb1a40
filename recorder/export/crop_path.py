"""Turns a face track into a smooth crop path and into ffmpeg ``crop`` expressions that follow it.

Steps (all in source pixels, on the sample times of the track):

1. follow one face: the largest at first, then the one nearest the last position (so a second person
   walking past does not steal the crop); samples with no face are filled by linear interpolation and the
   ends held; no face anywhere means the centre (``face_found`` is False, and the caller says so);
2. smooth the window centre with a Gaussian of ``smoothing_s`` (centred, so steady motion has no lag);
3. where a face was seen, shift the smoothed window just enough to contain that face plus a margin of
   ``FACE_MARGIN`` of its size (smoothing must never cut a face off, and the detector's box jitters), then
   clamp the window inside the frame;
4. drop points a straight line between neighbours already explains (Ramer–Douglas–Peucker, ``tolerance_px``),
   so a static speaker gives a two-point path and the ffmpeg expression stays short.

The window moves linearly between the remaining points; ffmpeg evaluates the expression once per frame.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from recorder.export.faces import Box, FaceTrack
from recorder.export.shapes import Size

DEFAULT_SMOOTHING_S = 0.5
DEFAULT_TOLERANCE_PX = 2.0
#: Room kept around a detected face inside the window, as a share of the face's size.
FACE_MARGIN = 0.15


@dataclass(frozen=True)
class CropPath:
    """Where the crop window's top-left corner is over time.

    Attributes:
        window: the window's size.
        times_s: key times, increasing (at least one).
        xs / ys: the corner at each key time (pixels, inside the frame).
        face_found: False when no face was seen and the path is the centre.
    """

    window: Size
    times_s: tuple[float, ...]
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    face_found: bool

    def at(self, t_s: float) -> tuple[float, float]:
        """The corner at ``t_s`` (linear between key times, held outside them)."""
        return _interpolate(self.times_s, self.xs, t_s), _interpolate(self.times_s, self.ys, t_s)

    def x_expression(self) -> str:
        """ffmpeg expression of ``t`` for the crop's ``x`` option."""
        return _piecewise_expression(self.times_s, self.xs)

    def y_expression(self) -> str:
        """ffmpeg expression of ``t`` for the crop's ``y`` option."""
        return _piecewise_expression(self.times_s, self.ys)


def plan_crop(
    track: FaceTrack,
    window: Size,
    *,
    smoothing_s: float = DEFAULT_SMOOTHING_S,
    tolerance_px: float = DEFAULT_TOLERANCE_PX,
) -> CropPath:
    """The crop path for a window of size ``window`` following the face in ``track`` (module docstring)."""
    source = track.source
    max_x = float(source.width_px - window.width_px)
    max_y = float(source.height_px - window.height_px)
    times = np.array([s.t_s for s in track.samples], dtype=float)
    chosen = _follow_one_face([s.faces for s in track.samples])
    if not any(box is not None for box in chosen) or times.size == 0:
        t_end = float(times[-1]) if times.size else 0.0
        centre_x, centre_y = round(max_x / 2), round(max_y / 2)
        return CropPath(window, (0.0, t_end), (centre_x, centre_x), (centre_y, centre_y), face_found=False)
    seen = np.array([box is not None for box in chosen])
    cx = np.array([box.centre[0] if box else np.nan for box in chosen])
    cy = np.array([box.centre[1] if box else np.nan for box in chosen])
    cx = np.interp(times, times[seen], cx[seen])
    cy = np.interp(times, times[seen], cy[seen])
    step_s = float(np.median(np.diff(times))) if times.size > 1 else 1.0
    xs = _gaussian(cx, smoothing_s / step_s) - window.width_px / 2
    ys = _gaussian(cy, smoothing_s / step_s) - window.height_px / 2
    for i, box in enumerate(chosen):
        if box is not None:
            margin_x, margin_y = box.width * FACE_MARGIN, box.height * FACE_MARGIN
            xs[i] = _contain(xs[i], box.x - margin_x, box.width + 2 * margin_x, window.width_px)
            ys[i] = _contain(ys[i], box.y - margin_y, box.height + 2 * margin_y, window.height_px)
    xs = np.clip(np.round(xs), 0, max_x)
    ys = np.clip(np.round(ys), 0, max_y)
    keep = _simplify(times, xs, ys, tolerance_px)
    return CropPath(
        window,
        tuple(float(times[i]) for i in keep),
        tuple(float(xs[i]) for i in keep),
        tuple(float(ys[i]) for i in keep),
        face_found=True,
    )


def _follow_one_face(samples: Sequence[tuple[Box, ...]]) -> list[Box | None]:
    chosen: list[Box | None] = []
    last: Box | None = None
    for faces in samples:
        if not faces:
            chosen.append(None)
            continue
        if last is None:
            pick = max(faces, key=lambda b: b.area)
        else:
            lx, ly = last.centre
            pick = min(faces, key=lambda b: math.hypot(b.centre[0] - lx, b.centre[1] - ly))
        chosen.append(pick)
        last = pick
    return chosen


def _gaussian(values: np.ndarray, sigma_samples: float) -> np.ndarray:
    """Centred Gaussian smoothing; the ends are padded with their own value (no pull towards zero)."""
    if sigma_samples < 0.5 or values.size < 3:
        return values.copy()
    radius = max(1, math.ceil(3 * sigma_samples))
    offsets = np.arange(-radius, radius + 1)
    kernel = np.exp(-0.5 * (offsets / sigma_samples) ** 2)
    kernel /= kernel.sum()
    padded = np.pad(values, radius, mode="edge")
    return np.convolve(padded, kernel, mode="valid")


def _contain(corner: float, face_start: float, face_size: float, window_size: int) -> float:
    """Shift a window's ``corner`` as little as possible so it contains the face (if the face fits)."""
    if face_size >= window_size:
        return face_start + face_size / 2 - window_size / 2
    if face_start < corner:
        return face_start
    if face_start + face_size > corner + window_size:
        return face_start + face_size - window_size
    return corner


def _simplify(times: np.ndarray, xs: np.ndarray, ys: np.ndarray, tolerance_px: float) -> list[int]:
    """Indices kept by Ramer–Douglas–Peucker on both coordinates (iterative, so long clips are fine)."""
    n = times.size
    if n <= 2:
        return list(range(n))
    keep = {0, n - 1}
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        span = times[last] - times[first]
        inner = np.arange(first + 1, last)
        weight = (times[inner] - times[first]) / span if span > 0 else np.zeros(inner.size)
        error = np.maximum(
            np.abs(xs[first] + (xs[last] - xs[first]) * weight - xs[inner]),
            np.abs(ys[first] + (ys[last] - ys[first]) * weight - ys[inner]),
        )
        worst = int(np.argmax(error))
        if error[worst] > tolerance_px:
            split = int(inner[worst])
            keep.add(split)
            stack += [(first, split), (split, last)]
    return sorted(keep)


def _interpolate(times: Sequence[float], values: Sequence[float], t_s: float) -> float:
    if t_s <= times[0]:
        return values[0]
    if t_s >= times[-1]:
        return values[-1]
    i = bisect_right(times, t_s) - 1
    weight = (t_s - times[i]) / (times[i + 1] - times[i])
    return values[i] + (values[i + 1] - values[i]) * weight


def _piecewise_expression(times: Sequence[float], values: Sequence[float]) -> str:
    """``values`` linearly interpolated over ``times`` as an ffmpeg expression of ``t``.

    A sum of segments, each switched on by ``gte``/``lt``, added up as a balanced tree of small groups:
    ffmpeg's expression parser refuses a chain of more than about a hundred additions (a minute of a face
    moving about makes more segments than that), while a tree's depth grows only with the logarithm.
    """
    if len(set(values)) == 1:
        return f"{values[0]:.0f}"
    terms = [f"{values[0]:.0f}*lt(t,{times[0]:.3f})"]
    for i in range(len(times) - 1):
        t0, t1, v0, v1 = times[i], times[i + 1], values[i], values[i + 1]
        slope = (v1 - v0) / (t1 - t0)
        terms.append(f"({v0:.0f}+(t-{t0:.3f})*{slope:.4f})*gte(t,{t0:.3f})*lt(t,{t1:.3f})")
    terms.append(f"{values[-1]:.0f}*gte(t,{times[-1]:.3f})")
    return _sum_tree(terms)


def _sum_tree(terms: Sequence[str], group: int = 8) -> str:
    """``terms`` added up, at most ``group`` to a chain, the chains nested as a balanced tree."""
    if len(terms) <= group:
        return "+".join(terms)
    middle = len(terms) // 2
    return f"({_sum_tree(terms[:middle], group)})+({_sum_tree(terms[middle:], group)})"
