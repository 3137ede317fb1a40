"""Benchmark: small faces on real photographs, and what finding them costs the 9:16 export.

1. Detection rate. Two public-domain portraits (tests/data/README.md) with the face 60, 75 and 90 px wide,
   moving at 150 px/s over a public-domain photograph in a 1280x720 clip with sensor noise
   (:mod:`tests.helpers.real_faces`), sampled 3 times a second as the export samples it. Ours: the export's
   :func:`recorder.export.faces.track_faces`. Reference: the detector before issue 16 (one Haar scan of
   the frame scaled to 640 px wide, scale step 1.2, 5 neighbours, smallest face 40 px there, i.e. 80 px in
   the frame), run on the same samples. A sample counts when a box is the true face (centre within half a
   face, width 0.6-1.6x).
2. Export time. 60 s clips of the 60 px face, one swaying off-centre like a speaker, one crossing the
   frame at 150 px/s: :func:`recorder.export.export_clip` for 9:16 only (face track, crop path, render; no
   captions or end card) against the plain centre-crop re-encode of the same clip at the same size and
   encoder settings (bench_export's reference), alternating rounds; the best round of each and the ratio,
   in wall time and in CPU time. A crop that follows a face crossing the frame makes a panning picture,
   which x264 needs more bits and time for than the still centre crop: that part is the picture's cost,
   not the face finder's.

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_faces.py [--rounds 2] [--duration 60]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_export import reference_encode

from recorder.export import ExportRequest, Shape, export_clip
from recorder.export.faces import track_faces
from recorder.export.shapes import Size
from recorder.media.ffmpeg_binary import ffmpeg_exe
from tests.helpers.real_faces import PORTRAITS, RealFaceClip, make_real_face_clip, matches
from tests.unit.recorder.export.consent_states import approved_consent

WIDTHS_PX = (60, 75, 90)
SPEED_PX_S = 150.0
SAMPLE_FPS = 3.0
SOURCE = Size(1280, 720)


def previous_detector(grey: np.ndarray[Any, Any], classifier: Any) -> list[tuple[float, ...]]:
    """The detector before issue 16: one scan at 640 px wide, smallest face 40 px there."""
    scale = grey.shape[1] / 640
    small = cv2.resize(grey, (640, round(grey.shape[0] / scale)), interpolation=cv2.INTER_AREA)
    found = classifier.detectMultiScale(small, scaleFactor=1.2, minNeighbors=5, minSize=(40, 40))
    return [(x * scale, y * scale, w * scale, h * scale) for (x, y, w, h) in found]


def sampled_frames(clip: RealFaceClip) -> list[tuple[float, np.ndarray[Any, Any]]]:
    """The frames the export samples (every 10th at 30 fps), full size, grey."""
    step = round(clip.fps / SAMPLE_FPS)
    width, height = clip.size
    raw = subprocess.run(
        [ffmpeg_exe(), "-loglevel", "error", "-i", str(clip.path), "-vf", f"select='not(mod(n,{step}))'",
         "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    frames = np.frombuffer(raw, np.uint8).reshape(-1, height, width)
    return [(i * step / clip.fps, frame) for i, frame in enumerate(frames)]


def detection_rates(tmp: Path) -> None:
    classifier = cv2.CascadeClassifier(
        str(Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml")  # type: ignore[attr-defined]
    )
    print(f"detection rate, faces moving {SPEED_PX_S:.0f} px/s, sampled {SAMPLE_FPS:g}/s "
          "(ours / before issue 16; false boxes in brackets)")  # fmt: skip
    worst = 1.0
    for portrait in PORTRAITS:
        cells = []
        for width in WIDTHS_PX:
            clip = make_real_face_clip(
                tmp / f"{portrait.name}_{width}.mp4", portrait, width, speed_px_s=SPEED_PX_S, duration_s=10
            )
            track = track_faces(clip.path, SOURCE, clip.duration_s, sample_fps=SAMPLE_FPS)
            ours: list[tuple[float, list[tuple[float, ...]]]] = [
                (s.t_s, [(b.x, b.y, b.width, b.height) for b in s.faces]) for s in track.samples
            ]
            before = [(t, previous_detector(frame, classifier)) for t, frame in sampled_frames(clip)]
            ours_rate, ours_false = _score(clip, ours)
            before_rate, before_false = _score(clip, before)
            worst = min(worst, ours_rate)
            cells.append(f"{width} px {ours_rate:4.0%} ({ours_false}) / {before_rate:4.0%} ({before_false})")
        print(f"  {portrait.name:8s} " + "   ".join(cells))
    print(f"  lowest rate of ours: {worst:.0%} (target: at least 90 % for 60 px faces)")


def _score(clip: RealFaceClip, samples: list[tuple[float, list[tuple[float, ...]]]]) -> tuple[float, int]:
    hits = false = 0
    for t_s, boxes in samples:
        good = [matches((b[0], b[1], b[2], b[3]), clip.face_box(t_s)) for b in boxes]
        hits += any(good)
        false += good.count(False)
    return hits / len(samples), false


def export_ratio(tmp: Path, duration_s: float, rounds: int) -> None:
    """Ours against the plain centre-crop re-encode, on a swaying speaker and on a face crossing the frame."""
    clips = {
        "60 px face swaying off-centre (40 px/s over 80 px)": make_real_face_clip(
            tmp / "sway.mp4", PORTRAITS[1], 60, speed_px_s=40, duration_s=duration_s, x_range=(150, 230)
        ),
        f"60 px face crossing the frame at {SPEED_PX_S:.0f} px/s": make_real_face_clip(
            tmp / "cross.mp4", PORTRAITS[1], 60, speed_px_s=SPEED_PX_S, duration_s=duration_s
        ),
    }
    print(
        f"9:16 export of a {duration_s:.0f} s clip, best of {rounds} alternating rounds (wall time; CPU time"
    )
    print("of ffmpeg and this process in brackets, which other work on the machine disturbs less):")
    for name, clip in clips.items():
        ours: list[tuple[float, float, float]] = []
        reference: list[tuple[float, float]] = []
        for _ in range(rounds):
            with _timed() as spent:
                reference_encode(clip.path, tmp / "reference.mp4", Shape.PORTRAIT, SOURCE)
            reference.append(spent())
            request = ExportRequest(clip.path, tmp / "ours", "bench", [Shape.PORTRAIT], approved_consent())
            with _timed() as spent:
                result = export_clip(request)
            assert result.face_found
            ours.append((*spent(), result.timings_s["faces"]))
        wall, cpu, faces = min(ours)
        ref_wall, ref_cpu = min(reference)
        print(f"  {name}:")
        print(f"    ours:      {wall:6.2f} s ({cpu:6.2f} s CPU), of which the face track {faces:.2f} s")
        print(
            f"    reference: {ref_wall:6.2f} s ({ref_cpu:6.2f} s CPU) plain centre-crop re-encode, same size"
        )
        print(f"    ratio:     {wall / ref_wall:6.2f}x ({cpu / ref_cpu:4.2f}x CPU)  (target: at most 1.3x)")


@contextlib.contextmanager
def _timed() -> Iterator[Callable[[], tuple[float, float]]]:
    """Wall and CPU seconds (this process and its children) of the block; the yielded function, after it."""

    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    started_wall, started_cpu = time.perf_counter(), cpu()
    result: list[tuple[float, float]] = []
    yield lambda: result[0]
    result.append((time.perf_counter() - started_wall, cpu() - started_cpu))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=60.0, help="length of the timed clip in seconds")
    parser.add_argument("--rounds", type=int, default=2, help="alternating timed rounds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        detection_rates(Path(tmp))
        export_ratio(Path(tmp), args.duration, args.rounds)
    load = re.sub(r"\s+", " ", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(f"machine: {load}")


if __name__ == "__main__":
    main()
