"""Finds the ffmpeg binary: a configured path, ``VOICEBOOTH_FFMPEG``, imageio-ffmpeg's, else the system's.

imageio-ffmpeg's GPL build ships with developer installs and the Windows package. The Linux package leaves
it out and depends on the distribution's ``ffmpeg`` instead (packaging/IT-GUIDE.md), which is found on PATH.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ENV_VAR = "VOICEBOOTH_FFMPEG"
#: The ``ffmpeg`` configuration value, set once at start-up by :func:`configure` (the app, the CLI).
_configured: str | None = None


class FfmpegNotFoundError(RuntimeError):
    """No usable ffmpeg binary; ``str(error)`` is plain English and names where we looked."""


def configure(path: str | None) -> None:
    """Remembers the configured ffmpeg (the ``ffmpeg`` setting) for every later :func:`ffmpeg_exe` call."""
    global _configured
    _configured = (path or "").strip() or None


def ffmpeg_exe(explicit: str | None = None) -> str:
    """Returns the path of the ffmpeg executable to use.

    Args:
        explicit: A path (or a command name on PATH); wins over everything else. When None, the value
            given to :func:`configure` is used.

    Returns:
        ``explicit`` when given, else ``$VOICEBOOTH_FFMPEG`` when set and non-empty, otherwise
        imageio-ffmpeg's GPL build (libx264, aac, loudnorm, ebur128) where this installation has it,
        else the ``ffmpeg`` on PATH.

    Raises:
        FfmpegNotFoundError: The named binary does not exist, or there is no ffmpeg at all.
    """
    chosen_explicit = explicit if explicit is not None else _configured
    for source, value in (("The configured ffmpeg", chosen_explicit), (ENV_VAR, os.environ.get(ENV_VAR))):
        chosen = (value or "").strip()
        if chosen:
            return _existing(chosen, source)
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())  # its own binary, else the system's
    except (ImportError, RuntimeError):
        pass
    system = shutil.which("ffmpeg")
    if system:
        return system
    raise FfmpegNotFoundError(
        "The video tool (ffmpeg) is missing from this installation. "
        f"Reinstall Voicebooth (on Linux, install the 'ffmpeg' package) or set {ENV_VAR}."
    )


def _existing(name: str, source: str) -> str:
    """``name`` as an executable path, resolving bare command names on PATH."""
    path = Path(name).expanduser()
    if path.is_file() and os.access(path, os.X_OK):
        return str(path)
    found = shutil.which(name)
    if found:
        return found
    raise FfmpegNotFoundError(f"{source} points to {name}, which is not a program that can be run.")
