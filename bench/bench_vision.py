"""Benchmark: device-check picture analysis cost per camera frame.

Ours: :class:`recorder.vision.FrameAnalyser` as the device check uses it (lighting on one frame in 3, faces on
one analysed frame in 5, detection at 640 px wide). Reference: Haar face detection on every 720p frame at
full size, the naive approach. Prints both per-frame costs in ms and the ratio (ours / reference).

Run: .venv/bin/python bench/bench_vision.py
"""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np

from recorder.vision import FaceCounter, FrameAnalyser

FRAMES = 150
FACE = Path(__file__).resolve().parents[1] / "tests" / "data" / "face_public_domain.jpg"


def scene() -> np.ndarray:
    face = cv2.imread(str(FACE))
    assert face is not None, FACE
    big = cv2.resize(face, None, fx=2.0, fy=2.0)
    canvas = np.full((720, 1280, 3), 120, np.uint8)
    h, w = big.shape[:2]
    canvas[50 : 50 + h, 500 : 500 + w] = big
    return canvas


def main() -> None:
    frame = scene()
    counter = FaceCounter()
    analyser = FrameAnalyser(face_every_n=5, faces=counter)
    start = time.perf_counter()
    for i in range(FRAMES):
        if i % 3 == 0:
            analyser.analyse(frame)
    ours_ms = (time.perf_counter() - start) * 1000 / FRAMES

    classifier = cv2.CascadeClassifier(
        str(Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml")  # type: ignore[attr-defined]
    )
    start = time.perf_counter()
    for _ in range(FRAMES):
        grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        classifier.detectMultiScale(grey, scaleFactor=1.2, minNeighbors=5, minSize=(60, 60))
    reference_ms = (time.perf_counter() - start) * 1000 / FRAMES
    print(f"ours: {ours_ms:.2f} ms per camera frame (lighting 1/3 frames, faces 1/15 frames at 640 px)")
    print(f"reference: {reference_ms:.2f} ms per camera frame (faces on every frame at 1280x720)")
    print(f"ratio ours/reference: {ours_ms / reference_ms:.3f}")


if __name__ == "__main__":
    main()
