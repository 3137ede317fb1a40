"""Finds the ffmpeg binary: ``VOICEBOOTH_FFMPEG`` if set, else the one bundled by imageio-ffmpeg."""

from __future__ import annotations

import os

import imageio_ffmpeg


def ffmpeg_exe() -> str:
    """Returns the path of the ffmpeg executable to use.

    Returns:
        ``$VOICEBOOTH_FFMPEG`` when set and non-empty, otherwise imageio-ffmpeg's GPL build
        (libx264, aac, loudnorm, ebur128).
    """
    override = os.environ.get("VOICEBOOTH_FFMPEG", "").strip()
    if override:
        return override
    return str(imageio_ffmpeg.get_ffmpeg_exe())
