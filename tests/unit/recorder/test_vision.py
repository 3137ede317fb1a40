"""Tests for recorder.vision: lighting hints and face counting on real OpenCV detection."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from recorder.vision import FaceCounter, FrameAnalyser, Lighting, lighting_of

# A crop of NASA's public-domain portrait of astronaut Eileen Collins (as shipped in scikit-image's data).
FACE_JPG = Path(__file__).resolve().parents[2] / "data" / "face_public_domain.jpg"


@pytest.fixture(scope="module")
def counter() -> FaceCounter:
    return FaceCounter()


def _scene(faces: int, background: int = 120) -> np.ndarray:
    face = cv2.imread(str(FACE_JPG))
    assert face is not None
    big = cv2.resize(face, None, fx=2.0, fy=2.0)
    h, w = big.shape[:2]
    canvas = np.full((720, 1280, 3), background, np.uint8)
    for i in range(faces):
        x = 100 + i * 600
        canvas[50 : 50 + h, x : x + w] = big
    return canvas


@pytest.mark.parametrize("faces", [0, 1, 2])
def test_counts_faces_in_a_720p_frame(counter: FaceCounter, faces: int) -> None:
    assert counter.count(_scene(faces)) == faces


def test_dark_frame_is_too_dark() -> None:
    frame = np.full((360, 640, 3), 20, np.uint8)
    assert lighting_of(frame)[0] is Lighting.TOO_DARK


def test_bright_window_behind_a_dark_person_is_backlit() -> None:
    frame = np.full((360, 640, 3), 240, np.uint8)
    frame[90:270, 160:480] = 50
    assert lighting_of(frame)[0] is Lighting.BACKLIT


def test_evenly_lit_scene_is_ok() -> None:
    lighting, mean_level = lighting_of(_scene(1))
    assert lighting is Lighting.OK
    assert 60 < mean_level < 200


def test_analyser_detects_only_every_nth_frame(counter: FaceCounter) -> None:
    analyser = FrameAnalyser(face_every_n=3, faces=counter)
    two, none = _scene(2), _scene(0)
    assert analyser.analyse(two).faces == 2  # frame 0: detection runs
    # frames 1 and 2 show nobody, but no detection runs, so the last count stands
    assert analyser.analyse(none).faces == 2
    assert analyser.analyse(none).faces == 2
    assert analyser.analyse(none).faces == 0  # frame 3: detection runs again


def test_a_missing_cascade_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="face detector"):
        FaceCounter(tmp_path / "nothing.xml")
