"""Finds takes interrupted by a crash and finishes them up to the last frame that reached the disk.

A take is *interrupted* when its journal says ``recording``, ``stopped`` or ``finishing`` but no live
process holds its lock (CONTRACTS.md section 1). Recovery salvages the readable part of video.mkv (a crash
leaves a partial last cluster), trims audio.pcm to whole samples, marks the journal ``stopped`` with a
plain reason, then builds the deliverable and the take check as after a normal Stop.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from recorder.media.remux import salvage_video
from recorder.media.run import FfmpegError
from recorder.messages import MessageCode
from recorder.takes.deliverable import Deliverable, FinishError, finish_take
from recorder.takes.folder import TakeLock, TakeLockedError, is_locked
from recorder.takes.journal import JOURNAL_NAME, read_journal, update_journal

log = logging.getLogger(__name__)
NOTHING_SAVED = "Nothing could be saved: Voicebooth closed before any picture was recorded."

INTERRUPTED_STATES = ("recording", "stopped", "finishing")
REASON_RECOVERED = "Voicebooth closed unexpectedly; the recording was saved up to that moment."


class RecoveryError(FinishError):
    """The take cannot be recovered; the message is plain English."""


def find_interrupted(root: Path) -> list[Path]:
    """Take folders under ``root`` (a data dir, a submission folder or a take folder) left by a crash.

    Unreadable journals are skipped (and logged); takes owned by a running recorder are not listed.
    """
    root = Path(root)
    if not root.is_dir():
        return []
    candidates = [root / JOURNAL_NAME] if (root / JOURNAL_NAME).is_file() else []
    candidates += sorted(root.glob(f"**/takes/*/{JOURNAL_NAME}"))
    found: list[Path] = []
    for journal_path in candidates:
        take_dir = journal_path.parent
        try:
            state = json.loads(journal_path.read_text(encoding="utf-8")).get("state")
        except (OSError, ValueError, AttributeError) as exc:
            log.info("Skipping %s: unreadable journal (%s)", take_dir.name, exc)
            continue
        if state in INTERRUPTED_STATES and not is_locked(take_dir):
            found.append(take_dir)
    return found


def recover_take(take_dir: Path) -> Deliverable:
    """Repairs an interrupted take and makes its deliverable (and check.json).

    Raises:
        RecoveryError: nothing usable was recorded, or another process owns the take.
        CancelledError: never (recovery is not cancellable).
    """
    take_dir = Path(take_dir)
    try:
        with TakeLock(take_dir):
            journal = read_journal(take_dir)
            if journal.get("state") == "recording":
                _salvage(take_dir, journal)
            elif journal.get("state") == "failed":
                error = str(journal.get("error") or "")
                raise RecoveryError(  # the journal keeps the first failure's words; coded when known
                    error or "This recording cannot be saved.",
                    code=MessageCode.RECOVERY_NOTHING_SAVED if error == NOTHING_SAVED else None,
                )
    except TakeLockedError as exc:
        raise RecoveryError(str(exc), code=MessageCode.TAKE_IN_USE) from exc
    except (OSError, ValueError) as exc:
        raise RecoveryError(
            "The unfinished recording could not be read.", code=MessageCode.RECOVERY_UNREADABLE
        ) from exc
    from recorder.takes.check import check_take  # numpy: only when a take is actually recovered

    deliverable = finish_take(take_dir)
    check_take(take_dir)
    return deliverable


def _salvage(take_dir: Path, journal: dict[str, object]) -> None:
    """Replaces video.mkv by its readable part and updates the journal to ``stopped``."""
    video = take_dir / "video.mkv"
    repaired = take_dir / "video.salvaged.mkv"
    frames = 0
    if video.is_file() and video.stat().st_size > 0:
        try:
            frames = salvage_video(video, repaired)
        except FfmpegError as exc:
            log.info("Salvaging %s failed: %s", take_dir.name, exc.stderr_tail)
    if frames == 0:
        repaired.unlink(missing_ok=True)
        error = NOTHING_SAVED
        update_journal(take_dir, state="failed", error=error, stop_reason=REASON_RECOVERED)
        raise RecoveryError(error, code=MessageCode.RECOVERY_NOTHING_SAVED)
    os.replace(repaired, video)
    audio = journal.get("audio")
    channels = int(audio.get("channels", 1)) if isinstance(audio, dict) else 1
    samples = _trim_pcm(take_dir / "audio.pcm", channels)
    update_journal(
        take_dir,
        state="stopped",
        frames_written=frames,
        audio_samples_written=samples,
        stop_reason=REASON_RECOVERED,
        recovered=True,
    )


def _trim_pcm(path: Path, channels: int) -> int:
    """Cuts a torn last sample off audio.pcm; returns the whole samples (per channel) it holds."""
    if not path.is_file():
        return 0
    frame_bytes = 2 * channels
    size = path.stat().st_size
    whole = size - size % frame_bytes
    if whole != size:
        os.truncate(path, whole)
    return whole // frame_bytes
