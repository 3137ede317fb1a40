"""Checks an uploaded take against the deliverable spec with ffprobe (H.264 High, AAC 48 kHz)."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any


class MediaError(ValueError):
    """The file is not a deliverable video; the message is plain English."""


def _probe(location: str) -> dict[str, Any]:
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        raise RuntimeError("ffprobe is not installed on the server.")
    result = subprocess.run(
        [ffprobe, "-v", "error", "-show_streams", "-show_format", "-of", "json", location],
        capture_output=True,
        timeout=30,
        check=False,
    )
    if result.returncode != 0:
        raise MediaError("is not a video file that can be read")
    data: dict[str, Any] = json.loads(result.stdout or b"{}")
    return data


def check_deliverable(location: str, expected_duration_s: float) -> None:
    """Raises MediaError (a phrase to follow the take's name) when the file breaks the spec.

    Args:
        location: a path, or a URL ffprobe reads with HTTP Range requests (object storage).
        expected_duration_s: the take's duration in the manifest.
    """
    data = _probe(location)
    streams = data.get("streams", [])
    video = [s for s in streams if s.get("codec_type") == "video"]
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    if not video or not audio:
        raise MediaError("must contain both a video and a sound track")
    v, a = video[0], audio[0]
    if v.get("codec_name") != "h264" or v.get("profile") != "High" or v.get("pix_fmt") != "yuv420p":
        raise MediaError("video is not H.264 High profile 4:2:0")
    if v.get("avg_frame_rate") not in ("30/1", "30000/1000") and v.get("r_frame_rate") != "30/1":
        raise MediaError("video is not 30 frames per second")
    if a.get("codec_name") != "aac" or a.get("sample_rate") != "48000":
        raise MediaError("sound is not AAC at 48 kHz")
    duration_s = float(data.get("format", {}).get("duration", 0.0) or 0.0)
    if duration_s <= 0 or abs(duration_s - expected_duration_s) > max(1.0, 0.1 * expected_duration_s):
        raise MediaError("length does not match the manifest")
