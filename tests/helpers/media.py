"""Makes small test media fast: a spec-compliant deliverable MP4, a PNG, random bytes."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import imageio_ffmpeg


def make_deliverable_mp4(path: Path, duration_s: float = 2.0) -> Path:
    """Writes an H.264 High yuv420p 1280x720 30 fps + AAC 48 kHz 128k MP4 with +faststart."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(
        [ffmpeg, "-y", "-loglevel", "error",
         "-f", "lavfi", "-i", f"testsrc2=size=1280x720:rate=30:duration={duration_s}",
         "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={duration_s}",
         "-af", "volume=-10dB",
         "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-preset", "superfast", "-r", "30",
         "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
         "-movflags", "+faststart", "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


def make_png(path: Path) -> Path:
    """Writes a small real PNG image."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(
        [ffmpeg, "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=64x64",
         "-frames:v", "1", str(path)],
        check=True,
    )  # fmt: skip
    return path


def make_random_bytes(path: Path, size_bytes: int = 4096) -> Path:
    """Writes random bytes (not any media format)."""
    path.write_bytes(os.urandom(size_bytes))
    return path


def sha256_of(path: Path) -> str:
    """Returns the SHA-256 hex of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
