"""Benchmark: peak memory (RSS) across a long 720p take, and whether it stays flat.

Ours: a real take (synthetic camera and microphone, the take pipeline's record_take, live ffmpeg) for
``--duration`` seconds (default 600 = 10 minutes), sampling every second the RSS of this process and of
the ffmpeg child. Reference (same script, before recording): this process with everything imported and both
sources opened but not recording. Printed: peak RSS ours vs the reference and their ratio, ffmpeg's
peak, and the drift between the first and last minute (flat means no growth with take length).
The target is a peak of at most 350 MB and flat.

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_rss.py [--duration 600]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.takes.pipeline import record_take

MB = 1024 * 1024
SIZE = (1280, 720)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=600.0, help="take length in seconds")
    args = parser.parse_args()
    me = psutil.Process()
    clock = MonotonicClock()
    video = open_video_source("synthetic:", clock, size=SIZE)
    audio = open_audio_source("synthetic:", clock)
    reference_mb = me.memory_info().rss / MB
    samples: list[tuple[float, float, float]] = []  # (seconds, ours MB, ffmpeg MB)
    started = time.monotonic()

    def sample(_recorder: object) -> None:
        ffmpeg_mb = 0.0
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                ffmpeg_mb += child.memory_info().rss / MB
        samples.append((time.monotonic() - started, me.memory_info().rss / MB, ffmpeg_mb))

    with tempfile.TemporaryDirectory() as tmp:
        result = record_take(
            Path(tmp), video, audio, clock=clock, duration_s=args.duration, size=SIZE, finish=False,
            while_recording=sample, poll_s=1.0,
        )  # fmt: skip
    peak_mb = max(s[1] for s in samples)
    ffmpeg_peak_mb = max(s[2] for s in samples)
    window = max(1, min(60, len(samples) // 4))
    first = sum(s[1] for s in samples[:window]) / window
    last = sum(s[1] for s in samples[-window:]) / window
    frames = result.journal["frames_written"]
    lost = f"dropped {result.journal['frames_dropped']}, duplicated {result.journal['frames_duplicated']}"
    print(f"{args.duration:.0f} s 1280x720 take: {frames} frames, {lost}")
    print(f"ours:      peak RSS {peak_mb:.0f} MB (python process); ffmpeg peak {ffmpeg_peak_mb:.0f} MB; "
          f"total peak {max(s[1] + s[2] for s in samples):.0f} MB")  # fmt: skip
    print(f"           first {window} s average {first:.0f} MB, last {window} s average {last:.0f} MB "
          f"(drift {last - first:+.1f} MB)")  # fmt: skip
    minutes = [f"{s[1]:.0f}" for s in samples[59::60]]
    print(f"           RSS at each full minute (MB): {', '.join(minutes) or '-'}")
    print(f"reference: {reference_mb:.0f} MB (same process, sources open, not recording)")
    ok = "met" if peak_mb <= 350 and abs(last - first) < 20 else "NOT met"
    print(f"ratio:     {peak_mb / reference_mb:.2f}x the idle process; target <= 350 MB and flat: {ok}")
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"machine:   {uptime}")


if __name__ == "__main__":
    main()
