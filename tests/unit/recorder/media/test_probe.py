"""probe_video reads codec, profile, pixel format, size and fps, and refuses files without video."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorder.media.probe import ProbeError, parse_banner, probe_video
from tests.helpers.media import make_png, make_random_bytes
from tests.helpers.takes import make_take

BANNER = """Input #0, matroska,webm, from 'video.mkv':
  Duration: 00:01:00.03, start: 0.000000, bitrate: 2100 kb/s
  Stream #0:0: Video: h264 (Constrained Baseline), yuv420p(tv, progressive), 1280x720 [SAR 1:1 DAR 16:9], \
30 fps, 30 tbr, 1k tbn
"""


def test_banner_with_baseline_profile_is_parsed() -> None:
    info = parse_banner(BANNER)
    assert (info.codec, info.profile, info.pix_fmt) == ("h264", "Constrained Baseline", "yuv420p")
    assert (info.width, info.height, info.fps) == (1280, 720, 30.0)
    assert info.duration_s == pytest.approx(60.03)


def test_live_style_take_video_is_high_profile(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=1.0, size=(320, 180))
    info = probe_video(take / "video.mkv")
    assert (info.codec, info.profile, info.pix_fmt, info.width, info.height) == (
        "h264",
        "High",
        "yuv420p",
        320,
        180,
    )
    assert info.fps == 30.0


def test_random_bytes_are_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(ProbeError, match="does not contain a video"):
        probe_video(make_random_bytes(tmp_path / "clip.mkv"))


def test_a_picture_is_not_taken_for_h264(tmp_path: Path) -> None:
    # ffmpeg reads a PNG as a one-frame video; the codec shows it is not the live H.264.
    assert probe_video(make_png(tmp_path / "still.png")).codec == "png"


def test_missing_file_is_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(ProbeError, match="missing"):
        probe_video(tmp_path / "video.mkv")
