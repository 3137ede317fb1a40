"""``voicebooth recover``: list takes interrupted by a crash and finish them up to their last frame.

Example::

    voicebooth recover              # looks in the data folder from the settings
    voicebooth recover ./submission --list

Prints one line per take found, then one per outcome, then a JSON summary line. Exit code 0 when every
take found was saved (or none was found), 1 when one could not be saved.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from recorder.cli import settings_of
from recorder.config import ConfigError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``voicebooth recover``."""
    parser.description = "Find recordings interrupted by a crash and save what was recorded."
    parser.add_argument(
        "paths", nargs="*", type=Path, help="data, submission or take folders (default: data folder)"
    )
    parser.add_argument("--list", action="store_true", help="only list interrupted takes")


def run(args: argparse.Namespace) -> int:
    """Lists and recovers; returns the exit code."""
    from recorder.takes.journal import read_journal
    from recorder.takes.recovery import RecoveryError, find_interrupted, recover_take

    roots: list[Path] = list(args.paths)
    if not roots:
        try:
            roots = [settings_of(args)({}).data_dir]
        except ConfigError as exc:
            print(f"voicebooth recover: {exc}", file=sys.stderr)
            return 2
    found: list[Path] = []
    for root in roots:
        found += [p for p in find_interrupted(root) if p not in found]
    if not found:
        print("No interrupted recordings were found.")
    for take_dir in found:
        try:
            journal = read_journal(take_dir)
            fps = float((journal.get("video") or {}).get("fps") or 30)
            seconds = f"about {int(journal.get('frames_written') or 0) / fps:.0f} s recorded"
        except (OSError, ValueError):
            seconds = "journal unreadable"
        print(f"Interrupted: {take_dir} ({seconds})")
    recovered: list[dict[str, Any]] = []
    failed: list[dict[str, str]] = []
    if not args.list:
        for take_dir in found:
            try:
                deliverable = recover_take(take_dir)
            except RecoveryError as exc:
                failed.append({"take_dir": str(take_dir), "error": str(exc)})
                print(f"Could not save {take_dir.name}: {exc}")
                continue
            recovered.append({"take_dir": str(take_dir), "deliverable": str(deliverable.mp4_path),
                              "duration_s": round(deliverable.duration_s, 3)})  # fmt: skip
            print(f"Saved {deliverable.duration_s:.1f} s: {deliverable.mp4_path}")
    summary = {"found": [str(p) for p in found], "recovered": recovered, "failed": failed}
    print(json.dumps(summary, sort_keys=True), flush=True)
    return 1 if failed else 0
