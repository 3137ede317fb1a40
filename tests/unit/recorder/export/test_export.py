"""export_clip with real ffmpeg: each shape checked with ffprobe, captions and end card drawn, cancel,
refusals and unreadable input leave nothing behind."""

from __future__ import annotations

import itertools
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest

from recorder.export import (
    CancelledError,
    EndCardSpec,
    ExportError,
    ExportRefusedError,
    ExportRequest,
    Shape,
    export_clip,
    parse_srt,
)
from tests.helpers.media import make_deliverable_mp4, make_random_bytes
from tests.unit.recorder.export.consent_states import approved_consent
from tests.unit.recorder.export.ffprobe import audio_stream, ffprobe, frame_at, video_stream

APPROVED = approved_consent()
CAPTIONS = parse_srt("1\n00:00:00,000 --> 00:00:02,000\nWe look after each other here, every single day.\n")


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_deliverable_mp4(tmp_path_factory.mktemp("clip") / "deliverable.mp4", duration_s=2.0)


@pytest.mark.parametrize(
    ("shape", "width", "height"),
    [(Shape.LANDSCAPE, 1280, 720), (Shape.PORTRAIT, 720, 1280), (Shape.SQUARE, 720, 720)],
)
def test_each_shape_meets_the_delivery_spec(
    clip: Path, tmp_path: Path, shape: Shape, width: int, height: int
) -> None:
    request = ExportRequest(clip, tmp_path / "out", "VB-AB12-CD34 love-role", [shape], APPROVED)
    result = export_clip(request)
    out = result.files[shape]
    assert out.name == f"VB-AB12-CD34-love-role_{shape.slug}.mp4"
    info = ffprobe(out)
    video, audio = video_stream(info), audio_stream(info)
    assert (video["width"], video["height"]) == (width, height)
    assert video["width"] / video["height"] == pytest.approx(shape.aspect, rel=0.01)
    assert video.get("sample_aspect_ratio", "1:1") in ("1:1", "N/A")
    assert (video["codec_name"], video["profile"], video["pix_fmt"]) == ("h264", "High", "yuv420p")
    assert video["r_frame_rate"] == "30/1"
    assert (audio["codec_name"], audio["sample_rate"]) == ("aac", "48000")
    assert float(info["format"]["duration"]) == pytest.approx(2.0, abs=0.1)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [out.name]  # no .part left


def test_end_card_is_appended_in_the_campaign_colour(clip: Path, tmp_path: Path) -> None:
    card = EndCardSpec("Staff voices\nYour NHS organisation", duration_s=1.5, background="#005EB8")
    out = export_clip(ExportRequest(clip, tmp_path, "card", [Shape.SQUARE], APPROVED, end_card=card)).files[
        Shape.SQUARE
    ]
    assert float(ffprobe(out)["format"]["duration"]) == pytest.approx(3.5, abs=0.1)
    frame = frame_at(out, 3.0)
    corner = frame[:40, :40].reshape(-1, 3).mean(axis=0)  # BGR
    assert np.allclose(corner, [0xB8, 0x5E, 0x00], atol=12)
    middle = frame[300:420, 100:620]
    assert (middle.max(axis=2) > 230).mean() > 0.02, "white card text is drawn in the middle"


def test_captions_are_burned_in_near_the_bottom(clip: Path, tmp_path: Path) -> None:
    plain = export_clip(ExportRequest(clip, tmp_path / "a", "c", [Shape.LANDSCAPE], APPROVED))
    captioned = export_clip(
        ExportRequest(clip, tmp_path / "b", "c", [Shape.LANDSCAPE], APPROVED, captions=CAPTIONS)
    )
    a = frame_at(plain.files[Shape.LANDSCAPE], 1.0).astype(int)
    b = frame_at(captioned.files[Shape.LANDSCAPE], 1.0).astype(int)
    changed = np.abs(a - b).max(axis=2) > 60
    rows = np.nonzero(changed.any(axis=1))[0]
    assert rows.size > 20, "the caption changed the picture"
    assert rows.min() > 720 * 0.6, "captions sit in the lower part of the frame"


def test_paths_with_quotes_colons_and_brackets_survive_filter_escaping(
    clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weird = tmp_path / "O'Brien's: [temp], dir; \\x"
    weird.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(weird))
    card = EndCardSpec("Thanks", 1.0)
    result = export_clip(
        ExportRequest(clip, weird / "out", "x", [Shape.SQUARE], APPROVED, captions=CAPTIONS, end_card=card)
    )
    assert result.files[Shape.SQUARE].exists()


def test_progress_rises_to_one(clip: Path, tmp_path: Path) -> None:
    seen: list[float] = []
    export_clip(ExportRequest(clip, tmp_path, "p", list(Shape), APPROVED), progress=seen.append)
    assert seen[-1] == 1.0
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(seen))
    assert len(seen) > 5


def test_cancel_midway_leaves_no_files(clip: Path, tmp_path: Path) -> None:
    cancel = threading.Event()

    def progress(fraction: float) -> None:
        if fraction > 0.5:
            cancel.set()

    with pytest.raises(CancelledError):
        export_clip(
            ExportRequest(clip, tmp_path / "out", "c", list(Shape), APPROVED),
            progress=progress,
            cancel=cancel,
        )
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("status", ["withdrawn", "expired", "received"])
def test_refused_consent_writes_nothing(clip: Path, tmp_path: Path, status: str) -> None:
    with pytest.raises(ExportRefusedError):
        export_clip(ExportRequest(clip, tmp_path / "out", "w", list(Shape), approved_consent(status)))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("shape", list(Shape))
def test_no_to_social_media_refuses_each_shape_and_writes_nothing(
    clip: Path, tmp_path: Path, shape: Shape
) -> None:
    refused = approved_consent(social_media=False)
    with pytest.raises(ExportRefusedError) as caught:
        export_clip(ExportRequest(clip, tmp_path / "out", "n", [shape], refused))
    assert caught.value.reason == "no_social_media"
    assert not (tmp_path / "out").exists()


def test_unreadable_clip_is_a_plain_error(tmp_path: Path) -> None:
    junk = make_random_bytes(tmp_path / "junk.mp4")
    with pytest.raises(ExportError, match="cannot be exported"):
        export_clip(ExportRequest(junk, tmp_path / "out", "j", [Shape.PORTRAIT], APPROVED))
