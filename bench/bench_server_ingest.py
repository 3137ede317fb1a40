"""Benchmark: tus ingest of 20 parallel 50 MB uploads on loopback, ours vs @tus/server + @tus/file-store.

Both servers get the same files, uploaded the same way: one creation POST each (not timed), then all PATCHes
at once, each by its own ``curl`` process streaming the file in one request (the tus SHOULD: all remaining
bytes in one PATCH), so the client is C code and not the bottleneck. Timed: first PATCH start to last PATCH
end. Server peak RSS is sampled every 20 ms (process and children). Every stored file is then checked
byte for byte (SHA-256) against its source. Ours also runs with smaller and larger files to show its
memory does not grow with file size.

Run: .venv/bin/python bench/bench_server_ingest.py [--uploads 20] [--size-mb 50]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.server import IntakeServer
from tests.helpers.tus_node import NodeTusServer, node_available

MB = 1000 * 1000
MIB = 1024 * 1024


@dataclass(frozen=True)
class Result:
    """One timed run."""

    seconds: float
    total_bytes: int
    peak_rss_bytes: int

    @property
    def mb_per_s(self) -> float:
        """Aggregate throughput in MB/s (10^6 bytes)."""
        return self.total_bytes / MB / self.seconds


class RssSampler:
    """Samples a process tree's resident memory in a thread; keeps the peak."""

    def __init__(self, pid: int, interval_s: float = 0.02) -> None:
        self.process = psutil.Process(pid)
        self.interval_s = interval_s
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for proc in [self.process, *self.process.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                total += proc.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, self._sample())
            self._stop.wait(self.interval_s)

    def __enter__(self) -> RssSampler:
        self.peak_bytes = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_bytes = max(self.peak_bytes, self._sample())


def make_files(folder: Path, count: int, size_bytes: int) -> list[Path]:
    """Random files (incompressible), written once and reused for both servers."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        path = folder / f"file{index:02d}.bin"
        with path.open("wb") as handle:
            left = size_bytes
            while left:
                block = os.urandom(min(left, 8 * MIB))
                handle.write(block)
                left -= len(block)
        files.append(path)
    return files


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(MIB):
            digest.update(block)
    return digest.hexdigest()


def upload_all(
    files_url: str, headers: dict[str, str], files: list[Path], pid: int
) -> tuple[Result, list[str]]:
    """Creates one upload per file, then PATCHes them all at once with curl; returns timing and URLs."""
    urls = []
    for path in files:
        created = requests.post(
            files_url,
            headers={**headers, "Tus-Resumable": "1.0.0", "Upload-Length": str(path.stat().st_size)},
        )
        created.raise_for_status()
        urls.append(created.headers["Location"])
    header_args: list[str] = []
    for name, value in {
        **headers,
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream",
        "Expect": "",
    }.items():
        header_args += ["-H", f"{name}: {value}" if value else f"{name}:"]
    with RssSampler(pid) as sampler:
        started = time.perf_counter()
        procs = [
            subprocess.Popen(
                [
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}",
                    "-X",
                    "PATCH",
                    "-T",
                    str(path),
                    *header_args,
                    url,
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            for path, url in zip(files, urls, strict=True)
        ]
        codes = [proc.communicate()[0] for proc in procs]
        seconds = time.perf_counter() - started
    if any(code != "204" for code in codes):
        raise RuntimeError(f"some PATCHes failed: {codes}")
    total = sum(path.stat().st_size for path in files)
    return Result(seconds, total, sampler.peak_bytes), urls


def verify(files: list[Path], urls: list[str], stored_path: Callable[[str], Path]) -> None:
    """Every stored file equals its source."""
    for path, url in zip(files, urls, strict=True):
        if sha256_of(stored_path(url)) != sha256_of(path):
            raise RuntimeError(f"stored bytes differ for {path.name}")


def run_ours(root: Path, files: list[Path]) -> Result:
    server = IntakeServer.start(root / "ours", settings={"max_upload_bytes": 16 * 1024**3})
    try:
        assert server.process is not None
        result, urls = upload_all(server.files_url, server.key_headers, files, server.process.pid)
        verify(files, urls, lambda url: server.data_dir / "uploads" / url.rsplit("/", 1)[-1])
        return result
    finally:
        server.stop()
        subprocess.run(["rm", "-rf", str(root / "ours")], check=False)


def run_reference(root: Path, files: list[Path]) -> Result:
    server = NodeTusServer.start(root / "node")
    try:
        assert server.process is not None
        result, urls = upload_all(server.files_url, {}, files, server.process.pid)
        verify(files, urls, server.upload_path)
        return result
    finally:
        server.stop()
        subprocess.run(["rm", "-rf", str(root / "node")], check=False)


def line(name: str, result: Result, count: int, size_mb: float) -> str:
    return (
        f"{name:<10} {count} x {size_mb:g} MB in {result.seconds:6.2f} s = {result.mb_per_s:7.1f} MB/s, "
        f"server peak RSS {result.peak_rss_bytes / MIB:6.1f} MiB"
    )


def main() -> None:
    """Runs both servers on the same files and prints ours, the reference and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=20, help="parallel uploads")
    parser.add_argument("--size-mb", type=float, default=50, help="size of each file in MB")
    parser.add_argument("--rounds", type=int, default=3, help="alternated runs per server (best and median)")
    args = parser.parse_args()
    reason = node_available()
    if reason:
        sys.exit(f"The reference server cannot run: {reason}")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        root = Path(tmp)
        files = make_files(root / "files", args.uploads, int(args.size_mb * MB))
        ours: list[Result] = []
        reference: list[Result] = []
        for _ in range(args.rounds):  # alternated, so a slow moment of the machine hits both alike
            ours.append(run_ours(root, files))
            reference.append(run_reference(root, files))
        best_ours = max(ours, key=lambda r: r.mb_per_s)
        best_ref = max(reference, key=lambda r: r.mb_per_s)
        print(line("ours:", best_ours, args.uploads, args.size_mb))
        print(line("reference:", best_ref, args.uploads, args.size_mb) + "  (@tus/server + @tus/file-store)")
        median_ratio = statistics.median(r.mb_per_s for r in ours) / statistics.median(
            r.mb_per_s for r in reference
        )
        print(
            f"ratio:     {best_ours.mb_per_s / best_ref.mb_per_s:.2f}x throughput best of {args.rounds} "
            f"(median {median_ratio:.2f}x; target >= 1.0x), "
            f"peak RSS {best_ours.peak_rss_bytes / best_ref.peak_rss_bytes:.2f}x of the reference"
        )
        for path in files:
            path.unlink()
        small = make_files(root / "small", args.uploads, int(args.size_mb * MB / 10))
        small_result = run_ours(root, small)
        for path in small:
            path.unlink()
        large = make_files(root / "large", max(2, args.uploads // 4), int(args.size_mb * MB * 4))
        large_result = run_ours(root, large)
        print(
            "RSS vs file size (ours): "
            f"{args.uploads} x {args.size_mb / 10:g} MB -> {small_result.peak_rss_bytes / MIB:.1f} MiB; "
            f"{args.uploads} x {args.size_mb:g} MB -> {best_ours.peak_rss_bytes / MIB:.1f} MiB; "
            f"{len(large)} x {args.size_mb * 4:g} MB -> {large_result.peak_rss_bytes / MIB:.1f} MiB"
        )
        load = re.sub(r"\s+", " ", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
        print(f"machine:   {os.cpu_count()} cores; {load}")


if __name__ == "__main__":
    main()
