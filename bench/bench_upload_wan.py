"""Benchmark (b): the same upload through an emulated WAN (30 ms RTT, 50 Mbit/s) — ours vs a plain PUT.

A TCP proxy in this script (tests/helpers/tcp_proxy.py) sits between the clients and the same-script sink
server (bench/upload_sink.py): each direction is a shared 50 Mbit/s link with 15 ms one-way delay and a
bounded queue. Ours: the tus client on the app's session, 8 MiB chunks, so each chunk costs one round trip
of idle link while its answer comes back. Reference: one streamed ``requests`` PUT through the same proxy.

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_upload_wan.py [--size-mib 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_upload import MIB, make_file, ours, reference
from upload_sink import SinkServer

from tests.helpers.tcp_proxy import TcpProxy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=200)
    parser.add_argument("--chunk-mib", type=int, default=8)
    parser.add_argument("--rtt-ms", type=float, default=30.0)
    parser.add_argument("--mbit-s", type=float, default=50.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-wan-") as tmp:
        root = Path(tmp)
        path, digest = make_file(root, args.size_mib)
        (root / "sink").mkdir()
        sink = SinkServer(root / "sink")
        proxy = TcpProxy(("127.0.0.1", sink.port), rtt_s=args.rtt_ms / 1000, rate_bits_s=args.mbit_s * 1e6)
        try:
            ours_s = ours(proxy.url, path, digest, args.chunk_mib * MIB)
            sink.clear()
            ref_s = reference(proxy.url, path)
        finally:
            proxy.stop()
            sink.stop()
        size_mbit = path.stat().st_size * 8 / 1e6
        print(f"payload: {args.size_mib} MiB, link {args.mbit_s:.0f} Mbit/s with {args.rtt_ms:.0f} ms RTT, "
              f"{args.chunk_mib} MiB chunks")  # fmt: skip
        print(f"ours (tus):       {size_mbit / ours_s:6.2f} Mbit/s  ({ours_s:.1f} s)")
        print(f"reference (PUT):  {size_mbit / ref_s:6.2f} Mbit/s  ({ref_s:.1f} s)")
        print(f"ratio: {ref_s / ours_s:.3f}  (target >= 0.95)")
        load = os.getloadavg()
        print(f"load: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
