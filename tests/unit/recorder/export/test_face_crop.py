"""9:16 export of a clip whose face moves: the face stays inside the crop at every frame, and the exported
pictures really show it (detected again in the output)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorder.export import ExportRequest, Shape, export_clip
from recorder.export.faces import FaceFinder, track_faces
from recorder.export.shapes import Size
from tests.helpers.real_faces import PORTRAITS, make_real_face_clip, matches
from tests.unit.recorder.export.consent_states import approved_consent
from tests.unit.recorder.export.ffprobe import ffprobe, frame_at, video_stream
from tests.unit.recorder.export.moving_face import MovingFace, make_moving_face_clip

FPS = 30


@pytest.fixture(scope="module")
def moving(tmp_path_factory: pytest.TempPathFactory) -> MovingFace:
    return make_moving_face_clip(tmp_path_factory.mktemp("face") / "moving.mp4", duration_s=4.0)


def test_detection_follows_the_known_path(moving: MovingFace) -> None:
    track = track_faces(moving.path, Size(1280, 720), moving.duration_s, sample_fps=3)
    hits = [s for s in track.samples if s.faces]
    assert len(hits) >= 0.9 * len(track.samples)
    for sample in hits:
        x, _y, w, _h = moving.face_box(sample.t_s)
        found = sample.faces[0]
        assert found.x == pytest.approx(x, abs=0.25 * w), f"t={sample.t_s}"


def test_portrait_crop_keeps_the_moving_face_inside(moving: MovingFace, tmp_path: Path) -> None:
    result = export_clip(ExportRequest(moving.path, tmp_path, "moving", [Shape.PORTRAIT], approved_consent()))
    assert result.face_found
    path = result.crop_paths[Shape.PORTRAIT]
    window_w = path.window.width_px
    centre_x = (1280 - window_w) / 2
    centre_would_cut = 0
    for frame in range(int(moving.duration_s * FPS)):
        t_s = frame / FPS
        x, y, w, h = moving.face_box(t_s)
        crop_x, crop_y = path.at(t_s)
        assert crop_x <= x and x + w <= crop_x + window_w, f"face outside the crop at {t_s:.2f} s"
        assert crop_y <= y and y + h <= crop_y + path.window.height_px
        centre_would_cut += not (centre_x <= x and x + w <= centre_x + window_w)
    assert centre_would_cut > FPS, "the test clip must defeat a plain centre crop"

    out = result.files[Shape.PORTRAIT]
    video = video_stream(ffprobe(out))
    assert (video["width"], video["height"]) == (720, 1280)
    finder = FaceFinder()
    scale = 720 / window_w
    for t_s in (0.2, 1.0, 2.0, 3.0, 3.8):
        faces = finder.find(frame_at(out, t_s))
        assert faces, f"no face in the exported frame at {t_s} s"
        x, _y, w, _h = moving.face_box(t_s)
        expected_x = (x - path.at(t_s)[0]) * scale
        best = min(faces, key=lambda b: abs(b.x - expected_x))
        assert best.x >= 0 and best.x + best.width <= 720
        assert best.x == pytest.approx(expected_x, abs=0.3 * w * scale), f"t={t_s}"


def test_a_clip_without_a_face_is_cropped_in_the_centre(tmp_path: Path) -> None:
    from tests.helpers.media import make_deliverable_mp4

    clip = make_deliverable_mp4(tmp_path / "noface.mp4", duration_s=1.0)
    result = export_clip(ExportRequest(clip, tmp_path, "n", [Shape.SQUARE], approved_consent()))
    assert result.face_found is False
    assert result.crop_paths[Shape.SQUARE].at(0.5) == ((1280 - 720) / 2, 0)


@pytest.mark.slow
def test_portrait_crop_keeps_a_small_off_centre_real_face_in_frame(tmp_path: Path) -> None:
    """A person far from the camera at the side of the picture (60 px face, a real photograph over a real
    background): the 9:16 crop follows them where a centre crop would show only the background."""
    clip = make_real_face_clip(
        tmp_path / "small.mp4", PORTRAITS[1], 60, speed_px_s=150, duration_s=3, x_range=(40, 260)
    )
    result = export_clip(ExportRequest(clip.path, tmp_path, "small", [Shape.PORTRAIT], approved_consent()))
    assert result.face_found
    path = result.crop_paths[Shape.PORTRAIT]
    window_w = path.window.width_px
    centre_x = (1280 - window_w) / 2
    for frame in range(int(clip.duration_s * FPS)):
        t_s = frame / FPS
        x, y, w, h = clip.face_box(t_s)
        crop_x, crop_y = path.at(t_s)
        assert crop_x <= x and x + w <= crop_x + window_w, f"face outside the crop at {t_s:.2f} s"
        assert crop_y <= y and y + h <= crop_y + path.window.height_px
        assert x + w < centre_x, "the test face must be where a centre crop cannot show it"
    finder = FaceFinder()
    scale = 720 / window_w
    for t_s in (0.2, 1.5, 2.8):
        x, y, w, h = clip.face_box(t_s)
        crop_x, crop_y = path.at(t_s)
        expected = ((x - crop_x) * scale, (y - crop_y) * scale, w * scale, h * scale)
        faces = finder.find(frame_at(result.files[Shape.PORTRAIT], t_s))
        assert any(matches((b.x, b.y, b.width, b.height), expected) for b in faces), (t_s, faces, expected)
