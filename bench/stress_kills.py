"""Stress: kill -9 the intake server at random moments of withdrawals, attaches and completes, many times.

For each operation and trial: a real server (``voicebooth-server serve``) gets a submission ready for the
operation; the operation's request goes out and the server is SIGKILLed after a random delay within the
operation's measured duration; then the data folder is looked at as the crash left it (the reference: what
the red team found, before this server repaired anything), and again after the server has started once
more (ours). Counted per operation:

- withdraw: media files still on disk of a submission the database calls withdrawn;
- attach: files in media/ that no take points at, and takes whose media file is missing;
- complete: ``.part`` files in media/.

Target: 0 after the restart in every trial. Also printed: how many kills landed inside the operation's
window (the database had changed, the answer never came), which shows the trials are not all too early or
too late.

Run: .venv/bin/python bench/stress_kills.py [--trials 40]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.lifecycle import (
    attach_take,
    complete,
    media_files,
    open_with_take,
    rows,
    take_media_id,
    withdraw_request,
)
from tests.helpers.media import make_deliverable_mp4
from tests.helpers.server import IntakeServer, send_submission


@dataclass
class Tally:
    """One operation's trials."""

    trials: int = 0
    inside: int = 0
    left_before_restart: int = 0
    left_after_restart: int = 0


def kill_during(server: IntakeServer, request: Callable[[], object], window_s: float) -> None:
    """Sends the request on a thread and kills the server at a random moment of ``window_s``."""
    thread = threading.Thread(target=partial(_quietly, request), daemon=True)
    thread.start()
    time.sleep(random.uniform(0, window_s))
    server.kill()
    thread.join(10)


def _quietly(request: Callable[[], object]) -> None:
    with contextlib.suppress(requests.RequestException):  # the server died under it: expected
        request()


def timed(request: Callable[[], object]) -> float:
    started = time.perf_counter()
    request()
    return time.perf_counter() - started


def media_left_of_withdrawn(server: IntakeServer, sid: str, media_id: str) -> int:
    withdrawn = rows(server, "SELECT status FROM submissions WHERE id = ?", sid) == [("withdrawn",)]
    return sum(1 for name in media_files(server) if name.startswith(media_id)) if withdrawn else 0


def media_mismatches(server: IntakeServer) -> int:
    live = {row[0] for row in rows(server, "SELECT media_id FROM takes WHERE media_id IS NOT NULL")}
    stored = {name.split(".")[0] for name in media_files(server) if name.endswith(".mp4")}
    return len(stored - live) + len(live - stored)


def part_files(server: IntakeServer) -> int:
    return sum(1 for name in media_files(server) if name.endswith(".part"))


@dataclass(frozen=True)
class Trial:
    """How to set one up, the request to kill, and what counts as a file left behind."""

    request: Callable[[], object]
    left: Callable[[], int]


def withdraw_trial(server: IntakeServer, clip: Path) -> Trial:
    manifest, done = send_submission(server, [clip])
    media_id = take_media_id(server, manifest) or ""
    left = partial(media_left_of_withdrawn, server, manifest["submission_id"], media_id)
    return Trial(partial(withdraw_request, server, done), left)


def attach_trial(server: IntakeServer, clip: Path) -> Trial:
    manifest, url = open_with_take(server, clip, attach=False)
    return Trial(partial(attach_take, server, manifest, url), partial(media_mismatches, server))


def complete_trial(server: IntakeServer, clip: Path) -> Trial:
    manifest, _url = open_with_take(server, clip)
    return Trial(partial(complete, server, manifest), partial(part_files, server))


TRIALS: dict[str, Callable[[IntakeServer, Path], Trial]] = {
    "withdraw": withdraw_trial,
    "attach": attach_trial,
    "complete": complete_trial,
}


def run(trials: int, root: Path) -> dict[str, Tally]:
    clip = make_deliverable_mp4(root / "take.mp4", duration_s=2.0)
    server = IntakeServer.start(root / "intake", settings={"key_open_uploads": 10_000})
    tallies = {name: Tally() for name in TRIALS}
    try:
        windows = {name: timed(make(server, clip).request) for name, make in TRIALS.items()}
        for _ in range(trials):
            for name, make in TRIALS.items():  # alternated, so a slow moment of the machine hits all alike
                tally = tallies[name]
                trial = make(server, clip)
                kill_during(server, trial.request, windows[name])
                left = trial.left()
                tally.trials += 1
                tally.inside += int(left > 0)
                tally.left_before_restart += left
                server.launch()
                tally.left_after_restart += trial.left()
    finally:
        server.stop()
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20, help="kills per operation")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stress-kills-") as tmp:
        tallies = run(args.trials, Path(tmp))
    for name, tally in tallies.items():
        print(
            f"{name:<9} {tally.trials} kills, {tally.inside} inside the window: files left as the crash left "
            f"them {tally.left_before_restart} (reference), after the restart {tally.left_after_restart} "
            "(ours; target 0)"
        )
    load = re.sub(r"\s+", " ", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(f"machine: {os.cpu_count()} cores; {load}")


if __name__ == "__main__":
    main()
