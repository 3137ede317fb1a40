"""AudioTrack puts sample i at media time i/rate: cut before t0, silence for a late start or lost audio."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from recorder.takes.audio_track import FLOOR_DBFS, AudioTrack, peak_dbfs

NS = 1_000_000_000
RATE = 48000
T0 = 100 * NS


def block(value: int, samples: int = 480, channels: int = 1) -> np.ndarray:
    return np.full((samples, channels), value, np.int16)


def written(path: Path, channels: int = 1) -> np.ndarray:
    return np.frombuffer(path.read_bytes(), "<i2").reshape(-1, channels)


def ms(value: float) -> int:
    return round(value * NS / 1000)


def test_audio_before_media_time_zero_is_cut(tmp_path: Path) -> None:
    track = AudioTrack(tmp_path / "audio.pcm", RATE, 1)
    track.add(T0 - ms(15), block(1))  # held while t0 is unknown; -15..-5 ms: all before t0
    track.add(T0 - ms(5), block(2))  # -5..+5 ms: its second half is kept
    track.set_t0(T0)
    track.add(T0 + ms(5), block(3))
    track.close()
    pcm = written(tmp_path / "audio.pcm")[:, 0]
    assert pcm.size == 240 + 480
    assert (pcm[:240] == 2).all() and (pcm[240:] == 3).all()
    assert track.delay_ms == 0.0


def test_a_late_start_is_padded_with_silence(tmp_path: Path) -> None:
    track = AudioTrack(tmp_path / "audio.pcm", RATE, 2)
    track.set_t0(T0)
    track.add(T0 + ms(30), block(7, channels=2))
    track.close()
    pcm = written(tmp_path / "audio.pcm", 2)
    assert (pcm[:1440] == 0).all() and (pcm[1440:] == 7).all() and pcm.shape == (1920, 2)
    assert track.samples_written == 1920 and track.delay_ms == 0.0


def test_small_timestamp_jitter_is_ignored_and_blocks_stay_back_to_back(tmp_path: Path) -> None:
    track = AudioTrack(tmp_path / "audio.pcm", RATE, 1)
    track.set_t0(T0)
    for k in range(20):
        jitter = ms(3) if k % 2 else -ms(3)
        track.add(T0 + k * ms(10) + (jitter if k else 0), block(k + 1))
    track.close()
    pcm = written(tmp_path / "audio.pcm")[:, 0]
    assert pcm.size == 20 * 480
    assert [int(pcm[k * 480]) for k in range(20)] == list(range(1, 21))
    assert abs(track.delay_ms) <= 3.0


def test_lost_audio_becomes_silence_so_later_sound_keeps_its_time(tmp_path: Path) -> None:
    track = AudioTrack(tmp_path / "audio.pcm", RATE, 1)
    track.set_t0(T0)
    track.add(T0, block(1))
    track.add(T0 + ms(110), block(2))  # 100 ms went missing in the driver
    track.close()
    pcm = written(tmp_path / "audio.pcm")[:, 0]
    assert (pcm[:480] == 1).all() and (pcm[480:5280] == 0).all() and (pcm[5280:] == 2).all()


def test_overlapping_audio_is_cut(tmp_path: Path) -> None:
    track = AudioTrack(tmp_path / "audio.pcm", RATE, 1)
    track.set_t0(T0)
    track.add(T0, block(1, samples=4800))  # 100 ms
    track.add(T0 + ms(50), block(2, samples=4800))  # claims to start 50 ms back
    track.close()
    pcm = written(tmp_path / "audio.pcm")[:, 0]
    assert pcm.size == 4800 + 2400 and (pcm[4800:] == 2).all()


def test_blocks_held_too_long_before_t0_are_forgotten(tmp_path: Path) -> None:
    track = AudioTrack(tmp_path / "audio.pcm", RATE, 1)
    for k in range(800):  # 8 s of audio before the camera's first frame
        track.add(T0 - 8 * NS + k * ms(10), block(1))
    assert len(track._held) <= 501
    track.set_t0(T0)
    track.close()
    assert written(tmp_path / "audio.pcm").size == 0  # all of it was before media time 0


def test_peak_level_in_dbfs() -> None:
    assert peak_dbfs(block(0)) == FLOOR_DBFS
    assert abs(peak_dbfs(block(16384)) - (-6.02)) < 0.01
    assert peak_dbfs(np.zeros((0, 1), np.int16)) == FLOOR_DBFS
