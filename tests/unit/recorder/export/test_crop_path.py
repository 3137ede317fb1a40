"""Crop paths from face tracks: follow one face, fill gaps, smooth, never cut the face off, stay in frame."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

from recorder.export.crop_path import plan_crop
from recorder.export.faces import Box, FaceSample, FaceTrack
from recorder.export.shapes import Size
from recorder.media.ffmpeg_binary import ffmpeg_exe

SOURCE = Size(1280, 720)
WINDOW = Size(404, 720)


def _track(faces: list[tuple[Box, ...]], fps: float = 3.0) -> FaceTrack:
    return FaceTrack(SOURCE, tuple(FaceSample(i / fps, f) for i, f in enumerate(faces)))


def _box(centre_x: float, size: float = 150.0) -> Box:
    return Box(centre_x - size / 2, 200, size, size)


def test_no_face_anywhere_gives_the_centre() -> None:
    path = plan_crop(_track([() for _ in range(9)]), WINDOW)
    assert not path.face_found
    assert path.at(1.0) == ((1280 - 404) / 2, 0)
    assert path.x_expression() == "438"


def test_a_still_face_gives_a_short_still_path_centred_on_it() -> None:
    path = plan_crop(_track([(_box(300),) for _ in range(30)]), WINDOW)
    assert path.face_found
    assert len(path.times_s) == 2
    assert path.at(5.0)[0] == 300 - 202


def test_the_window_never_leaves_the_frame() -> None:
    path = plan_crop(
        _track([(_box(40, 60),) for _ in range(6)] + [(_box(1260, 60),) for _ in range(6)]), WINDOW
    )
    for i in range(120):
        x, y = path.at(i / 30)
        assert 0 <= x <= 1280 - 404 and y == 0


def test_gaps_are_filled_between_sightings() -> None:
    faces: list[tuple[Box, ...]] = [(_box(300),), (), (), (), (_box(700),)]
    path = plan_crop(_track(faces), WINDOW, smoothing_s=0)
    assert math.isclose(path.at(2 / 3)[0], 500 - 202, abs_tol=1)


def test_a_second_face_passing_by_does_not_steal_the_crop() -> None:
    faces: list[tuple[Box, ...]] = (
        [(_box(300),)] * 6 + [(_box(300), _box(1000, 220))] * 6 + [(_box(300),)] * 6
    )
    path = plan_crop(_track(faces), WINDOW)
    assert all(path.at(i / 3)[0] == 300 - 202 for i in range(18))


def test_smoothing_never_cuts_off_a_face_that_jumps() -> None:
    faces: list[tuple[Box, ...]] = [(_box(250),)] * 9 + [(_box(1000),)] * 9
    path = plan_crop(_track(faces), WINDOW, smoothing_s=1.5)
    for i, sample in enumerate(faces):
        box = sample[0]
        x, _y = path.at(i / 3)
        assert x <= box.x and box.x + box.width <= x + WINDOW.width_px, f"sample {i}"


def test_long_clips_make_an_expression_ffmpeg_reads_and_follows(tmp_path: Path) -> None:
    """A 10-minute sway makes hundreds of segments: more than ffmpeg's parser takes as one chain of sums."""
    faces: list[tuple[Box, ...]] = [(_box(300 + 200 * math.sin(i / 5)),) for i in range(1800)]
    path = plan_crop(_track(faces), WINDOW)
    expression = path.x_expression()
    assert expression.count("gte(t,") > 200
    times = (0.0, 1.7, 100.2, 355.5, 599.0)
    # Each frame's crop x, written by ffmpeg's own crop (x=...) into the picture as a luma value: crop a
    # ramp whose column c has value c // 4, so the first pixel of each cropped frame says where x was.
    ramp = "nullsrc=s=1280x2:r=30:d=0.04,format=gray,geq=lum='X/4',loop=loop=17999:size=1,setpts=N/30/TB"
    select = "+".join(f"eq(n,{round(t * 30)})" for t in times)
    result = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", ramp,
         "-vf", f"crop=w={WINDOW.width_px}:h=2:x='{expression}':y=0,select='{select}',crop=1:1:0:0",
         "-fps_mode", "passthrough", "-f", "rawvideo", "-"],
        capture_output=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    found = list(result.stdout)
    expected = [int(path.at(t)[0]) // 4 for t in times]
    assert len(found) == len(times)
    assert all(abs(f - e) <= 1 for f, e in zip(found, expected, strict=True)), (found, expected)
