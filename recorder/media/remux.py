"""Copies the readable part of a Matroska video into a clean file (after a crash) and counts its frames."""

from __future__ import annotations

import subprocess
from pathlib import Path

from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.run import FfmpegError

_STDERR_TAIL_CHARS = 2000


def salvage_video(src: Path, dst: Path) -> int:
    """Stream-copies every readable video packet of ``src`` into ``dst`` (Matroska) and counts them.

    A file cut off by a crash ends in a partial cluster; ffmpeg's demuxer stops there, and corrupt packets
    are discarded, so ``dst`` is a clean, seekable file of whole frames.

    Returns:
        The number of frames in ``dst``.

    Raises:
        FfmpegError: ffmpeg could not read ``src`` at all.
    """
    cmd = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error",
           "-fflags", "+discardcorrupt", "-i", str(src), "-map", "0:v:0", "-c", "copy",
           "-f", "matroska", "-y", str(dst), "-progress", "pipe:1"]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    frames = 0
    for line in proc.stdout.splitlines():
        if line.startswith("frame="):
            value = line.split("=", 1)[1].strip()
            if value.isdigit():
                frames = int(value)
    if proc.returncode != 0 and frames == 0:
        dst.unlink(missing_ok=True)
        raise FfmpegError("The recorded video could not be read at all.", proc.stderr[-_STDERR_TAIL_CHARS:])
    return frames
