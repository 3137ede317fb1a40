"""Reads and atomically rewrites a take's journal.json (CONTRACTS.md section 1).

Minimal version written for the deliverable work; the take writer owns and may extend it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

JOURNAL_NAME = "journal.json"
STATES = ("recording", "stopped", "finishing", "finished", "failed")


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


def write_json_atomic(path: Path, data: Any) -> None:
    """Writes ``data`` as JSON to ``path`` so that readers see either the old or the new file, never half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
