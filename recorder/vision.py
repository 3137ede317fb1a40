"""Cheap look at camera frames for the device check: lighting hint and how many faces are in shot.

Qt-free. Faces are found by :mod:`recorder.face_finder` (OpenCV's Haar cascade; a whole-frame scan of the
frame halved, and a full-resolution look around the faces of the last detection, so a person 2-3 m from a
laptop's camera, 60 px wide at 720p, is counted). Detection runs only every ``face_every_n`` frames, because
a whole-frame scan takes tens of milliseconds and must not run at the camera's frame rate on a shared
two-core PC. The lighting hint is computed on a further-reduced grey image and costs well under a
millisecond.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from recorder.face_finder import FaceFinder, FaceTracker
from recorder.ports import Frame

#: Mean brightness (0-255) below which the picture is called too dark.
DARK_MEAN_LEVEL = 55.0
#: A frame is backlit when its border is this much brighter than its centre (0-255 levels)...
BACKLIT_DELTA_LEVEL = 60.0
#: ...and the centre, where the face should be, is itself fairly dark.
BACKLIT_CENTRE_MAX_LEVEL = 110.0


class Lighting(enum.Enum):
    """The lighting hint shown next to the preview. Values are stable keys, not user text."""

    UNKNOWN = "unknown"  # no frame analysed yet; the zero state is never a real verdict
    OK = "ok"
    TOO_DARK = "too_dark"
    BACKLIT = "backlit"


@dataclass(frozen=True)
class FrameReport:
    """What the device check says about the picture.

    Attributes:
        lighting: the lighting hint.
        mean_level: mean brightness 0-255 of the whole frame.
        faces: faces found in the most recent detection (-1 before the first detection).
    """

    lighting: Lighting
    mean_level: float
    faces: int


def lighting_of(frame: Frame) -> tuple[Lighting, float]:
    """Classify the lighting of one BGR frame.

    Args:
        frame: BGR uint8 image.

    Returns:
        The hint and the mean brightness (0-255).
    """
    small = cv2.resize(frame, (64, 36), interpolation=cv2.INTER_AREA)
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
    mean_level = float(grey.mean())
    if mean_level < DARK_MEAN_LEVEL:
        return Lighting.TOO_DARK, mean_level
    h, w = grey.shape
    centre = grey[h // 4 : h - h // 4, w // 4 : w - w // 4]
    border_mask = np.ones_like(grey, dtype=bool)
    border_mask[h // 4 : h - h // 4, w // 4 : w - w // 4] = False
    centre_level = float(centre.mean())
    border_level = float(grey[border_mask].mean())
    if border_level - centre_level > BACKLIT_DELTA_LEVEL and centre_level < BACKLIT_CENTRE_MAX_LEVEL:
        return Lighting.BACKLIT, mean_level
    return Lighting.OK, mean_level


class FaceCounter:
    """Counts frontal faces in successive camera frames (one :class:`FaceTracker` over them, scanning each).

    Args:
        cascade_path: a cascade XML; defaults to OpenCV's bundled frontal-face cascade.

    Raises:
        RuntimeError: the cascade cannot be loaded (a broken OpenCV install).
    """

    def __init__(self, cascade_path: Path | None = None) -> None:
        # Detections are already sparse here (every n-th frame), so each one scans the whole frame: someone
        # stepping into view is counted at once; following the last faces keeps a small one counted.
        self._tracker = FaceTracker(FaceFinder(cascade_path), rescan_every=1)
        self._lock = threading.Lock()  # one detection at a time; the tracker remembers the last frame's faces

    def count(self, frame: Frame) -> int:
        """Number of faces in a BGR frame."""
        # No histogram equalisation: on a plain background it swings contrast so much that a lone face
        # is missed, and the cascade copes with ordinary office lighting without it.
        grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        with self._lock:
            return len(self._tracker.update(grey))


class FrameAnalyser:
    """Lighting on every frame offered, faces every ``face_every_n`` frames; keeps the last face count.

    Args:
        face_every_n: run face detection on one frame in this many.
        faces: the face counter (shared, so the cascade loads once).
    """

    def __init__(self, face_every_n: int = 15, faces: FaceCounter | None = None) -> None:
        if face_every_n < 1:
            raise ValueError("face_every_n must be at least 1")
        self._every_n = face_every_n
        self._faces = faces or FaceCounter()
        self._seen = 0
        self._last_faces = -1

    def analyse(self, frame: Frame) -> FrameReport:
        """Report on ``frame``; the face count is refreshed only on every n-th call."""
        lighting, mean_level = lighting_of(frame)
        if self._seen % self._every_n == 0:
            self._last_faces = self._faces.count(frame)
        self._seen += 1
        return FrameReport(lighting=lighting, mean_level=mean_level, faces=self._last_faces)
