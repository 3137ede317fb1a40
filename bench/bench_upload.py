"""Benchmark (a): 200 MiB over loopback — our tus client (8 MiB chunks) vs a requests streamed PUT.

Both clients send the same file to the same in-script sink server (bench/upload_sink.py), whose PUT and
tus PATCH handlers write through one shared receive loop, so the only difference is the client and the
protocol (OPTIONS + POST + one PATCH per chunk, each waiting for its answer). Ours runs on the app's own
session (recorder.net.build_session); the reference is ``requests.put(url, data=file)`` on a plain
Session. The SHA-256 of the whole file is computed beforehand (as the manifest already has it) and is not
timed. Rounds alternate ours/reference; the best round of each is reported with the median.

Extra lines (``--also-intake``) time our client against the real intake server (checksum extension on, the
server hashes every chunk) for information; there is no PUT there to compare with.

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_upload.py [--size-mib 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from upload_sink import SinkServer

from recorder.net import NetworkSettings, build_session
from recorder.upload import TusClient

MIB = 1024 * 1024


def make_file(folder: Path, size_mib: int) -> tuple[Path, str]:
    path = folder / "payload.bin"
    digest = hashlib.sha256()
    with path.open("wb") as handle:
        for _ in range(size_mib):
            block = os.urandom(MIB)
            digest.update(block)
            handle.write(block)
    return path, digest.hexdigest()


def ours(
    base_url: str, path: Path, digest: str, chunk_bytes: int, headers: dict[str, str] | None = None
) -> float:
    """Seconds for our client to create and upload the file (a fresh session, as a new send would)."""
    session = build_session(NetworkSettings(server_url=base_url))
    client = TusClient(session, f"{base_url}/files/", headers=headers or {}, chunk_size_bytes=chunk_bytes)
    started = time.perf_counter()
    client.upload(
        path, size_bytes=path.stat().st_size, metadata={"filename": "payload.bin", "sha256": digest}
    )
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def reference(base_url: str, path: Path) -> float:
    """Seconds for one streamed ``requests`` PUT of the file."""
    with requests.Session() as session, path.open("rb") as handle:
        started = time.perf_counter()
        response = session.put(f"{base_url}/put/payload.bin", data=handle, timeout=(10, 600))
        elapsed = time.perf_counter() - started
    response.raise_for_status()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=200)
    parser.add_argument("--chunk-mib", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--also-intake", action="store_true", help="also time ours against the intake server")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        root = Path(tmp)
        path, digest = make_file(root, args.size_mib)
        (root / "sink").mkdir()
        sink = SinkServer(root / "sink")
        size_mb = path.stat().st_size / 1e6
        ours_s: list[float] = []
        ref_s: list[float] = []
        try:
            ours(sink.url, path, digest, args.chunk_mib * MIB)  # warm-up (page cache, imports)
            sink.clear()
            for _ in range(args.rounds):
                ours_s.append(ours(sink.url, path, digest, args.chunk_mib * MIB))
                sink.clear()
                ref_s.append(reference(sink.url, path))
                sink.clear()
        finally:
            sink.stop()
        best_ours, best_ref = size_mb / min(ours_s), size_mb / min(ref_s)
        med_ours, med_ref = size_mb / statistics.median(ours_s), size_mb / statistics.median(ref_s)
        print(
            f"payload: {args.size_mib} MiB over loopback, {args.chunk_mib} MiB chunks, {args.rounds} rounds"
        )
        print("server: same-script sink (PUT and tus PATCH share one receive loop)")
        print(f"ours (tus, best):       {best_ours:8.1f} MB/s   median {med_ours:8.1f} MB/s")
        print(f"reference (PUT, best):  {best_ref:8.1f} MB/s   median {med_ref:8.1f} MB/s")
        print(f"ratio (best):   {best_ours / best_ref:.3f}  (target >= 0.90)")
        print(f"ratio (median): {med_ours / med_ref:.3f}")
        if args.also_intake:
            from tests.helpers.server import IntakeServer

            server = IntakeServer.start(root / "intake")
            try:
                seconds = ours(server.url, path, digest, args.chunk_mib * MIB, server.key_headers)
                rate = size_mb / seconds
                print(f"info: ours against the intake server (sha256 checksum per chunk): {rate:.1f} MB/s")
            finally:
                server.stop()
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
