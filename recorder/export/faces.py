"""Finds faces over a whole clip: frames sampled a few times a second, OpenCV's Haar cascade on each.

Frames come from one ffmpeg process that decodes the clip, keeps every n-th frame (about ``sample_fps`` a
second) and scales them to ``DETECT_WIDTH_PX`` wide (rawvideo BGR on a pipe), so Python only ever sees
small frames. Frames are picked by number, not with the ``fps`` filter: ``fps`` hands on the *last* frame
of each output slot (4 frames late at 30 → 3 fps), which puts the crop behind a moving face. Deliverables
are constant frame rate, so frame ``n`` is shown at ``n / source_fps``. The last frame is always analysed
too, so the crop path covers the clip to its end rather than holding still after the last sample.
Boxes are reported in source pixels. Cancelling kills ffmpeg between frames.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from recorder.export.shapes import Size
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.run import CancelledError, FfmpegError

#: Width frames are scaled to before detection; the same figure the device check uses (DESIGN.md facts).
DETECT_WIDTH_PX = 640
#: Frames analysed per second of video; the crop path is interpolated between them.
DEFAULT_SAMPLE_FPS = 3.0


@dataclass(frozen=True)
class Box:
    """A face rectangle in source pixels."""

    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    @property
    def area(self) -> float:
        return self.width * self.height


@dataclass(frozen=True)
class FaceSample:
    """The faces found in the frame shown at ``t_s`` seconds."""

    t_s: float
    faces: tuple[Box, ...]


@dataclass(frozen=True)
class FaceTrack:
    """Every sample of a clip, in time order, and the source size the boxes refer to."""

    source: Size
    samples: tuple[FaceSample, ...]

    @property
    def found_any(self) -> bool:
        return any(sample.faces for sample in self.samples)


class FaceFinder:
    """Frontal faces with OpenCV's bundled Haar cascade (same settings as :mod:`recorder.vision`).

    Raises:
        RuntimeError: the cascade cannot be loaded (a broken OpenCV installation).
    """

    def __init__(self) -> None:
        path = Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"  # type: ignore[attr-defined]
        self._classifier: Any = cv2.CascadeClassifier(str(path))
        if self._classifier.empty():
            raise RuntimeError(f"The face detector could not be loaded from {path}.")
        self._lock = threading.Lock()  # CascadeClassifier is not documented as thread-safe

    def find(self, frame_bgr: np.ndarray[Any, Any], scale: float = 1.0) -> tuple[Box, ...]:
        """Faces in ``frame_bgr``; coordinates multiplied by ``scale`` (to map back to source pixels)."""
        grey = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2GRAY)
        with self._lock:
            found = self._classifier.detectMultiScale(grey, scaleFactor=1.2, minNeighbors=5, minSize=(40, 40))
        return tuple(Box(x * scale, y * scale, w * scale, h * scale) for (x, y, w, h) in found)


def analysis_size(source: Size) -> Size:
    """The size frames are scaled to for detection (never enlarged; even height)."""
    if source.width_px <= DETECT_WIDTH_PX:
        return source
    height = max(2, round(source.height_px * DETECT_WIDTH_PX / source.width_px / 2) * 2)
    return Size(DETECT_WIDTH_PX, height)


def track_faces(
    clip: Path,
    source: Size,
    duration_s: float,
    *,
    source_fps: float = 30.0,
    sample_fps: float = DEFAULT_SAMPLE_FPS,
    finder: FaceFinder | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> FaceTrack:
    """Detects faces in ``clip`` at ``sample_fps`` frames a second.

    Args:
        clip: A video file ffmpeg can read.
        source: The clip's frame size (boxes are returned in these pixels).
        duration_s: The clip's length, for progress.
        source_fps: The clip's (constant) frame rate.
        sample_fps: Frames analysed per second (rounded to a whole step of source frames).
        finder: A shared detector (the cascade loads once); a new one when None.
        progress: Called with 0..1 as frames are analysed.
        cancel: Set to stop; raises :class:`CancelledError`.

    Raises:
        CancelledError: ``cancel`` was set.
        FfmpegError: the clip could not be decoded (plain English).
    """
    finder = finder or FaceFinder()
    small = analysis_size(source)
    scale = source.width_px / small.width_px
    frame_bytes = small.width_px * small.height_px * 3
    step = max(1, round(source_fps / sample_fps))
    last_frame = max(0, round(duration_s * source_fps) - 1)
    indices = [*range(0, last_frame + 1, step)]
    if indices[-1] != last_frame:
        indices.append(last_frame)
    cmd = [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(clip), "-an",
        "-vf", f"select='not(mod(n,{step}))+eq(n,{last_frame})',scale={small.width_px}:{small.height_px}",
        "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    errors: list[bytes] = []
    drain = threading.Thread(target=lambda: errors.append(proc.stderr.read() if proc.stderr else b""))
    drain.start()
    samples: list[FaceSample] = []
    expected = len(indices)
    try:
        while True:
            if cancel is not None and cancel.is_set():
                proc.kill()
                raise CancelledError
            data = _read_exactly(proc.stdout, frame_bytes)
            if data is None:
                break
            frame = np.frombuffer(data, np.uint8).reshape(small.height_px, small.width_px, 3)
            if len(samples) == len(indices):
                continue  # the clip is longer than its stated duration: keep reading, ignore the rest
            t_s = indices[len(samples)] / source_fps
            samples.append(FaceSample(t_s, finder.find(frame, scale)))
            if progress is not None:
                progress(min(1.0, len(samples) / expected))
        returncode = proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        drain.join()
    if returncode != 0 or not samples:
        raise FfmpegError(
            "Could not look for faces: the video could not be read.",
            b"".join(errors).decode(errors="replace"),
        )
    return FaceTrack(source=source, samples=tuple(samples))


def _read_exactly(stream: Any, size: int) -> bytes | None:
    """``size`` bytes from ``stream``, or None at the end (a partial last frame is dropped)."""
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
