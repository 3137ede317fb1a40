"""Benchmark (c): bytes sent again after the sending process is killed mid-upload (target: <= one chunk).

The real ``voicebooth send`` runs in a child process against the real intake server, through an HTTP proxy
that counts the PATCH body bytes the client sends (a body cut short counts too) and then a rate-capped TCP
link (so the kill lands mid-chunk). When 40 % is confirmed, plus a random part of one chunk's time, the
child gets SIGKILL; the same command is run again and finishes.
Re-sent bytes = all PATCH body bytes - file size.
The reference is the naive alternative on the same run: without resume the whole file goes again, so it
re-sends everything sent before the kill.

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_upload_resume.py [--seconds 12]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recorder.submission import finished_takes
from tests.helpers.http_faults import FaultProxy, FaultRules
from tests.helpers.sending import (
    MediaCache,
    make_big_deliverable,
    make_submission,
    outbox_path,
    run_send,
    start_send,
    write_details,
)
from tests.helpers.server import IntakeServer
from tests.helpers.tcp_proxy import TcpProxy

MIB = 1024 * 1024


def confirmed_offset(home: Path) -> int:
    try:
        with sqlite3.connect(f"file:{outbox_path(home)}?mode=ro", uri=True, timeout=5) as db:
            row = db.execute("SELECT offset_bytes FROM files").fetchone()
    except sqlite3.Error:
        return 0
    return int(row[0]) if row else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="length of the noisy test clip")
    parser.add_argument("--mbit-s", type=float, default=100.0, help="rate cap so the kill lands mid-upload")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    chunk = 8 * MIB
    with tempfile.TemporaryDirectory(prefix="bench-resume-") as tmp:
        root = Path(tmp)
        (root / "media").mkdir()
        media = MediaCache(root / "media")
        make_big_deliverable(root / "media" / "big.mp4", args.seconds)
        folder = make_submission(root / "sub", media, big=True)
        size = (finished_takes(folder)[0] / "deliverable.mp4").stat().st_size
        server = IntakeServer.start(root / "intake")
        # client -> counter (what the client sent) -> rate-capped link -> server
        link = TcpProxy(("127.0.0.1", server.port), rate_bits_s=args.mbit_s * 1e6)
        counter = FaultProxy(("127.0.0.1", link.port), FaultRules())
        home = root / "home"
        try:
            child = start_send(folder, counter.url, server.upload_key, home, write_details(root / "d.json"))
            while confirmed_offset(home) < 0.4 * size and child.poll() is None:
                time.sleep(0.01)
            time.sleep(rng.uniform(0, chunk * 8 / (args.mbit_s * 1e6)))  # somewhere inside the next chunk
            child.kill()
            child.wait(10)
            for stream in (child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
            first_run = counter.body_bytes_by_method["PATCH"]
            with sqlite3.connect(f"file:{outbox_path(home)}?mode=ro", uri=True) as db:
                url = str(db.execute("SELECT upload_url FROM files").fetchone()[0])
            head = requests.head(url.replace(counter.url, server.url), headers=server.tus_headers, timeout=10)
            server_offset = int(head.headers["Upload-Offset"])
            result = run_send(folder, counter.url, server.upload_key, home)
            total = counter.body_bytes_by_method["PATCH"]
        finally:
            counter.stop()
            link.stop()
            server.stop()
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        resent = total - size
        print(f"file: {size / MIB:.1f} MiB, chunk {chunk // MIB} MiB, link {args.mbit_s:.0f} Mbit/s")
        print(f"killed after {first_run / MIB:.2f} MiB sent; the server had {server_offset / MIB:.2f} MiB")
        code = result.stdout.strip().splitlines()[-1]
        print(f"second run sent {(total - first_run) / MIB:.2f} MiB; confirmed as {code}")
        print(f"ours (bytes re-sent):           {resent} ({resent / MIB:.3f} MiB)")
        print(f"reference (restart from zero):  {first_run} ({first_run / MIB:.3f} MiB)")
        print(f"ratio ours/one chunk: {resent / chunk:.3f}  (target <= 1.0)")
        load = os.getloadavg()
        print(f"load: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
