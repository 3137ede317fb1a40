"""Benchmark: intake at scale. 20 parallel 50 MB tus uploads to (a) one replica on the data folder, (b) two
replicas behind HAProxy on SeaweedFS + PostgreSQL, (c) @tus/server + @tus/s3-store on the same SeaweedFS.

Each configuration gets the same files, uploaded the same way (``bench_server_ingest.upload_all``: one
creation POST each, not timed, then every PATCH at once, each by its own ``curl`` streaming the whole file).
Timed: first PATCH start to last PATCH end. Every stored file or object is then read back and its SHA-256
checked against the source. Rounds alternate a, b, c so a slow moment of the shared machine hits all alike.

For the capacity model (packaging/server/RUNNING-AT-SCALE.md) the CPU seconds each process spent during the
timed part are measured: the replicas (and their workers), HAProxy, SeaweedFS and PostgreSQL, per GB
ingested.

Run: .venv/bin/python bench/bench_server_scale.py [--uploads 20] [--size-mb 50] [--rounds 2]
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_server_ingest import MB, MIB, Result, make_files, sha256_of, upload_all

from tests.helpers import haproxy
from tests.helpers.postgres import PostgresCluster
from tests.helpers.replicas import Replicas
from tests.helpers.seaweedfs import ACCESS_KEY, SECRET_KEY, SeaweedS3
from tests.helpers.server import IntakeServer
from tests.helpers.tus_node import NODE_DIR, NodeTusServer, node_available


@dataclass
class CpuMeter:
    """CPU seconds (user + system) spent by named process trees between ``start`` and ``stop``."""

    pids: dict[str, list[int]]
    before: dict[str, float] = field(default_factory=dict)
    spent: dict[str, float] = field(default_factory=dict)

    def _now(self, name: str) -> float:
        total = 0.0
        for pid in self.pids[name]:
            with contextlib.suppress(psutil.NoSuchProcess):
                root = psutil.Process(pid)
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        times = proc.cpu_times()
                        total += times.user + times.system
        return total

    @contextlib.contextmanager
    def measuring(self) -> Iterator[None]:
        self.before = {name: self._now(name) for name in self.pids}
        yield
        self.spent = {name: self._now(name) - self.before[name] for name in self.pids}


@dataclass
class Run:
    """One timed configuration: throughput and CPU seconds per component."""

    result: Result
    cpu_s: dict[str, float]


def object_sha256(store: SeaweedS3, bucket: str, key: str) -> str:
    digest = hashlib.sha256()
    body = store.client().get_object(Bucket=bucket, Key=key)["Body"]
    for block in body.iter_chunks(MIB):
        digest.update(block)
    return digest.hexdigest()


def empty_bucket(store: SeaweedS3, bucket: str) -> None:
    """Deletes what a run stored (keeps the store's disk small between rounds)."""
    client = store.client()
    for key in store.objects(bucket):
        client.delete_object(Bucket=bucket, Key=key)
    for key, upload_id in store.multipart_uploads(bucket):
        client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)


def verify(files: list[Path], urls: list[str], stored_sha256: Callable[[str], str]) -> None:
    """Every stored upload equals its source (SHA-256)."""
    for path, url in zip(files, urls, strict=True):
        if stored_sha256(url) != sha256_of(path):
            raise RuntimeError(f"stored bytes differ for {path.name}")


def _id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def run_folder(root: Path, files: list[Path]) -> Run:
    """(a) one replica, SQLite and the data folder."""
    server = IntakeServer.start(root / "a", settings={"max_upload_bytes": 16 * 1024**3})
    try:
        assert server.process is not None
        meter = CpuMeter({"replicas": [server.process.pid]})
        with meter.measuring():
            result, urls = upload_all(server.files_url, server.key_headers, files, server.process.pid)
        verify(files, urls, lambda url: sha256_of(server.data_dir / "uploads" / _id(url)))
        return Run(result, meter.spent)
    finally:
        server.stop()
        subprocess.run(["rm", "-rf", str(root / "a")], check=False)


def run_replicas(
    root: Path, files: list[Path], store: SeaweedS3, cluster: PostgresCluster, weed_pid: int
) -> Run:
    """(b) two replicas behind HAProxy on SeaweedFS and PostgreSQL."""
    replicas = Replicas.start(
        Path(tempfile.mkdtemp(dir=root)),
        store,
        cluster.new_database(),
        settings={"max_upload_bytes": 16 * 1024**3},
    )
    try:
        pids = [r.process.pid for r in replicas.replicas if r.process is not None]
        assert replicas.proxy.process is not None
        meter = CpuMeter(
            {
                "replicas": pids,
                "haproxy": [replicas.proxy.process.pid],
                "seaweedfs": [weed_pid],
                "postgresql": _postgres_pids(cluster),
            }
        )
        front = replicas.front
        with meter.measuring():
            result, urls = upload_all(front.files_url, front.key_headers, files, pids[0])
        verify(files, urls, lambda url: object_sha256(store, front.bucket, f"intake/uploads/{_id(url)}"))
        return Run(result, meter.spent)
    finally:
        replicas.stop()
        empty_bucket(store, replicas.front.bucket)


