"""Benchmark: upload size at equal quality on a realistic talking head, before and after (issue 16 target 6).

A lossless talking-head source (bench/talking_head.py: a real photograph of a person swaying over a real
background, camera jitter, sensor noise sigma 4) is recorded through ``file:`` sources by the one take
pipeline (live encode, Stop, finish), once with the previous live settings (x264 ultrafast CRF 21) and once
with today's. For each deliverable it prints bytes per minute and VMAF (libvmaf in the app's ffmpeg) against
the source (judged on the live encoder fed the source frame for frame: see :func:`encode_exact`); the
reference is x264 ``medium`` on the same source at the CRF whose VMAF matches ours within
0.5 (found by secant steps), with the same sound, and the ratio of the bytes (target <= 1.3). Quality is
compared on the first ``--compare-s`` seconds (the cut copies whole frames up to it); bytes per minute
are of the whole deliverable. Last, each 60 s deliverable is sent with our tus client through a TCP proxy
emulating a 4 Mbit/s uplink (30 ms RTT) to the in-script sink server, and the send times are printed.

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_upload_size.py [--duration 60]
     [--compare-s 20] [--mbit-s 4]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_upload import MIB, ours
from talking_head import make_talking_head
from upload_sink import SinkServer

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.takes.encoder import EncoderSettings, LiveEncoder
from recorder.takes.pipeline import record_take
from tests.helpers.tcp_proxy import TcpProxy

#: The live settings before issue 16 (x264 ultrafast, CRF 21, zero latency).
BEFORE = EncoderSettings(
    preset="ultrafast", crf=21, x264_params="8x8dct=1", tune="zerolatency", keyframe_s=1.0
)
VMAF_MATCH = 0.5


@dataclass(frozen=True)
class Measured:
    label: str
    mp4: Path
    bytes_per_min: float
    vmaf: float
    cut_bytes: int  # the compared span: video + sound
    ref_crf: float
    ref_vmaf: float
    ref_bytes: int  # x264 medium video at ref_crf + the same sound
    audio_bytes: int
    dropped: int
    duplicated: int


def ffmpeg(*args: str) -> str:
    done = subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-y", "-hide_banner", *args], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-800:])
    return done.stderr


def vmaf(distorted: Path, source: Path, seconds: float) -> float:
    """VMAF of the first ``seconds`` of ``distorted`` against the source (both from their first frame)."""
    graph = (
        "[0:v]setpts=PTS-STARTPTS[d];[1:v]setpts=PTS-STARTPTS[r];"
        f"[d][r]libvmaf=n_threads={os.cpu_count() or 2}"
    )
    err = ffmpeg("-t", f"{seconds}", "-i", str(distorted), "-t", f"{seconds}", "-i", str(source),
                 "-lavfi", graph, "-f", "null", "-")  # fmt: skip
    match = re.search(r"VMAF score: ([\d.]+)", err)
    if match is None:
        raise RuntimeError(err[-800:])
    return float(match[1])


def cut(mp4: Path, out: Path, seconds: float, stream: str) -> int:
    """Bytes of the first ``seconds`` of one stream (v or a), copied."""
    ffmpeg(
        "-loglevel",
        "error",
        "-i",
        str(mp4),
        "-t",
        f"{seconds}",
        "-map",
        f"0:{stream}:0",
        "-c",
        "copy",
        str(out),
    )
    return out.stat().st_size


def medium_at(source: Path, crf: float, seconds: float, out: Path) -> tuple[float, int]:
    """VMAF and video bytes of x264 medium at ``crf`` on the first ``seconds`` of the source."""
    ffmpeg("-loglevel", "error", "-t", f"{seconds}", "-i", str(source), "-an", "-c:v", "libx264",
           "-preset", "medium", "-crf", f"{crf:.2f}", "-pix_fmt", "yuv420p", str(out))  # fmt: skip
    return vmaf(out, source, seconds), out.stat().st_size


def matched_medium(source: Path, target_vmaf: float, seconds: float, work: Path) -> tuple[float, float, int]:
    """(crf, vmaf, bytes) of x264 medium whose VMAF is within :data:`VMAF_MATCH` of ``target_vmaf``."""
    points: list[tuple[float, float, int]] = []
    crf = 23.0
    for step in range(7):
        score, size = medium_at(source, crf, seconds, work / f"medium{step}.mkv")
        points.append((crf, score, size))
        print(f"           medium CRF {crf:5.2f}: VMAF {score:6.2f}, {size * 8 / seconds / 1e6:5.2f} Mbit/s")
        if abs(score - target_vmaf) <= VMAF_MATCH:
            return crf, score, size
        if len(points) >= 2:
            (c0, v0, _), (c1, v1, _) = points[-2], points[-1]
            slope = (v1 - v0) / (c1 - c0) if c1 != c0 and v1 != v0 else -1.0
        else:
            slope = -1.0  # about one VMAF point per CRF step here
        crf = min(51.0, max(0.0, crf + (target_vmaf - score) / min(slope, -0.1)))
    best = min(points, key=lambda p: abs(p[1] - target_vmaf))
    return best


def record(
    label: str, source: Path, folder: Path, duration_s: float, settings: EncoderSettings | None
) -> Path:
    clock = MonotonicClock()
    size = (1280, 720)
    video = open_video_source(f"file:{source}", clock, size=size)
    audio = open_audio_source(f"file:{source}", clock)
    folder.mkdir()
    taken = record_take(folder, video, audio, clock=clock, duration_s=duration_s, size=size, encoder=settings)
    if taken.finished is None:
        raise SystemExit(f"{label}: the take was not finished: {taken.error}")
    journal = taken.journal
    stop_s = taken.timings_s["stop"] + taken.timings_s["finish"] + taken.timings_s["check"]
    print(f"{label}: recorded, {journal.get('frames_dropped')} frames dropped, "
          f"{journal.get('frames_duplicated')} duplicated; Stop -> deliverable {stop_s:.2f} s")  # fmt: skip
    return taken.finished.mp4_path


def encode_exact(source: Path, settings: EncoderSettings, seconds: float, out: Path) -> Path:
    """The live encoder (same class and settings) fed the source's first ``seconds`` frame for frame.

    A recording under load drops and duplicates a few frames; VMAF compares frame n with frame n, so one
    dropped frame ruins the comparison of everything after it. Quality is therefore judged on the encoder
    fed exactly the camera's frames, and bytes per minute, lost frames and send times on the recording.
    """
    width, height = 1280, 720
    decoder = subprocess.Popen(
        [ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-t", f"{seconds}", "-i", str(source),
         "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1"],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    assert decoder.stdout is not None
    encoder = LiveEncoder(out, (width, height), (width, height), 30, settings)
    frame_bytes = width * height * 3
    while len(raw := decoder.stdout.read(frame_bytes)) == frame_bytes:
        encoder.write(np.frombuffer(raw, np.uint8).reshape(height, width, 3))
    encoder.close()
    decoder.wait()
    return out


def measure(
    label: str, mp4: Path, source: Path, seconds: float, work: Path, settings: EncoderSettings
) -> Measured:
    duration = _duration_s(mp4)
    per_min = mp4.stat().st_size / duration * 60
    recorded_vmaf = vmaf(mp4, source, seconds)
    exact = encode_exact(source, settings, seconds, work / f"{label}-exact.mkv")
    score = vmaf(exact, source, seconds)
    video_bytes = exact.stat().st_size
    audio_bytes = cut(mp4, work / f"{label}-a.m4a", seconds, "a")
    print(
        f"{label}: {per_min / 1e6:6.2f} MB per minute ({per_min * 8 / 60 / 1e6:.2f} Mbit/s); VMAF of the "
        f"live encoder on the camera's frames {score:.2f} (of the recording: {recorded_vmaf:.2f})"
    )
    crf, ref_vmaf, ref_video = matched_medium(source, score, seconds, work)
    dropped, duplicated = _take_counts(mp4)
    return Measured(
        label, mp4, per_min, score, video_bytes + audio_bytes, crf, ref_vmaf, ref_video + audio_bytes,
        audio_bytes, dropped, duplicated,
    )  # fmt: skip


def _duration_s(mp4: Path) -> float:
    err = ffmpeg("-i", str(mp4), "-map", "0:v:0", "-c", "copy", "-f", "null", "-")
    times = re.findall(r"time=(\d+):(\d+):([\d.]+)", err)
    h, m, s = times[-1]
    return int(h) * 3600 + int(m) * 60 + float(s)


def _take_counts(mp4: Path) -> tuple[int, int]:
    journal = json.loads((mp4.parent / "journal.json").read_text(encoding="utf-8"))
    return int(journal.get("frames_dropped") or 0), int(journal.get("frames_duplicated") or 0)


def send_time(mp4: Path, mbit_s: float, work: Path) -> float:
    """Seconds to send ``mp4`` with our tus client over the emulated uplink."""
    digest = hashlib.sha256(mp4.read_bytes()).hexdigest()
    sink_dir = work / f"sink-{time.monotonic_ns()}"
    sink_dir.mkdir()
    sink = SinkServer(sink_dir)
    proxy = TcpProxy(("127.0.0.1", sink.port), rtt_s=0.03, rate_bits_s=mbit_s * 1e6)
    try:
        return ours(proxy.url, mp4, digest, 8 * MIB)
    finally:
        proxy.stop()
        sink.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="answer length in seconds")
    parser.add_argument("--compare-s", type=float, default=20.0, help="seconds compared for quality")
    parser.add_argument("--mbit-s", type=float, default=4.0, help="emulated uplink")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-size-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        source = make_talking_head(work / "source.mkv", args.duration)
        print(f"source: {args.duration:.0f} s lossless talking head, 1280x720, built in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        results = []
        for label, settings in (("before", BEFORE), ("after", None)):
            mp4 = record(label, source, work / label, args.duration, settings)
            results.append(measure(label, mp4, source, args.compare_s, work, settings or EncoderSettings()))
        for r in results:
            ratio = r.cut_bytes / r.ref_bytes
            video_ratio = (r.cut_bytes - r.audio_bytes) / (r.ref_bytes - r.audio_bytes)
            print(
                f"{r.label:6s}: {r.bytes_per_min / 1e6:6.2f} MB/min, VMAF {r.vmaf:.2f}; x264 medium CRF "
                f"{r.ref_crf:.2f} VMAF {r.ref_vmaf:.2f}: ratio {ratio:.2f} (target <= 1.3; video alone "
                f"{video_ratio:.2f}); live frames dropped {r.dropped}, duplicated {r.duplicated}"
            )
        for r in results:
            seconds = send_time(r.mp4, args.mbit_s, work)
            print(f"send {r.label:6s}: {r.mp4.stat().st_size / 1e6:6.2f} MB in {seconds:6.1f} s over "
                  f"{args.mbit_s:g} Mbit/s")  # fmt: skip
        load = os.getloadavg()
        print(f"load: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 cores shared with other work)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
