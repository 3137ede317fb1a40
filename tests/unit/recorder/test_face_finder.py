"""Small faces on real photographs: found over a moving clip, followed, new ones picked up, none invented.

The clips are real portraits moving at 150 px/s over a real photograph with sensor noise
(:mod:`tests.helpers.real_faces`); detection is judged against the known face path.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from recorder.export.faces import FaceTrack, track_faces
from recorder.export.shapes import Size
from recorder.face_finder import Box, FaceFinder, FaceTracker
from recorder.vision import FaceCounter
from tests.helpers.real_faces import (
    BACKGROUND_JPG,
    PORTRAITS,
    Portrait,
    RealFaceClip,
    make_real_face_clip,
    matches,
)

SOURCE = Size(1280, 720)


@pytest.fixture(scope="module")
def finder() -> FaceFinder:
    return FaceFinder()


def detection_rate(clip: RealFaceClip, track: FaceTrack) -> float:
    hits = [any(matches(_xywh(b), clip.face_box(s.t_s)) for b in s.faces) for s in track.samples]
    return sum(hits) / len(hits)


@pytest.mark.slow
@pytest.mark.parametrize("width_px", [60, 75])
@pytest.mark.parametrize("portrait", PORTRAITS, ids=lambda p: p.name)
def test_small_moving_faces_are_found_in_nine_samples_in_ten(
    portrait: Portrait, width_px: int, finder: FaceFinder, tmp_path: Path
) -> None:
    clip = make_real_face_clip(tmp_path / "clip.mp4", portrait, width_px, speed_px_s=150, duration_s=4)
    track = track_faces(clip.path, SOURCE, clip.duration_s, sample_fps=3, finder=finder)
    assert len(track.samples) >= 12
    assert detection_rate(clip, track) >= 0.9
    for sample in track.samples:  # nothing but the face: the crop never chases a false box
        truth = clip.face_box(sample.t_s)
        assert all(matches(_xywh(b), truth) for b in sample.faces), sample


def test_a_face_that_appears_later_is_picked_up_by_a_rescan(finder: FaceFinder) -> None:
    background = cv2.resize(cv2.imread(str(BACKGROUND_JPG)), (1280, 720), interpolation=cv2.INTER_CUBIC)
    photo = cv2.imread(str(PORTRAITS[0].path))
    first = _paste(background, photo, 100, 200, 1.0)
    both = _paste(first, photo, 900, 250, 1.0)
    tracker = FaceTracker(finder, rescan_every=3)
    assert len(tracker.update(_grey(first))) == 1
    seen = [len(tracker.update(_grey(both))) for _ in range(3)]
    assert seen[-1] == 2, seen  # found by the scan at the latest on the third frame after it appeared
    assert len(tracker.update(_grey(background))) == 0  # both gone: nothing is held on to


def test_no_face_is_invented_on_the_background_alone(finder: FaceFinder) -> None:
    background = cv2.resize(cv2.imread(str(BACKGROUND_JPG)), (1280, 720), interpolation=cv2.INTER_CUBIC)
    noisy = np.clip(background + np.random.default_rng(3).normal(0, 4, background.shape), 0, 255)
    assert finder.find(noisy.astype(np.uint8)) == ()


def test_the_device_check_counts_a_person_far_from_the_camera() -> None:
    """60 px at 720p: a person 2-3 m from a laptop webcam (the device check used to say nobody)."""
    background = cv2.resize(cv2.imread(str(BACKGROUND_JPG)), (1280, 720), interpolation=cv2.INTER_CUBIC)
    portrait = PORTRAITS[1]
    scale = 60 / portrait.face[2]
    photo = cv2.imread(str(portrait.path))
    frame = _paste(background, photo, 830, 120, scale)
    assert FaceCounter().count(frame) == 1


def test_rescan_every_must_be_positive(finder: FaceFinder) -> None:
    with pytest.raises(ValueError, match="rescan_every"):
        FaceTracker(finder, rescan_every=0)


def _paste(frame: np.ndarray, photo: np.ndarray, x: int, y: int, scale: float) -> np.ndarray:
    out = frame.copy()
    scaled = cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = scaled.shape[:2]
    out[y : y + h, x : x + w] = scaled
    return out


def _grey(frame: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def _xywh(box: Box) -> tuple[float, float, float, float]:
    return box.x, box.y, box.width, box.height
