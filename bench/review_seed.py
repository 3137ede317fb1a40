"""A week's volume for review benchmarks: thousands of submissions sent through the intake API, kept on disk.

Every submission is sent as the app sends one (manifest, tus upload, attach, complete: the server hashes and
probes the clip and makes its poster) with a small real clip (1 s of a public-domain portrait photograph,
320x180 H.264 High + AAC 48 kHz: the server checks the format, not the size), a made-up person and
one of the default campaign's questions; one in five gets a reviewer's decision through the review API. That
takes about a second of CPU each on these machines, so the seeded data folder is kept in
``build/bench-review/week/`` and reused by later runs: a run asking for more than it holds sends only the
rest (so a run that was stopped carries on where it ended), one asking for fewer uses what is there.

Run alone: .venv/bin/python bench/review_seed.py [--count 5000] [--threads 4]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recorder.media.ffmpeg_binary import ffmpeg_exe
from tests.helpers.real_faces import PORTRAITS, Portrait
from tests.helpers.server import DEFAULT_PACK, IntakeServer, free_port
from tests.integration.review.seed import Seeded, seed

CACHE = Path(__file__).resolve().parents[1] / "build" / "bench-review"
FIRST = ("Amira", "Bethan", "Carys", "Dafydd", "Efa", "Fatima", "Gareth", "Huw", "Ifan", "Jess", "Kofi",
         "Lowri", "Mei", "Nia", "Owen", "Priya", "Rhys", "Sian", "Tomasz", "Zara")  # fmt: skip
LAST = ("Ahmed", "Bevan", "Chen", "Davies", "Evans", "Griffiths", "Hughes", "Jones", "Khan", "Lewis",
        "Morgan", "Nowak", "Okafor", "Price", "Roberts", "Thomas", "Williams")  # fmt: skip
JOBS = ("Physiotherapy support worker", "Rehabilitation assistant", "Therapy assistant practitioner")
PAD = "pad=320:180:-1:-1"
DECISIONS = ("approved", "rejected", "changes_requested")


def person(index: int) -> tuple[str, str]:
    """A made-up name (unique with its number) and job title for submission ``index``."""
    name = f"{FIRST[index % len(FIRST)]} {LAST[(index // len(FIRST)) % len(LAST)]} {index:04d}"
    return name, JOBS[index % len(JOBS)]


def small_clip(folder: Path, portrait: Portrait) -> Path:
    """1 s of ``portrait``'s photograph at 320x180, as a deliverable (H.264 High 4:2:0 30 fps, AAC 48 kHz)."""
    path = folder / f"{portrait.name}.mp4"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [ffmpeg_exe(), "-y", "-loglevel", "error", "-loop", "1", "-i", str(portrait.path),
         "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
         "-vf", f"scale=320:180:force_original_aspect_ratio=decrease:out_range=tv,{PAD},format=yuv420p",
         "-t", "1", "-r", "30", "-c:v", "libx264", "-profile:v", "high", "-preset", "veryfast",
         "-c:a", "aac", "-b:a", "64k", "-ar", "48000", "-ac", "2", "-movflags", "+faststart", str(path)],
        check=True,
    )  # fmt: skip
    return path


def open_server() -> IntakeServer:
    """The cached server, started (made first when there is none)."""
    root = CACHE / "week"
    state = root / "server.json"
    if state.is_file():
        saved = json.loads(state.read_text(encoding="utf-8"))
        server = IntakeServer(root / "data", free_port(), saved["upload_key"])
        server.launch()
        return server
    root.mkdir(parents=True, exist_ok=True)
    server = IntakeServer.start(root, campaigns=[DEFAULT_PACK])
    state.write_text(json.dumps({"upload_key": server.upload_key}), encoding="utf-8")
    return server


def listed(server: IntakeServer) -> int:
    """How many finished submissions the server lists."""
    token = server.login()
    response = requests.get(
        f"{server.url}/api/v1/review/submissions",
        params={"per_page": 1},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    response.raise_for_status()
    return int(response.json()["total"])


def seeded_server(count: int, threads: int = 4) -> IntakeServer:
    """A running server holding at least ``count`` submissions (seeding the missing ones first)."""
    server = open_server()
    have = listed(server)
    if have >= count:
        return server
    clips = [small_clip(CACHE / "clips", portrait) for portrait in PORTRAITS]
    started = time.monotonic()
    print(f"[seed] {have} of {count} submissions on the server; sending the rest ({threads} at a time)")

    token = server.login()  # once: a sign-in costs a password hash

    def send(index: int) -> None:
        name, job = person(index)
        prompt = ("love-role", "nhs-better")[index % 2]
        for attempt in range(3):  # a probe that timed out on the loaded machine fails the take: send again
            try:
                sent: Seeded = seed(
                    server,
                    clips[index % len(clips)],
                    name=name,
                    job_title=job,
                    prompt_id=prompt,
                    duration_s=1.0,
                )
                break
            except AssertionError:
                if attempt == 2:
                    raise
        if index % 5 == 0:
            requests.post(
                f"{server.url}/api/v1/review/submissions/{sent.submission_id}/decision",
                json={"decision": DECISIONS[(index // 5) % 3], "note": ""},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            ).raise_for_status()
        if index % 250 == 0:
            rate = (index - have + 1) / max(time.monotonic() - started, 1e-3)
            print(f"[seed] {index} sent, {rate:.1f}/s", flush=True)

    try:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(send, range(have, count)))
    except BaseException:
        server.stop()
        raise
    print(f"[seed] {count - have} submissions in {time.monotonic() - started:.0f} s")
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    server = seeded_server(args.count, args.threads)
    server.stop()


if __name__ == "__main__":
    main()
