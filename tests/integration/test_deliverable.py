"""finish_take end to end, checked with Debian's ffprobe and ffmpeg's ebur128 as a receiver would."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import subprocess
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from recorder.media.loudness_stream import LOUDNESS_NAME, LoudnessMeter
from recorder.takes.deliverable import CancelledError, Deliverable, FinishError, finish_take
from recorder.takes.journal import read_journal
from tests.helpers.avsync import measure_av_sync
from tests.helpers.takes import make_take

# One worker builds the shared finished take once.
pytestmark = pytest.mark.xdist_group("deliverable")

FFPROBE = shutil.which("ffprobe") or "/usr/bin/ffprobe"
# Debian's ffmpeg (5.1) measures, so the check does not rely on the binary that produced the file. It needs
# -reinit_filter 0: its AAC decoder reports a channel-layout change after the first frame and ebur128 cannot
# be re-initialised mid-stream.
FFMPEG_CHECK = shutil.which("ffmpeg") or "ffmpeg"


def ffprobe(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [FFPROBE, "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    data: dict[str, Any] = json.loads(out)
    return data


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of the file's audio."""
    err = subprocess.run(
        [FFMPEG_CHECK, "-nostdin", "-hide_banner", "-nostats", "-reinit_filter", "0", "-i", str(path),
         "-map", "0:a:0", "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
        capture_output=True, check=True, text=True,
    ).stderr  # fmt: skip
    summary = err[err.rfind("Summary:") :]
    integrated = re.search(r"I:\s+(-?[\d.]+) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    assert integrated and peak, summary
    return float(integrated[1]), float(peak[1])


def top_level_atoms(path: Path) -> list[str]:
    atoms: list[str] = []
    with path.open("rb") as fh:
        while header := fh.read(8):
            size, kind = struct.unpack(">I4s", header)
            if size == 1:
                size = struct.unpack(">Q", fh.read(8))[0] - 8
            atoms.append(kind.decode("latin-1"))
            fh.seek(size - 8, 1)
    return atoms


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Deliverable, list[float]]:
    take = make_take(tmp_path_factory.mktemp("sub"), duration_s=4.0)
    seen: list[float] = []
    return take, finish_take(take, progress=seen.append), seen


def test_video_stream_meets_the_spec(finished: tuple[Path, Deliverable, list[float]]) -> None:
    _take, result, _ = finished
    video = next(s for s in ffprobe(result.mp4_path)["streams"] if s["codec_type"] == "video")
    assert (video["codec_name"], video["profile"], video["pix_fmt"]) == ("h264", "High", "yuv420p")
    assert (video["width"], video["height"]) == (1280, 720)
    assert video["r_frame_rate"] == "30/1" and video["avg_frame_rate"] == "30/1"
    assert int(video["nb_frames"]) == 120
    assert not result.video_reencoded  # the live encode was copied


def test_audio_stream_meets_the_spec(finished: tuple[Path, Deliverable, list[float]]) -> None:
    _take, result, _ = finished
    info = ffprobe(result.mp4_path)
    audio = next(s for s in info["streams"] if s["codec_type"] == "audio")
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (audio["codec_name"], audio["profile"], audio["sample_rate"]) == ("aac", "LC", "48000")
    assert 100_000 <= int(audio["bit_rate"]) <= 140_000
    # Both start at 0 and end within a frame of each other.
    assert float(audio["start_time"]) == 0.0 and float(video["start_time"]) == 0.0
    assert abs(float(audio["duration"]) - float(video["duration"])) <= 1 / 30


def test_loudness_and_true_peak(finished: tuple[Path, Deliverable, list[float]]) -> None:
    integrated, peak = ebur128(finished[1].mp4_path)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0


def test_faststart_poster_hash_journal_progress(finished: tuple[Path, Deliverable, list[float]]) -> None:
    take, result, seen = finished
    atoms = top_level_atoms(result.mp4_path)
    assert atoms.index("moov") < atoms.index("mdat")
    assert result.poster_path.read_bytes()[:3] == b"\xff\xd8\xff"
    poster = ffprobe(result.poster_path)["streams"][0]
    assert (poster["codec_name"], poster["width"], poster["height"]) == ("mjpeg", 1280, 720)
    assert result.sha256 == hashlib.sha256(result.mp4_path.read_bytes()).hexdigest()
    assert result.size_bytes == result.mp4_path.stat().st_size
    assert result.duration_s == pytest.approx(4.0)
    assert read_journal(take)["state"] == "finished"
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 3
    assert not list(take.glob("*partial*"))


@pytest.mark.parametrize("kind", ["quiet", "loud"])
def test_quiet_and_clipping_recordings_end_on_target(tmp_path: Path, kind: str) -> None:
    take = make_take(tmp_path, duration_s=3.0, size=(320, 180), audio=kind)
    source_lufs, _ = ebur128_pcm(take / "audio.pcm")
    assert (source_lufs < -35) if kind == "quiet" else (source_lufs > -10)
    integrated, peak = ebur128(finish_take(take).mp4_path)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0


@pytest.mark.parametrize("kind", ["quiet", "loud", "normal"])
def test_loudness_measured_while_recording_is_used_and_lands_on_target(tmp_path: Path, kind: str) -> None:
    take = make_take(tmp_path, duration_s=3.0, size=(320, 180), audio=kind)
    samples = np.fromfile(take / "audio.pcm", dtype="<i2").reshape(-1, 1)
    meter = LoudnessMeter(48000, 1)
    for at in range(0, samples.shape[0], 960):  # as a microphone delivers it
        meter.add(samples[at : at + 960])
    (take / LOUDNESS_NAME).write_text(json.dumps(meter.steps().to_json()), encoding="utf-8")
    result = finish_take(take)
    assert "measure_pcm" not in result.timings_s  # no loudness pass over audio.pcm after Stop
    integrated, peak = ebur128(result.mp4_path)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0
    # What the deliverable says it measured is what a receiver measures (+-0.5 LU).
    assert result.loudness_lufs == pytest.approx(integrated, abs=0.5)


def test_loudness_file_of_other_audio_is_ignored(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=3.0, size=(320, 180), audio="quiet")
    meter = LoudnessMeter(48000, 1)
    meter.add(np.full((48000, 1), 20000, np.int16))  # one loud second: not this take's audio
    (take / LOUDNESS_NAME).write_text(json.dumps(meter.steps().to_json()), encoding="utf-8")
    result = finish_take(take)
    assert "measure_pcm" in result.timings_s
    integrated, _ = ebur128(result.mp4_path)
    assert -17.0 <= integrated <= -15.0


def ebur128_pcm(pcm: Path) -> tuple[float, float]:
    wav = pcm.with_suffix(".wav")
    subprocess.run(
        [FFMPEG_CHECK, "-nostdin", "-loglevel", "error", "-y", "-f", "s16le", "-ar", "48000", "-ac", "1",
         "-i", str(pcm), str(wav)],
        check=True,
    )  # fmt: skip
    return ebur128(wav)


def test_silent_recording_is_not_blown_up_into_noise(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=3.0, size=(320, 180), audio="silent")
    result = finish_take(take)
    assert result.gain_db == 0.0
    assert result.notes and "silent" in result.notes[0]
    integrated, _ = ebur128(result.mp4_path)
    assert integrated <= -69.0


def test_off_spec_live_video_is_reencoded_to_spec(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=2.0, size=(320, 180), profile_high=False)
    result = finish_take(take)
    assert result.video_reencoded
    video = next(s for s in ffprobe(result.mp4_path)["streams"] if s["codec_type"] == "video")
    assert (video["profile"], video["pix_fmt"], video["r_frame_rate"]) == ("High", "yuv420p", "30/1")


def test_trim_from_the_start_keeps_sync(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=4.0, size=(320, 180))
    result = finish_take(take, trim=(1.0, 3.5))
    assert result.video_reencoded  # the cut does not start at frame 0
    assert result.duration_s == pytest.approx(2.5)
    info = ffprobe(result.mp4_path)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert int(video["nb_frames"]) == 75
    sync = measure_av_sync(result.mp4_path)
    assert sync.flash_s[0] == 0.0  # the flash at 1 s of the take is the first frame of the cut
    assert all(abs(offset) <= 20 for offset in sync.offsets_ms)


def test_trim_of_the_end_only_copies_video(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=4.0, size=(320, 180))
    result = finish_take(take, trim=(0.0, 2.5))
    assert not result.video_reencoded
    video = next(s for s in ffprobe(result.mp4_path)["streams"] if s["codec_type"] == "video")
    assert int(video["nb_frames"]) == 75


def test_cancel_while_ffmpeg_runs_leaves_nothing_behind(tmp_path: Path) -> None:
    # A baseline-profile take needs a video re-encode: a long ffmpeg run to cancel in the middle of.
    take = make_take(tmp_path, duration_s=6.0, profile_high=False)
    cancel = threading.Event()
    fractions: list[float] = []

    def on_progress(fraction: float) -> None:
        fractions.append(fraction)
        if fraction > 0.45:  # inside the mux step
            cancel.set()

    with pytest.raises(CancelledError):
        finish_take(take, progress=on_progress, cancel=cancel)
    assert max(fractions) < 0.95
    assert not (take / "deliverable.mp4").exists() and not (take / "poster.jpg").exists()
    assert not list(take.glob("*partial*"))
    assert read_journal(take)["state"] == "stopped"


def test_unreadable_video_fails_plainly_and_marks_the_journal(tmp_path: Path) -> None:
    take = make_take(tmp_path, duration_s=1.0, size=(320, 180))
    (take / "video.mkv").write_bytes(b"\x00" * 4096)
    with pytest.raises(FinishError, match="does not contain a video"):
        finish_take(take)
    journal = read_journal(take)
    assert journal["state"] == "failed" and "video" in journal["error"]
    assert not (take / "deliverable.mp4").exists()
