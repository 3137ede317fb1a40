"""ffprobe (Debian's, as DESIGN.md says: imageio-ffmpeg has none) for checking exported files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import cv2
import numpy as np


def ffprobe(path: Path) -> dict[str, Any]:
    """Streams and format of ``path`` as ffprobe's JSON."""
    exe = shutil.which("ffprobe")
    assert exe, "ffprobe is needed (Debian package ffmpeg)"
    out = subprocess.run(
        [exe, "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    result: dict[str, Any] = json.loads(out)
    return result


def video_stream(info: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in info["streams"] if s["codec_type"] == "video")


def audio_stream(info: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in info["streams"] if s["codec_type"] == "audio")


def frame_at(path: Path, t_s: float) -> np.ndarray:
    """The decoded BGR frame shown at ``t_s`` (OpenCV decodes the MP4)."""
    cap = cv2.VideoCapture(str(path))
    try:
        cap.set(cv2.CAP_PROP_POS_MSEC, t_s * 1000)
        ok, frame = cap.read()
        assert ok, f"no frame at {t_s} s in {path.name}"
        return frame
    finally:
        cap.release()
