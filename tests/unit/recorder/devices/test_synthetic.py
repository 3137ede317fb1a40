"""synthetic: camera and microphone: real-time pacing on the clock, flash and beep locked to whole seconds."""

from __future__ import annotations

import threading
import time
from itertools import islice, pairwise

import numpy as np

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.devices.synthetic import BEEP_S, SyntheticAudio, SyntheticVideo
from recorder.ports import AUDIO_RATE_HZ, AudioSource, VideoSource
from tests.helpers.clock import FakeClock

NS = 1_000_000_000


def test_frames_sit_on_the_clock_grid_and_flash_on_whole_seconds() -> None:
    clock = FakeClock(start_ns=5 * NS + 1)  # just after a whole second: the first flash is at 6 s
    video = SyntheticVideo(clock, (64, 36), 30.0)
    frames = list(islice(video.frames(), 45))
    times = [t for t, _ in frames]
    assert times[0] == round(5 * NS + NS / 30)  # first grid point not in the past
    assert all(b - a in (33_333_333, 33_333_334) for a, b in pairwise(times))
    white = [t for t, f in frames if f.mean() == 255]
    assert white == [6 * NS]
    assert all(f.shape == (36, 64, 3) and f.dtype == np.uint8 for _, f in frames)
    assert all(f.mean() < 200 for t, f in frames if t != 6 * NS)


def test_beep_starts_on_each_whole_second_for_50_ms() -> None:
    clock = FakeClock(start_ns=7 * NS - NS // 10)
    audio = SyntheticAudio(clock)
    blocks = list(islice(audio.blocks(), 120))  # 1.2 s of 10 ms blocks
    starts = [t for t, _ in blocks]
    assert all(b - a == NS // 100 for a, b in pairwise(starts))
    pcm = np.concatenate([b for _, b in blocks])[:, 0].astype(np.float64)
    first_sample_ns = starts[0]
    at_7s = (7 * NS - first_sample_ns) * AUDIO_RATE_HZ // NS
    beep_samples = round(BEEP_S * AUDIO_RATE_HZ)
    loud = np.abs(pcm) > 0.2 * 32767
    assert not loud[:at_7s].any()
    assert loud[at_7s : at_7s + beep_samples].sum() > beep_samples // 2
    assert not loud[at_7s + beep_samples : at_7s + AUDIO_RATE_HZ - 10].any()
    quiet = pcm[at_7s + beep_samples : at_7s + AUDIO_RATE_HZ - 10]
    assert 0.03 * 32767 < np.abs(quiet).max() < 0.1 * 32767  # the quiet "voice" is there


def test_a_late_consumer_skips_frames_like_a_camera() -> None:
    clock = FakeClock(start_ns=0)
    frames = SyntheticVideo(clock, (32, 18), 30.0).frames()
    t_first, _ = next(frames)
    clock.advance_s(1.0)  # the consumer stalled for a second
    t_next, _ = next(frames)
    assert t_next - t_first >= NS  # no burst of stale frames


def test_sources_satisfy_the_ports_and_close_from_another_thread() -> None:
    clock = MonotonicClock()
    video = open_video_source("synthetic:", clock, size=(64, 36))
    audio = open_audio_source("synthetic:", clock)
    assert isinstance(video, VideoSource) and isinstance(audio, AudioSource)
    assert (video.format.width, video.format.height, video.format.fps) == (64, 36, 30.0)
    assert (audio.format.rate_hz, audio.format.channels) == (AUDIO_RATE_HZ, 1)
    got: list[int] = []

    def consume() -> None:
        for t_ns, _frame in video.frames():
            got.append(t_ns)

    thread = threading.Thread(target=consume)
    thread.start()
    time.sleep(0.3)
    video.close()
    thread.join(timeout=2)
    assert not thread.is_alive() and 5 <= len(got) <= 12
    video.close()  # twice is fine
    audio.close()
    assert list(audio.blocks()) == []
