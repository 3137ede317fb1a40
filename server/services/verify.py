"""Checks an attached take before its submission counts as received (size, SHA-256, ffprobe); poster."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from recorder.media.ffmpeg_binary import FfmpegNotFoundError, ffmpeg_exe
from server import crashpoints
from server.media_check import MediaError, check_deliverable
from server.storage import Storage

HASH_BLOCK_BYTES = 1024 * 1024
POSTER_TIMEOUT_S = 60


class TakeCheckError(ValueError):
    """A take fails a check; the message is a plain-English phrase to follow the take's name."""


def sha256_file(path: Path) -> str:
    """SHA-256 hex of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(HASH_BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()


def verify_take(path: Path, size_bytes: int, sha256: str, duration_s: float) -> None:
    """Re-hashes and probes one take.

    Raises:
        TakeCheckError: the file is missing, has the wrong size or hash, or is not a deliverable.
    """
    if not path.is_file():
        raise TakeCheckError("has no file on the server; upload it again")
    if path.stat().st_size != size_bytes:
        raise TakeCheckError("does not have the size the manifest gives")
    if sha256_file(path) != sha256:
        raise TakeCheckError("does not match the SHA-256 the manifest gives; upload it again")
    try:
        check_deliverable(path, duration_s)
    except MediaError as error:
        raise TakeCheckError(str(error)) from None


def make_poster(video: Path, into: Path, duration_s: float) -> None:
    """Writes a JPEG poster frame from a third of the way in (never the first, often black, frame) into
    ``into``, a temporary file the caller moves into place.

    Raises:
        TakeCheckError: ffmpeg could not read a frame.
    """
    # Never past the start of the last frame: a take of a single frame (1/30 s) has no frame a third in.
    at_s = max(0.0, min(duration_s / 3.0, 2.0, duration_s - 1.0 / 30))
    try:
        exe = ffmpeg_exe()
    except FfmpegNotFoundError as error:
        raise TakeCheckError(f"could not get a poster frame ({error})") from None
    result = subprocess.run(
        [exe, "-nostdin", "-y", "-loglevel", "error", "-ss", f"{at_s:.3f}", "-i", str(video),
         "-frames:v", "1", "-q:v", "3", "-f", "image2", "-c:v", "mjpeg", str(into)],
        capture_output=True,
        timeout=POSTER_TIMEOUT_S,
        check=False,
    )  # fmt: skip
    if result.returncode != 0 or not into.is_file() or into.stat().st_size == 0:
        raise TakeCheckError("could not be read to make a poster frame")


def write_poster(storage: Storage, media_id: str, duration_s: float) -> None:
    """Makes a take's poster in a locked temporary file and moves it into place (never half-written, even
    with two writers; a crash leaves only a temporary file the start-up sweep removes).

    Raises:
        TakeCheckError: ffmpeg could not read a frame.
    """
    with storage.temp_file(media_id) as partial:
        make_poster(storage.media_path(media_id), partial, duration_s)
        crashpoints.crash_point(crashpoints.POSTER_WRITTEN)
        storage.keep_temp(partial, storage.poster_path(media_id))
