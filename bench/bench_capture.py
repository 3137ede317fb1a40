"""Benchmark: live capture at 720p30 and 1080p30 from the paced synthetic camera and microphone.

Ours: the whole recording path (capture threads, CFR timeline, queue, rawvideo pipe, ffmpeg live H.264,
audio.pcm, journal) for ``--duration`` seconds of real time: frames dropped/duplicated, CPU of our process
and of ffmpeg. Reference (same script, same frames, same x264 settings): a plain ffmpeg rawvideo pipe fed
as fast as it accepts them: its capacity in fps and its CPU per frame. Printed: CPU per recorded frame,
ours vs the plain pipe, and the ratio (our overhead); plus our headroom (pipe capacity / 30 fps).

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_capture.py [--duration 120]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.devices.synthetic import SyntheticVideo
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.takes.encoder import EncoderSettings, encoder_command
from recorder.takes.pipeline import record_take
from tests.helpers.clock import FakeClock

SIZES = {"720p": (1280, 720), "1080p": (1920, 1080)}
FPS = 30


class CpuMeter:
    """CPU seconds of this process and of its children, sampled so that exited children still count."""

    def __init__(self) -> None:
        self.me = psutil.Process()
        self.children: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self.start_self_s = self._self_s()

    def _self_s(self) -> float:
        times = self.me.cpu_times()
        return float(times.user + times.system)

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.sample_children()

    def sample_children(self) -> None:
        for child in self.me.children(recursive=True):
            try:
                times = child.cpu_times()
                self.children[child.pid] = float(times.user + times.system)
            except psutil.Error:
                pass

    def __enter__(self) -> CpuMeter:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.self_s = self._self_s() - self.start_self_s
        self.children_s = sum(self.children.values())


def ours(size: tuple[int, int], duration_s: float) -> dict[str, float]:
    clock = MonotonicClock()
    with tempfile.TemporaryDirectory() as tmp:
        video = open_video_source("synthetic:", clock, size=size)
        audio = open_audio_source("synthetic:", clock)
        started = time.perf_counter()
        with CpuMeter() as cpu:
            recorded = record_take(
                Path(tmp), video, audio, clock=clock, duration_s=duration_s, size=size, finish=False,
                while_recording=lambda _recorder: cpu.sample_children(), poll_s=0.2,
            )  # fmt: skip
        wall_s = time.perf_counter() - started
    journal = recorded.journal
    frames = int(journal["frames_written"])
    return {
        "frames": frames,
        "expected": round(duration_s * FPS),
        "duplicated": int(journal["frames_duplicated"]),
        "dropped": int(journal["frames_dropped"]),
        "self_cpu_s": cpu.self_s,
        "ffmpeg_cpu_s": cpu.children_s,
        "wall_s": wall_s,
        "cpu_ms_per_frame": 1000 * (cpu.self_s + cpu.children_s) / max(1, frames),
        "cores_used": (cpu.self_s + cpu.children_s) / wall_s,
    }


def reference(size: tuple[int, int], frames: int) -> dict[str, float]:
    """A plain rawvideo pipe into ffmpeg (same x264 settings) fed synthetic frames as fast as it takes."""
    source = SyntheticVideo(FakeClock(), size, FPS)  # a fake clock: frames as fast as they can be made
    ring = [frame for _t, frame in islice(source.frames(), FPS)]
    with tempfile.TemporaryDirectory() as tmp:
        cmd = encoder_command(Path(tmp) / "ref.mkv", size, size, FPS, EncoderSettings(), ffmpeg_exe())
        with CpuMeter() as cpu:
            started = time.perf_counter()
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
            assert proc.stdin is not None
            for i in range(frames):
                proc.stdin.write(ring[i % len(ring)].data.cast("B"))
                if i % 30 == 0:
                    cpu.sample_children()
            proc.stdin.close()
            cpu.sample_children()
            proc.wait()
            wall_s = time.perf_counter() - started
    return {
        "fps": frames / wall_s,
        "cpu_ms_per_frame": 1000 * (cpu.self_s + cpu.children_s) / frames,
        "wall_s": wall_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of live capture per size")
    parser.add_argument("--sizes", default="720p,1080p", help="comma-separated: 720p,1080p")
    args = parser.parse_args()
    for name in args.sizes.split(","):
        size = SIZES[name]
        mine = ours(size, args.duration)
        ref = reference(size, int(min(mine["frames"], 20 * FPS)) or FPS)
        ratio = mine["cpu_ms_per_frame"] / ref["cpu_ms_per_frame"]
        met = "met" if mine["dropped"] == 0 else "NOT met"
        lines = [
            f"{name}30, {args.duration:.0f} s live capture (ffmpeg live x264 {EncoderSettings().preset})",
            f"  ours:      {mine['frames']:.0f}/{mine['expected']:.0f} frames, dropped {mine['dropped']:.0f},"
            f" duplicated {mine['duplicated']:.0f}; CPU {mine['cpu_ms_per_frame']:.1f} ms/frame"
            f" (python {mine['self_cpu_s']:.1f} s + ffmpeg {mine['ffmpeg_cpu_s']:.1f} s"
            f" = {100 * mine['cores_used']:.0f}% of one core)",
            f"  reference: plain rawvideo pipe -> ffmpeg, same frames and settings:"
            f" capacity {ref['fps']:.0f} fps, CPU {ref['cpu_ms_per_frame']:.1f} ms/frame",
            f"  ratio:     CPU per frame ours/reference {ratio:.2f}x;"
            f" headroom of the pipe at 30 fps {ref['fps'] / FPS:.1f}x; 0 dropped frames: {met}",
        ]
        print("\n".join(lines), flush=True)
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"machine: {uptime}")


if __name__ == "__main__":
    main()
