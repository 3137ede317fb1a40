"""file: sources: paced at media time on a shared epoch; bad, truncated or damaged files say so plainly."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from recorder.devices import open_audio_source, open_video_source
from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.ports import SourceError
from tests.helpers.clock import FakeClock
from tests.helpers.media import make_png, make_random_bytes
from tests.helpers.takes import make_sync_clip

NS = 1_000_000_000


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sync_clip(tmp_path_factory.mktemp("clip") / "clip.mp4", duration_s=2.0, size=(320, 180))


def test_video_and_audio_of_one_file_share_media_time_zero(clip: Path) -> None:
    clock = FakeClock()
    video = open_video_source(f"file:{clip}", clock, size=(160, 90), fps=30.0)
    audio = open_audio_source(f"file:{clip}", clock)
    frames = list(video.frames())
    blocks = list(audio.blocks())
    video.close()
    audio.close()
    assert len(frames) == 60
    assert frames[0][1].shape == (90, 160, 3)
    assert frames[1][0] - frames[0][0] == round(NS / 30)
    assert blocks[0][0] == frames[0][0]  # the same epoch, whichever started first
    pcm = np.concatenate([b for _, b in blocks])
    assert pcm.shape[1] == 1 and abs(pcm.shape[0] - 2 * 48000) < 1920
    # The file's flash (frame 30) and beep (sample 48000) are at the same clock time.
    flash_t = next(t for t, f in frames[1:] if f.mean() > 200)
    loud = np.flatnonzero(np.abs(pcm[48000 - 2400 :, 0]) > 8000)[0] + 48000 - 2400
    assert abs((flash_t - frames[0][0]) / NS - loud / 48000) < 0.005


def test_file_uri_forms_are_accepted(clip: Path) -> None:
    clock = FakeClock()
    source = open_video_source(f"file://{clip}", clock, size=(160, 90))
    assert source.format.width == 160
    source.close()
    assert list(source.frames()) == []  # closed before starting: nothing, no process left


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: make_random_bytes(d / "clip.mp4"), "not a video"),
        (lambda d: make_png(d / "still.png"), "picture"),
        (lambda d: d / "missing.mp4", "does not exist"),
    ],
)
def test_a_file_that_is_not_a_video_is_refused_at_open(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    before = sorted(tmp_path.iterdir())
    with pytest.raises(SourceError, match=message):
        open_video_source(f"file:{path}", FakeClock())
    assert sorted(tmp_path.iterdir()) == before  # nothing else changed


def test_a_truncated_mp4_is_refused_at_open(tmp_path: Path) -> None:
    # Without +faststart the index (moov) is at the end: a cut-off copy cannot be played at all.
    whole = tmp_path / "whole.mp4"
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30",
         "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", str(whole)],
        check=True,
    )  # fmt: skip
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(SourceError, match=r"cut\.mp4"):
        open_video_source(f"file:{cut}", FakeClock())
    with pytest.raises(SourceError, match=r"cut\.mp4"):
        open_audio_source(f"file:{cut}", FakeClock())


def test_a_file_damaged_part_way_ends_with_a_plain_error(tmp_path: Path) -> None:
    # Matroska writes its header first (with the full duration); a copy cut in half opens but ends early.
    whole = make_sync_clip(tmp_path / "whole.mkv", duration_s=4.0, size=(320, 180))
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    video = open_video_source(f"file:{cut}", FakeClock(), size=(160, 90))
    got = 0
    with pytest.raises(SourceError, match="damaged"):
        for _ in video.frames():
            got += 1
    assert 10 < got < 110  # what was readable was delivered first


def test_audio_needs_a_sound_stream(tmp_path: Path) -> None:
    silent_video = tmp_path / "nosound.mp4"
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=30",
         "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", str(silent_video)],
        check=True,
    )  # fmt: skip
    with pytest.raises(SourceError, match="no sound"):
        open_audio_source(f"file:{silent_video}", FakeClock())


def test_a_sound_only_file_works_as_a_microphone(tmp_path: Path) -> None:
    wav = tmp_path / "voice.wav"
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
         "-ar", "44100", "-ac", "2", str(wav)],
        check=True,
    )  # fmt: skip
    audio = open_audio_source(f"file:{wav}", FakeClock())
    pcm = np.concatenate([b for _, b in audio.blocks()])
    assert pcm.shape[1] == 1 and abs(pcm.shape[0] - 48000) <= 960  # resampled to 48 kHz mono
