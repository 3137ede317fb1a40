"""Creates, reads and atomically rewrites a take's journal.json (CONTRACTS.md section 1)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recorder.takes.files import write_json_atomic

JOURNAL_NAME = "journal.json"
STATES = ("recording", "stopped", "finishing", "finished", "failed")


def new_journal(
    take_id: str,
    prompt_id: str | None,
    size: tuple[int, int],
    fps: int,
    rate_hz: int,
    channels: int,
    **extra: Any,
) -> dict[str, Any]:
    """The journal of a take that is starting (state ``recording``, nothing written yet)."""
    journal: dict[str, Any] = {
        "schema": 1,
        "take_id": take_id,
        "prompt_id": prompt_id,
        "state": "recording",
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "video": {"width": size[0], "height": size[1], "fps": fps, "codec": "h264"},
        "audio": {"rate_hz": rate_hz, "channels": channels},
        "t0_ns": None,
        "frames_written": 0,
        "frames_duplicated": 0,
        "frames_dropped": 0,
        "audio_samples_written": 0,
        "stop_reason": None,
        "error": None,
        "av_offset_ms": None,
    }
    journal.update(extra)
    return journal


def read_journal(take_dir: Path) -> dict[str, Any]:
    """Returns the journal of ``take_dir`` as a dict."""
    data: dict[str, Any] = json.loads((take_dir / JOURNAL_NAME).read_text(encoding="utf-8"))
    return data


def write_journal(take_dir: Path, journal: dict[str, Any]) -> None:
    """Writes the journal atomically: temp file in the same folder, fsync, rename."""
    write_json_atomic(take_dir / JOURNAL_NAME, journal)


def update_journal(take_dir: Path, **fields: Any) -> dict[str, Any]:
    """Reads the journal, sets ``fields`` and writes it back atomically; returns the new journal."""
    if "state" in fields and fields["state"] not in STATES:
        raise ValueError(f"unknown take state {fields['state']!r}")
    journal = read_journal(take_dir)
    journal.update(fields)
    write_journal(take_dir, journal)
    return journal
