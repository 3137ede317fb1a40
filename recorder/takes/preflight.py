"""Checks before a take starts: the folder can be written, and the disk has room for the whole take.

Both checks are real (a test file is written and removed; free space comes from the file system), so a
read-only or full disk is reported in plain English before the person starts talking, not after.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from recorder.messages import CodedError, MessageCode
from recorder.private import private_folder

#: Assumed when the take has no time limit (the longest campaign prompt is far shorter).
DEFAULT_TAKE_S = 600.0
#: Live H.264 at 720p30 stays under ~8 Mbit/s for webcam pictures (ultrafast did; veryfast CRF 25 sends about
#: 0.4 Mbit/s of a noisy talking head), kept as a safe upper bound; scaled by pixels.
VIDEO_BYTES_PER_S_720P = 1_000_000
AUDIO_BYTES_PER_S = 48_000 * 2 * 2
#: Room kept free for the journal, check, poster and the file system itself.
MARGIN_BYTES = 50 * 1024 * 1024


class RecordingError(CodedError, RuntimeError):
    """The take cannot start or failed; ``str(error)`` is plain English for the UI.

    ``message_code`` / ``message_params`` (see :mod:`recorder.messages`) let the UI translate it.
    """


def needed_bytes(size: tuple[int, int], fps: float, duration_s: float | None) -> int:
    """Disk space a take needs: live video + raw audio, the deliverable (about as big again), margin."""
    seconds = duration_s if duration_s is not None else DEFAULT_TAKE_S
    pixels_share = (size[0] * size[1]) / (1280 * 720)
    video = VIDEO_BYTES_PER_S_720P * pixels_share * (fps / 30.0) * seconds
    audio = AUDIO_BYTES_PER_S * seconds
    return int(2 * (video + audio) + MARGIN_BYTES)


def check_folder(folder: Path, need_bytes: int) -> None:
    """Creates ``folder`` if needed and checks it can hold ``need_bytes`` more.

    Raises:
        RecordingError: The folder cannot be created or written, or the disk is too full.
    """
    try:
        private_folder(folder)
    except OSError as exc:
        raise RecordingError(
            f"Voicebooth cannot create the folder for recordings ({folder}). "
            "Ask IT to check the folder exists and you are allowed to save there.",
            code=MessageCode.FOLDER_NOT_CREATED,
            params={"folder": str(folder)},
        ) from exc
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise RecordingError(
            f"Voicebooth cannot save recordings in {folder}: the folder is read-only or you are not "
            "allowed to write there. Ask IT to check the data folder.",
            code=MessageCode.FOLDER_NOT_WRITABLE,
            params={"folder": str(folder)},
        ) from exc
    free_bytes = shutil.disk_usage(folder).free
    if free_bytes < need_bytes:
        raise RecordingError(
            f"There is not enough free disk space to record: this recording needs about "
            f"{_mb(need_bytes)} MB but only {_mb(free_bytes)} MB are free. Delete some files or ask IT.",
            code=MessageCode.DISK_TOO_FULL,
            params={"need_mb": _mb(need_bytes), "free_mb": _mb(free_bytes)},
        )


def _mb(size_bytes: int) -> int:
    return max(0, round(size_bytes / (1024 * 1024)))
