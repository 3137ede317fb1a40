"""Reads a file's first video stream (codec, profile, pixel format, size, fps) from ffmpeg's banner.

imageio-ffmpeg ships no ffprobe, so the stream line ``ffmpeg -i`` prints is parsed instead; it is stable
across ffmpeg releases for the fields used here.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from recorder.media.ffmpeg_binary import ffmpeg_exe

_STREAM_RE = re.compile(
    r"Stream #\d+:\d+.*?: Video: (?P<codec>\w+)(?: \((?P<profile>[^)]*)\))?[^,]*, (?P<rest>.*)"
)
_PIX_RE = re.compile(r"^(?P<pix>[a-z0-9_]+)")
_SIZE_RE = re.compile(r"(?P<w>\d{2,5})x(?P<h>\d{2,5})")
_FPS_RE = re.compile(r"(?P<fps>[\d.]+) fps")
_DURATION_RE = re.compile(r"Duration: (?P<h>\d+):(?P<m>\d+):(?P<s>[\d.]+)")
_AUDIO_RE = re.compile(r"Stream #\d+:\d+.*?: Audio: ")


class ProbeError(RuntimeError):
    """The file has no readable video stream; the message is plain English."""


@dataclass(frozen=True)
class VideoInfo:
    """The first video stream of a file."""

    codec: str
    profile: str | None
    pix_fmt: str | None
    width: int
    height: int
    fps: float | None
    duration_s: float | None


def read_banner(path: Path) -> str:
    """What ``ffmpeg -i PATH`` prints about the file (its stream list), or "" when the file is missing."""
    if not path.is_file():
        return ""
    proc = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-hide_banner", "-i", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stderr


def has_audio_stream(banner: str) -> bool:
    """True when a banner from :func:`read_banner` lists an audio stream."""
    return any(_AUDIO_RE.search(line) for line in banner.splitlines())


def probe_video(path: Path) -> VideoInfo:
    """Describes the first video stream of ``path``.

    Raises:
        ProbeError: The file is missing or holds no video stream ffmpeg can read.
    """
    if not path.is_file():
        raise ProbeError(f"The video file {path.name} is missing.")
    return parse_banner(read_banner(path), path.name)


def parse_banner(banner: str, name: str = "video") -> VideoInfo:
    """Parses the stream description ``ffmpeg -i`` prints (split out for unit tests)."""
    match = None
    for line in banner.splitlines():
        match = _STREAM_RE.search(line)
        if match:
            break
    if match is None:
        raise ProbeError(f"{name} does not contain a video we can read.")
    rest = match.group("rest")
    # "yuv420p(tv, progressive), 1280x720 [SAR 1:1 DAR 16:9], 30 fps, ..."; the pixel format comes first.
    pix = _PIX_RE.match(rest)
    size = _SIZE_RE.search(rest)
    fps = _FPS_RE.search(rest)
    duration = _DURATION_RE.search(banner)
    duration_s = None
    if duration:
        duration_s = int(duration["h"]) * 3600 + int(duration["m"]) * 60 + float(duration["s"])
    return VideoInfo(
        codec=match.group("codec"),
        profile=match.group("profile"),
        pix_fmt=pix.group("pix") if pix else None,
        width=int(size["w"]) if size else 0,
        height=int(size["h"]) if size else 0,
        fps=float(fps["fps"]) if fps else None,
        duration_s=duration_s,
    )
