"""Checks an attached take before its submission counts as received (size, SHA-256, ffprobe); poster.

The take is read from wherever storage keeps it: the re-hash streams it in blocks, ffprobe and ffmpeg read
it by path or by a short-lived URL (object storage), never the whole file in memory.
"""

from __future__ import annotations

import hashlib
import subprocess

from recorder.media.ffmpeg_binary import FfmpegNotFoundError, ffmpeg_exe
from server.media_check import MediaError, check_deliverable
from server.storage import Storage

POSTER_TIMEOUT_S = 60


class TakeCheckError(ValueError):
    """A take fails a check; the message is a plain-English phrase to follow the take's name."""


def sha256_media(storage: Storage, media_id: str) -> str:
    """SHA-256 hex of a take's video, read in blocks."""
    digest = hashlib.sha256()
    for block in storage.read_media(media_id):
        digest.update(block)
    return digest.hexdigest()


def verify_take(storage: Storage, media_id: str, size_bytes: int, sha256: str, duration_s: float) -> None:
    """Re-hashes and probes one take.

    Raises:
        TakeCheckError: the file is missing, has the wrong size or hash, or is not a deliverable.
    """
    size = storage.media_size(media_id)
    if size is None:
        raise TakeCheckError("has no file on the server; upload it again")
    if size != size_bytes:
        raise TakeCheckError("does not have the size the manifest gives")
    if sha256_media(storage, media_id) != sha256:
        raise TakeCheckError("does not match the SHA-256 the manifest gives; upload it again")
    try:
        with storage.media_location(media_id) as location:
            check_deliverable(location, duration_s)
    except MediaError as error:
        raise TakeCheckError(str(error)) from None


def write_poster(storage: Storage, media_id: str, duration_s: float) -> None:
    """Stores a JPEG poster frame from a third of the way in (never the first, often black, frame); the
    storage never shows a half-written poster, even with two writers.

    Raises:
        TakeCheckError: ffmpeg could not read a frame.
    """
    # Never past the start of the last frame: a take of a single frame (1/30 s) has no frame a third in.
    at_s = max(0.0, min(duration_s / 3.0, 2.0, duration_s - 1.0 / 30))
    try:
        exe = ffmpeg_exe()
    except FfmpegNotFoundError as error:
        raise TakeCheckError(f"could not get a poster frame ({error})") from None
    with storage.media_location(media_id) as location:
        result = subprocess.run(
            [exe, "-nostdin", "-loglevel", "error", "-ss", f"{at_s:.3f}", "-i", location,
             "-frames:v", "1", "-q:v", "3", "-f", "image2pipe", "-c:v", "mjpeg", "pipe:1"],
            capture_output=True,
            timeout=POSTER_TIMEOUT_S,
            check=False,
        )  # fmt: skip
    if result.returncode != 0 or not result.stdout.startswith(b"\xff\xd8"):
        raise TakeCheckError("could not be read to make a poster frame")
    storage.put_poster(media_id, result.stdout)
