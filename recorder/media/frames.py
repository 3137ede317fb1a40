"""Small still pictures out of a video with ffmpeg: one frame at a time, or a row of them along the video.

The trim timeline (:mod:`ui.widgets.trim_strip`) shows a strip of these and the first and last kept frame.
Each picture is decoded by ffmpeg straight to RGB on a pipe (no files), letterboxed into the size asked for.
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.run import CancelledError, FfmpegError

#: The deliverable's frame rate (every take is on the 30 fps grid), for aiming a seek at one frame.
FRAME_S = 1 / 30


@dataclass(frozen=True)
class RgbFrame:
    """One picture, ``width_px`` × ``height_px`` pixels of packed 8-bit RGB."""

    width_px: int
    height_px: int
    rgb: bytes


def frame_at(
    video: Path, at_s: float, duration_s: float, size: tuple[int, int], cancel: threading.Event | None = None
) -> RgbFrame:
    """The frame showing at ``at_s`` in a video lasting ``duration_s``, fitted into ``size`` (width, height).

    A time at or past the end gives the last frame.

    Raises:
        CancelledError: ``cancel`` was set.
        FfmpegError: the video could not be read (plain English).
    """
    if cancel is not None and cancel.is_set():
        raise CancelledError
    width, height = size
    last_s = max(0.0, duration_s - FRAME_S)
    # Half a frame before the frame wanted: the first frame at or after the seek point is that one.
    seek_s = max(0.0, min(at_s, last_s) - FRAME_S / 2)
    fit = (
        f"scale={width}:{height}:force_original_aspect_ratio=decrease,"
        f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2"
    )
    cmd = [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error",
        "-ss", f"{seek_s:.6f}", "-i", str(video), "-an", "-frames:v", "1", "-vf", fit,
        "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
    ]  # fmt: skip
    try:
        done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise FfmpegError("Could not show a picture from the recording.", str(error)) from error
    expected = width * height * 3
    if done.returncode != 0 or len(done.stdout) < expected:
        raise FfmpegError(
            "Could not show a picture from the recording.", done.stderr.decode(errors="replace")[-2000:]
        )
    return RgbFrame(width, height, done.stdout[:expected])


def frames_along(
    video: Path, duration_s: float, count: int, size: tuple[int, int], cancel: threading.Event | None = None
) -> list[RgbFrame]:
    """``count`` frames evenly along the video, each from the middle of its share of the time.

    Raises:
        CancelledError: ``cancel`` was set.
        FfmpegError: the video could not be read (plain English).
    """
    share_s = duration_s / max(1, count)
    return [frame_at(video, (i + 0.5) * share_s, duration_s, size, cancel) for i in range(count)]