def run_node(files: list[Path], store: SeaweedS3, weed_pid: int) -> Run:
    """(c) @tus/server + @tus/s3-store on the same SeaweedFS."""
    bucket = store.bucket()
    env = {**os.environ, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
    process = subprocess.Popen(
        ["node", str(NODE_DIR / "tus_server.mjs"), "--s3-endpoint", store.endpoint, "--bucket", bucket],
        cwd=NODE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = ""
    for line in process.stdout:  # node may warn first (e.g. about its version)
        if line.startswith("LISTENING "):
            break
    else:
        process.kill()
        raise RuntimeError(f"@tus/server did not start: {line}")
    node = NodeTusServer(Path(bucket), int(line.split()[1]), process)  # its "directory" is the bucket
    try:
        meter = CpuMeter({"replicas": [process.pid], "seaweedfs": [weed_pid]})
        with meter.measuring():
            result, urls = upload_all(node.files_url, {}, files, process.pid)
        verify(files, urls, lambda url: object_sha256(store, bucket, _id(url)))
        return Run(result, meter.spent)
    finally:
        node.stop()
        empty_bucket(store, bucket)


def _postgres_pids(cluster: PostgresCluster) -> list[int]:
    pid_file = cluster.root / "data" / "postmaster.pid"
    return [int(pid_file.read_text().split()[0])]


def describe(name: str, run: Run, count: int, size_mb: float) -> str:
    result = run.result
    gb = result.total_bytes / 1e9
    cpu = ", ".join(f"{k} {v / gb:.1f}" for k, v in run.cpu_s.items())
    return (
        f"{name:<4} {count} x {size_mb:g} MB in {result.seconds:6.2f} s = {result.mb_per_s:7.1f} MB/s; "
        f"CPU s per GB: {cpu}"
    )


def main() -> None:
    """Runs (a), (b) and (c) on the same files, alternating rounds, and prints each and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=20, help="parallel uploads")
    parser.add_argument("--size-mb", type=float, default=50, help="size of each file in MB")
    parser.add_argument("--rounds", type=int, default=2, help="alternated rounds (best and median shown)")
    args = parser.parse_args()
    for reason in (node_available(), haproxy.unavailable(), PostgresCluster.unavailable()):
        if reason:
            sys.exit(f"Cannot run: {reason}")
    if not (NODE_DIR / "node_modules" / "@tus" / "s3-store").is_dir():
        sys.exit("Cannot run: @tus/s3-store is missing from tests/node (run ./dev setup)")
    cluster = PostgresCluster.start()
    store = SeaweedS3.start()
    try:
        assert store.process is not None
        weed_pid = store.process.pid
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
            root = Path(tmp)
            files = make_files(root / "files", args.uploads, int(args.size_mb * MB))
            runs: dict[str, list[Run]] = {"a": [], "b": [], "c": []}
            for _ in range(args.rounds):
                runs["a"].append(run_folder(root, files))
                runs["b"].append(run_replicas(root, files, store, cluster, weed_pid))
                runs["c"].append(run_node(files, store, weed_pid))
            best = {k: max(v, key=lambda r: r.result.mb_per_s) for k, v in runs.items()}
            median = {k: statistics.median(r.result.mb_per_s for r in v) for k, v in runs.items()}
            print(describe("(a)", best["a"], args.uploads, args.size_mb) + "  one replica, data folder")
            print(
                describe("(b)", best["b"], args.uploads, args.size_mb) + "  2 replicas + HAProxy, SeaweedFS"
            )
            print(describe("(c)", best["c"], args.uploads, args.size_mb) + "  @tus/server + @tus/s3-store")
            for key, label in (("a", "(a)"), ("b", "(b)"), ("c", "(c)")):
                rounds = ", ".join(f"{r.result.mb_per_s:.1f}" for r in runs[key])
                print(f"{label} every round, MB/s: {rounds}")
            b_c = best["b"].result.mb_per_s / best["c"].result.mb_per_s
            print(
                f"ratio (b)/(c): {b_c:.2f}x best of {args.rounds} (median {median['b'] / median['c']:.2f}x; "
                f"target >= 1.0x); (b)/(a): {best['b'].result.mb_per_s / best['a'].result.mb_per_s:.2f}x"
            )
            for path in files:
                path.unlink()
    finally:
        store.stop()
        cluster.stop()
    load = re.sub(r"\s+", " ", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(f"machine: {os.cpu_count()} cores; {load}")


if __name__ == "__main__":
    main()
