"""Benchmark: Stop -> deliverable for 60 s and 300 s 720p takes, ours vs a naive full re-encode.

By default the take is really recorded (synthetic camera and microphone through the take pipeline,
``recorder.takes.pipeline.record_take``, live H.264), and "ours" is the time from Stop to the finished and
checked deliverable (the pipeline's stop, finish and check: remux + audio loudness, then the take
check; the loudness was measured while recording, so Stop has gain, AAC and the mux left).
``--take built`` instead builds the take with lavfi per CONTRACTS.md section 1 and times
``finish_take`` alone. The reference is what a simple pipeline would do:
re-encode everything (libx264 veryfast) with single-pass loudnorm. Both are checked for A/V sync and
loudness afterwards.

Targets (issue 16): ours <= 0.5 s for 60 s, <= 1.0 s for 300 s (nearly flat in take length).

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_finish.py [--duration 60 300]
     [--take built]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.loudness import measure_file
from recorder.takes.deliverable import Deliverable, finish_take
from recorder.takes.pipeline import finish_and_check, record_take
from tests.helpers.avsync import AvSync, measure_av_sync
from tests.helpers.takes import make_take


def naive_finish(take_dir: Path, out: Path) -> None:
    """The reference: one full re-encode of video and audio with loudnorm."""
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-y", "-loglevel", "error", "-i", str(take_dir / "video.mkv"),
         "-f", "s16le", "-ar", "48000", "-ac", "1", "-i", str(take_dir / "audio.pcm"),
         "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
         "-pix_fmt", "yuv420p", "-r", "30", "-af", "loudnorm=I=-16:TP=-1.5:LRA=11", "-ar", "48000",
         "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-shortest", str(out)],
        check=True,
    )  # fmt: skip


def record_then_finish(submission: Path, duration_s: float) -> tuple[Path, Deliverable, float, float, float]:
    """Records a real take with the take pipeline; returns it, its deliverable, Stop->deliverable seconds
    (stop, finish and check), the stop part and the CPU seconds of finish and check (ffmpeg included: less
    sensitive than wall time to other work on the machine)."""
    clock = MonotonicClock()
    size = (1280, 720)
    video = open_video_source("synthetic:", clock, size=size)
    audio = open_audio_source("synthetic:", clock)
    recorded = record_take(
        submission, video, audio, clock=clock, duration_s=duration_s, size=size, finish=False
    )
    if recorded.error is not None:
        raise SystemExit(f"the take was not recorded: {recorded.error}")
    timings = recorded.timings_s
    before = os.times()
    finished = finish_and_check(recorded.take_dir, timings_s=timings)
    after = os.times()
    cpu_s = sum(after[:4]) - sum(before[:4])
    assert finished.deliverable is not None
    stop_to_deliverable_s = timings["stop"] + timings["finish"] + timings["check"]
    return recorded.take_dir, finished.deliverable, stop_to_deliverable_s, timings["stop"], cpu_s


def _print_quality(lufs: float | None, peak_dbtp: float | None, sync: AvSync) -> None:
    print(f"           loudness {lufs} LUFS, true peak {peak_dbtp} dBTP, A/V offset start "
          f"{sync.start_offset_ms:+.1f} ms, end {sync.end_offset_ms:+.1f} ms")  # fmt: skip


def main() -> None:
    """Per take length: builds the take, times both finishes, prints ours, the reference and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, nargs="+", default=[60.0, 300.0],
                        help="take lengths in seconds")  # fmt: skip
    parser.add_argument("--take", choices=("recorded", "built"), default="recorded",
                        help="record the take for real (default) or build it with lavfi")  # fmt: skip
    args = parser.parse_args()
    summary = []
    for duration_s in args.duration:
        ours_s, ref_s = bench_one(duration_s, args.take)
        summary.append(f"{duration_s:4.0f} s take: ours {ours_s:5.2f} s, reference {ref_s:6.2f} s, "
                       f"{ref_s / ours_s:5.1f}x")  # fmt: skip
    print("summary:   " + "\n           ".join(summary))
    cpu = re.sub(r"\s+", " ", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(f"machine:   {cpu}")


def bench_one(duration_s: float, take_kind: str) -> tuple[float, float]:
    """One take length: returns (ours, reference) seconds."""
    print(f"== {duration_s:.0f} s take")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        if take_kind == "recorded":
            take, ours, ours_s, stop_s, cpu_s = record_then_finish(Path(tmp), duration_s)
            what = f"Stop -> checked deliverable (stop {stop_s:.2f} s + finish and check, CPU {cpu_s:.2f} s)"
            print(f"recorded a {duration_s:.0f} s 1280x720 take in {time.perf_counter() - started:.1f} s")
        else:
            take = make_take(Path(tmp), duration_s=duration_s)
            print(f"built a {duration_s:.0f} s 1280x720 take in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            ours = finish_take(take)
            ours_s = time.perf_counter() - started
            what = "finish_take"
        ours_sync = measure_av_sync(ours.mp4_path)
        ours_loud = measure_file(ours.mp4_path)
        print(f"ours:      {ours_s:6.2f} s  {what}; steps {ours.timings_s}")
        print(f"           says {ours.loudness_lufs} LUFS, {ours.true_peak_dbtp} dBTP; ffmpeg's ebur128:")
        _print_quality(ours_loud.integrated_lufs, ours_loud.true_peak_dbtp, ours_sync)

        ref_path = Path(tmp) / "naive.mp4"
        started = time.perf_counter()
        naive_finish(take, ref_path)
        ref_s = time.perf_counter() - started
        ref_loud = measure_file(ref_path)
        ref_sync = measure_av_sync(ref_path)
        print(f"reference: {ref_s:6.2f} s  (full re-encode, libx264 veryfast + loudnorm)")
        _print_quality(ref_loud.integrated_lufs, ref_loud.true_peak_dbtp, ref_sync)
        print(f"ratio:     {ref_s / ours_s:6.1f}x faster")
    return ours_s, ref_s


if __name__ == "__main__":
    main()
