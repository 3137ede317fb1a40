"""Finds faces over a whole clip: frames sampled a few times a second, followed by a :class:`FaceTracker`.

Frames come from one ffmpeg process that decodes the clip, keeps every n-th frame (about ``sample_fps`` a
second) and hands them over as full-resolution grey images on a pipe (rawvideo ``gray``: a third of the
bytes of colour, and the detector works on grey anyway). Full resolution matters: the tracker looks for a
face it already follows at full size, which is what finds faces down to 60 px wide in a 720p frame
(:mod:`recorder.face_finder`). Frames are picked by number, not with the ``fps`` filter: ``fps`` hands on the
*last* frame of each output slot (4 frames late at 30 → 3 fps), which puts the crop behind a moving face.
Deliverables are constant frame rate, so frame ``n`` is shown at ``n / source_fps``. The last frame is always
analysed too, so the crop path covers the clip to its end rather than holding still after the last sample.
Boxes are in source pixels. Cancelling kills ffmpeg between frames.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from recorder.export.shapes import Size
from recorder.face_finder import Box, FaceFinder, FaceTracker
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.run import CancelledError, FfmpegError

__all__ = ["DEFAULT_SAMPLE_FPS", "Box", "FaceFinder", "FaceSample", "FaceTrack", "track_faces"]

#: Frames analysed per second of video; the crop path is interpolated between them.
DEFAULT_SAMPLE_FPS = 3.0


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
        finder: A shared detector (the cascade loads once); a new one when None. Each clip gets its own
            tracker over it.
        progress: Called with 0..1 as frames are analysed.
        cancel: Set to stop; raises :class:`CancelledError`.

    Raises:
        CancelledError: ``cancel`` was set.
        FfmpegError: the clip could not be decoded (plain English).
    """
    tracker = FaceTracker(finder or FaceFinder())
    width, height = source.width_px, source.height_px
    frame_bytes = width * height
    step = max(1, round(source_fps / sample_fps))
    last_frame = max(0, round(duration_s * source_fps) - 1)
    indices = [*range(0, last_frame + 1, step)]
    if indices[-1] != last_frame:
        indices.append(last_frame)
    cmd = [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(clip), "-an",
        "-vf", f"select='not(mod(n,{step}))+eq(n,{last_frame})',scale={width}:{height}",
        "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1",
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
            grey = np.frombuffer(data, np.uint8).reshape(height, width)
            if len(samples) == len(indices):
                continue  # the clip is longer than its stated duration: keep reading, ignore the rest
            t_s = indices[len(samples)] / source_fps
            samples.append(FaceSample(t_s, tracker.update(grey)))
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
