"""Finds frontal faces down to 60 px wide in a 720p frame, cheaply enough to run over a whole clip.

Qt-free; shared by the export's face track (:mod:`recorder.export.faces`) and the device check
(:mod:`recorder.vision`). OpenCV's frontal-face Haar cascade looks at 24×24-pixel windows, so a face is found
only where the image it scans shows the face at least that wide. Two kinds of look:

* a **whole-frame scan** of the frame halved (``SCAN_SCALE``): faces from ``MIN_FACE_PX`` (48 px) wide up,
  anywhere. Its smallest window sizes cost the most (they have the most positions), so it runs on the first
  frame, then once every ``rescan_every`` frames and whenever nothing is being followed;
* a **look around each face already found**, at full resolution, in a region a face-width either side of
  where it was and for sizes 0.75–1.35× what it was. This costs a few milliseconds, finds a small face
  far more reliably than the halved scan (which sees a 60 px face at only 30 px), and follows a face
  moving 150 px/s sampled three times a second.

:class:`FaceTracker` combines them over a sequence of frames (a clip's samples, or camera frames).
Measured on real photographs composited on a real photograph (``bench/bench_faces.py``): a 60 px face is
found in every sampled frame where the earlier detector (one scan at 640 px wide, smallest face 80 px)
found none.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

#: The smallest face the whole-frame scan looks for, in frame pixels (the 24 px window × SCAN_SCALE).
MIN_FACE_PX = 48
#: The whole-frame scan runs on the frame reduced by this factor (never below the cascade's window).
SCAN_SCALE = 2.0
#: Steps between the window sizes tried, and how many overlapping hits make a face (OpenCV's parameters).
SCALE_STEP = 1.1
MIN_NEIGHBOURS = 3
#: While faces are being followed, a whole-frame scan runs on one frame in this many (the export samples 3
#: frames a second, so a new face is found within 2 s; the scan costs about ten looks around a face).
DEFAULT_RESCAN_EVERY = 6
_WINDOW_PX = 24


@dataclass(frozen=True)
class Box:
    """A face rectangle in frame pixels."""

    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    @property
    def area(self) -> float:
        return self.width * self.height

    def contains(self, point: tuple[float, float]) -> bool:
        px, py = point
        return self.x <= px <= self.x + self.width and self.y <= py <= self.y + self.height


class FaceFinder:
    """OpenCV's bundled frontal-face Haar cascade with the two kinds of look (module docstring).

    Args:
        cascade_path: a cascade XML; defaults to ``haarcascade_frontalface_default.xml`` from ``cv2.data``.

    Raises:
        RuntimeError: the cascade cannot be loaded (a broken OpenCV installation).
    """

    def __init__(self, cascade_path: Path | None = None) -> None:
        path = cascade_path or Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"  # type: ignore[attr-defined]
        self._classifier: Any = cv2.CascadeClassifier(str(path))
        if self._classifier.empty():
            raise RuntimeError(f"The face detector could not be loaded from {path}.")
        self._lock = threading.Lock()  # CascadeClassifier is not documented as thread-safe

    def find(self, frame_bgr: np.ndarray[Any, Any]) -> tuple[Box, ...]:
        """Every face in a colour frame (one whole-frame scan)."""
        return self.scan(cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2GRAY))

    def scan(self, grey: np.ndarray[Any, Any]) -> tuple[Box, ...]:
        """Faces from ``MIN_FACE_PX`` wide up anywhere in a grey frame."""
        h, w = grey.shape[:2]
        scale = min(SCAN_SCALE, w / _WINDOW_PX, h / _WINDOW_PX)
        small = grey
        if scale > 1.0:
            size = (max(_WINDOW_PX, round(w / scale)), max(_WINDOW_PX, round(h / scale)))
            small = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
        else:
            scale = 1.0
        found = self._detect(small, _WINDOW_PX, None)
        return tuple(Box(x * scale, y * scale, bw * scale, bh * scale) for (x, y, bw, bh) in found)

    def look_around(self, grey: np.ndarray[Any, Any], face: Box) -> tuple[Box, ...]:
        """The face near ``face`` in a grey frame at full resolution (it may have moved or changed size)."""
        h, w = grey.shape[:2]
        margin = max(face.width, face.height, MIN_FACE_PX)
        x0, y0 = max(0, int(face.x - margin)), max(0, int(face.y - margin))
        x1 = min(w, int(face.x + face.width + margin))
        y1 = min(h, int(face.y + face.height + margin))
        smallest = max(_WINDOW_PX, int(face.width * 0.75))
        largest = int(face.width * 1.35) + 1
        if x1 - x0 < smallest or y1 - y0 < smallest:
            return ()
        found = self._detect(grey[y0:y1, x0:x1], smallest, largest)
        return tuple(Box(x + x0, y + y0, bw, bh) for (x, y, bw, bh) in found)

    def _detect(self, grey: np.ndarray[Any, Any], smallest: int, largest: int | None) -> Any:
        max_size = (largest, largest) if largest else (0, 0)  # (0, 0): no upper limit
        with self._lock:
            return self._classifier.detectMultiScale(
                grey, scaleFactor=SCALE_STEP, minNeighbors=MIN_NEIGHBOURS,
                minSize=(smallest, smallest), maxSize=max_size,
            )  # fmt: skip


class FaceTracker:
    """Faces in a sequence of frames: looks around the faces of the last frame, scans the whole frame now
    and then (module docstring). One tracker per sequence; not thread-safe.

    Args:
        finder: the shared detector (the cascade loads once).
        rescan_every: at most this many frames between whole-frame scans while faces are followed.
    """

    def __init__(self, finder: FaceFinder | None = None, rescan_every: int = DEFAULT_RESCAN_EVERY) -> None:
        if rescan_every < 1:
            raise ValueError("rescan_every must be at least 1")
        self._finder = finder or FaceFinder()
        self._rescan_every = rescan_every
        self._since_scan = 0
        self._last: tuple[Box, ...] = ()

    def update(self, grey: np.ndarray[Any, Any]) -> tuple[Box, ...]:
        """The faces in the next frame of the sequence (grey, full resolution)."""
        followed: list[Box] = []
        for face in self._last:
            near = self._finder.look_around(grey, face)
            if near:
                followed.append(min(near, key=lambda b: _distance(b.centre, face.centre)))
        faces = _distinct(followed)
        self._since_scan += 1
        if not faces or self._since_scan >= self._rescan_every:
            self._since_scan = 0
            faces = _distinct([*faces, *self._finder.scan(grey)])
        self._last = faces
        return faces


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def _distinct(boxes: Sequence[Box]) -> tuple[Box, ...]:
    """``boxes`` without repeats: a box whose centre lies inside an earlier one is the same face."""
    kept: list[Box] = []
    for box in boxes:
        if not any(other.contains(box.centre) or box.contains(other.centre) for other in kept):
            kept.append(box)
    return tuple(kept)
