"""What a take's recorder reports: its state, a status snapshot, the result, and why a take ended.

The ``REASON_*`` strings are the plain-English ``stop_reason`` values the journal records when a take ends
by itself; :data:`EXPECTED_REASONS` are the ones that are no problem to show the person.
"""

from __future__ import annotations

import enum
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REASON_TIME_LIMIT = "The time limit for this answer was reached."
REASON_VIDEO_ENDED = "The camera stopped sending pictures."
REASON_AUDIO_ENDED = "The microphone stopped sending sound."
ERROR_NO_PICTURE = "Nothing was recorded: no picture came from the camera."


class RecordingState(enum.Enum):
    """Where a take is in its life (see the module docstring)."""

    READY = "ready"
    RECORDING = "recording"
    STOPPING = "stopping"
    STOPPED = "stopped"
    FAILED = "failed"


@dataclass(frozen=True)
class RecordingStatus:
    """A snapshot for the UI, safe to read from any thread."""

    state: RecordingState
    elapsed_s: float
    frames_written: int
    frames_duplicated: int
    frames_dropped: int
    stop_reason: str | None


@dataclass(frozen=True)
class TakeResult:
    """A stopped take: its folder, final journal, why it ended (None: Stop was pressed) and stage times."""

    take_dir: Path
    journal: dict[str, Any]
    stop_reason: str | None
    timings_s: dict[str, float] = field(default_factory=dict)


#: Stop reasons that need no mention in the take check (the take simply ran its course).
EXPECTED_REASONS = (REASON_TIME_LIMIT,)


def encoder_stop_reason(take_dir: Path) -> str:
    """Why the live encoder stopped, in plain English (a full disk is the usual cause)."""
    try:
        if shutil.disk_usage(take_dir).free < 16 * 1024 * 1024:
            return "The disk is full, so the recording had to stop. What was recorded is kept."
    except OSError:
        pass
    return "The video could not be saved, so the recording had to stop. What was recorded is kept."


def plain_os_error(exc: OSError) -> str:
    """The end of a sentence saying why a file operation failed."""
    if exc.errno == 28:
        return "the disk is full."
    if exc.errno in (13, 30, 1):
        return "the folder cannot be written to."
    return "a file could not be written."


def utc_now() -> str:
    """Now, UTC, to the second (RFC 3339)."""
    return datetime.now(UTC).isoformat(timespec="seconds")
