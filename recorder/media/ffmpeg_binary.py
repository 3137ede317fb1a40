"""Finds the ffmpeg binary: a configured path, ``VOICEBOOTH_FFMPEG``, else imageio-ffmpeg's bundled one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import imageio_ffmpeg

ENV_VAR = "VOICEBOOTH_FFMPEG"


class FfmpegNotFoundError(RuntimeError):
    """No usable ffmpeg binary; ``str(error)`` is plain English and names where we looked."""


def ffmpeg_exe(explicit: str | None = None) -> str:
    """Returns the path of the ffmpeg executable to use.

    Args:
        explicit: A path (or a command name on PATH) from configuration; wins over everything else.

    Returns:
        ``explicit`` when given, else ``$VOICEBOOTH_FFMPEG`` when set and non-empty, otherwise
        imageio-ffmpeg's GPL build (libx264, aac, loudnorm, ebur128).

    Raises:
        FfmpegNotFoundError: The named binary does not exist, or imageio-ffmpeg has none for this platform.
    """
    for source, value in (("The configured ffmpeg", explicit), (ENV_VAR, os.environ.get(ENV_VAR))):
        chosen = (value or "").strip()
        if chosen:
            return _existing(chosen, source)
    try:
        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except RuntimeError as exc:
        raise FfmpegNotFoundError(
            "The video tool (ffmpeg) is missing from this installation. "
            f"Reinstall Voicebooth or set {ENV_VAR}."
        ) from exc


def _existing(name: str, source: str) -> str:
    """``name`` as an executable path, resolving bare command names on PATH."""
    path = Path(name).expanduser()
    if path.is_file() and os.access(path, os.X_OK):
        return str(path)
    found = shutil.which(name)
    if found:
        return found
    raise FfmpegNotFoundError(f"{source} points to {name}, which is not a program that can be run.")
