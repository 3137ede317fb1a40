"""Tests the ffprobe deliverable check with real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.media_check import MediaError, check_deliverable
from tests.helpers.media import make_deliverable_mp4, make_png, make_random_bytes


def test_deliverable_passes_and_bad_length_fails(tmp_path: Path) -> None:
    mp4 = make_deliverable_mp4(tmp_path / "a.mp4", duration_s=2.0)
    check_deliverable(str(mp4), 2.0)
    with pytest.raises(MediaError, match="length"):
        check_deliverable(str(mp4), 30.0)


def test_png_and_random_bytes_fail(tmp_path: Path) -> None:
    with pytest.raises(MediaError):
        check_deliverable(str(make_png(tmp_path / "a.png")), 2.0)
    with pytest.raises(MediaError, match="not a video"):
        check_deliverable(str(make_random_bytes(tmp_path / "a.bin")), 2.0)
