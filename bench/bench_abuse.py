"""Benchmark: the intake server under abuse, ours (server.http_protocol's limited httptools) against uvicorn's
stock httptools protocol (the reference the red team measured) and h11 (the other way to cap headers).

1. ingest: the limits must not cost throughput. 10 parallel 50 MB tus PATCHes by curl, MB/s, rounds
   alternated between the three (ours / stock httptools / h11 with its 16 KiB head cap).
2. sign-in flood: 200 clients from 200 loopback addresses sending wrong sign-ins for 16 s; health and tus
   creation latency p50 / p99 / max before and during the flood, ours vs the same server with sign-ins
   unbounded as before the fix (argon2 on 40 threads, no cap); printed: the p99 ratio.
3. endless headers: 10 connections each sending a 50 MiB header line without an end; the server's RSS
   growth, ours vs stock httptools (target < 64 MiB).
4. idle connections: 2,000 held silent at a 1024 file-handle limit; health answered and its latency, and the
   handles the server held, ours vs stock httptools.

The attacks run in their own processes (tests/helpers/floods.py). On a shared machine figures are noisy:
the load average is printed, and the ingest rounds alternate so a slow moment hits every variant alike.

Run: .venv/bin/python bench/bench_abuse.py [--rounds 3] [--skip ingest,flood,headers,idle]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_server_ingest import MB, make_files, upload_all, verify  # this script's folder is on sys.path

from tests.helpers.server import IntakeServer

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
VARIANTS = ("limited", "httptools", "h11")


@contextmanager
def server(root: Path, impl: str, **options: object) -> Iterator[IntakeServer]:
    """A real server (its CLI) with the given HTTP protocol; stopped and its folder removed afterwards."""
    launcher = ("-m", "server.cli") if impl == "limited" else (str(ROOT / "bench" / "serve_variant.py"), impl)
    started = IntakeServer.start(root / impl, launcher=launcher, **options)  # type: ignore[arg-type]
    try:
        yield started
    finally:
        started.stop()
        subprocess.run(["rm", "-rf", str(root / impl)], check=False)


def attack(port: int, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.helpers.floods", args[0], str(port), *args[1:]]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)


def outcome_of(process: subprocess.Popen[str]) -> dict[str, float]:
    result: dict[str, float] = json.loads(process.communicate(timeout=300)[0].splitlines()[-1])
    return result


def percentiles(values_s: list[float]) -> str:
    ordered = sorted(values_s)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return (
        f"p50 {statistics.median(ordered) * 1000:6.1f} ms  p99 {p99 * 1000:7.1f} ms  "
        f"max {ordered[-1] * 1000:7.1f} ms  (n={len(ordered)})"
    )


def p99(values_s: list[float]) -> float:
    ordered = sorted(values_s)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def ingest(root: Path, rounds: int, uploads: int, size_mb: float) -> None:
    files = make_files(root / "files", uploads, int(size_mb * MB))
    speeds: dict[str, list[float]] = {impl: [] for impl in VARIANTS}
    for _ in range(rounds):
        for impl in VARIANTS:
            with server(root, impl, settings={"max_upload_bytes": 16 * 1024**3}) as running:
                assert running.process is not None
                result, urls = upload_all(running.files_url, running.key_headers, files, running.process.pid)
                verify(files, urls, lambda url: running.data_dir / "uploads" / url.rsplit("/", 1)[-1])
                speeds[impl].append(result.mb_per_s)
    for impl in VARIANTS:
        print(f"ingest {impl:<10} {uploads} x {size_mb:g} MB: best {max(speeds[impl]):7.1f} MB/s, "
              f"median {statistics.median(speeds[impl]):7.1f} MB/s")  # fmt: skip
    ours, h11 = (
        statistics.median(speeds[impl]) / statistics.median(speeds["httptools"]) for impl in VARIANTS[::2]
    )
    print(f"ingest ratio: ours {ours:.2f}x, h11 {h11:.2f}x of stock httptools (median of {rounds} rounds)")
    for path in files:
        path.unlink()


def measure(running: IntakeServer, seconds: float) -> tuple[list[float], list[float]]:
    """Health and tus creation latencies, one after the other, for ``seconds``."""
    health, create = [], []
    creation = {**running.tus_headers, "Upload-Length": "1000"}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        requests.get(f"{running.url}/api/v1/health", timeout=60).raise_for_status()
        health.append(time.perf_counter() - started)
        started = time.perf_counter()
        created = requests.post(running.files_url, headers=creation, timeout=60)
        create.append(time.perf_counter() - started)
        created.raise_for_status()
        requests.delete(created.headers["Location"], headers=running.tus_headers, timeout=60)  # key quota
    return health, create


FLOOD_S = 16
#: As before the fix: argon2 on as many threads as uvicorn's shared pool (40), no cap on sign-ins in flight.
UNBOUNDED = {"login_concurrency": 100_000, "login_hash_workers": 40}


def flood(root: Path) -> None:
    results = {}
    for name, settings in (("ours", {}), ("unbounded", UNBOUNDED)):
        with server(root, "limited", settings=settings) as running:
            idle_health, idle_create = measure(running, 4)
            flooding = attack(running.port, "login", "--clients", "200", "--seconds", str(FLOOD_S))
            time.sleep(1)
            flood_health, flood_create = measure(running, FLOOD_S - 2)
            outcome = outcome_of(flooding)
        results[name] = flood_health, flood_create
        print(f"sign-in flood {name} ({settings or 'defaults'}), 200 clients x {FLOOD_S} s: {outcome}")
        print(f"  health  idle    {percentiles(idle_health)}")
        print(f"  health  flood   {percentiles(flood_health)}")
        print(f"  tus POST idle   {percentiles(idle_create)}")
        print(f"  tus POST flood  {percentiles(flood_create)}")
    (ours_health, ours_create), (ref_health, ref_create) = results["ours"], results["unbounded"]
    print(f"  p99 under the flood, ours vs unbounded: health {p99(ours_health) / p99(ref_health):.2f}x, "
          f"tus creation {p99(ours_create) / p99(ref_create):.2f}x (target: ours under 1 s)")  # fmt: skip


def rss(running: IntakeServer) -> int:
    assert running.process is not None
    return int(psutil.Process(running.process.pid).memory_info().rss)


def headers(root: Path) -> None:
    for impl in ("limited", "httptools"):
        with server(root, impl) as running:
            before = rss(running)
            peak = before
            attacking = attack(running.port, "headers", "--clients", "10", "--mib", "50")
            while attacking.poll() is None:
                peak = max(peak, rss(running))
                time.sleep(0.05)
            outcome = outcome_of(attacking)
            after = rss(running)
        grown, kept = (peak - before) / MIB, (after - before) / MIB
        print(f"endless headers {impl:<10} RSS {before / MIB:6.1f} -> peak {peak / MIB:6.1f} MiB "
              f"(growth {grown:6.1f} MiB, {kept:6.1f} after): {outcome}")  # fmt: skip


def idle(root: Path) -> None:
    for impl in ("limited", "httptools"):
        with server(root, impl, settings={"header_timeout_s": 5}, nofile=1024) as running:
            assert running.process is not None
            process = psutil.Process(running.process.pid)
            holding = attack(running.port, "idle", "--clients", "2000", "--seconds", "10")
            assert holding.stdout is not None
            holding.stdout.readline()
            answered, latencies, handles = 0, [], 0
            for _ in range(30):
                started = time.perf_counter()
                try:
                    requests.get(f"{running.url}/api/v1/health", timeout=3).raise_for_status()
                    answered += 1
                    latencies.append(time.perf_counter() - started)
                except requests.RequestException:
                    pass
                handles = max(handles, process.num_fds())
                time.sleep(0.1)
            outcome = outcome_of(holding)
        shown = percentiles(latencies) if latencies else "-"
        print(f"2000 idle at LimitNOFILE=1024, {impl:<10} health answered {answered}/30 {shown}; "
              f"server held up to {handles} handles; {outcome}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternated ingest rounds per variant")
    parser.add_argument("--uploads", type=int, default=10)
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="bench-abuse-") as tmp:
        root = Path(tmp)
        if "ingest" not in skip:
            ingest(root, args.rounds, args.uploads, args.size_mb)
        if "flood" not in skip:
            flood(root)
        if "headers" not in skip:
            headers(root)
        if "idle" not in skip:
            idle(root)
    load = re.sub(r"\s+", " ", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(f"machine: {os.cpu_count()} cores; {load}")


if __name__ == "__main__":
    main()
