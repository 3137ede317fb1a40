"""Loudness measured while recording (libebur128, 100 ms steps) against ffmpeg's ebur128 on the same audio."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from recorder.media.ffmpeg_binary import ffmpeg_exe
from recorder.media.loudness import measure_pcm
from recorder.media.loudness_stream import (
    LOUDNESS_NAME,
    LoudnessMeter,
    LoudnessSteps,
    gated_loudness,
    read_steps,
)
from recorder.takes.audio_track import AudioTrack

#: Sounds with what real takes have: speech-like bursts with pauses (the gates matter), a loud peaky
#: voice (true peak above the sample peak), a quiet room, and stereo.
SIGNALS = {
    "bursts": (
        "anoisesrc=d=20:c=pink:a=0.3:seed=7,"
        "volume='if(lt(mod(t\\,2.7)\\,1.1)\\,0.01\\,0.2+abs(sin(9*t)))':eval=frame",
        1,
    ),
    "loud_voice": (
        "aevalsrc='0.9*sin(2*PI*180*t)*sin(2*PI*3*t)+0.3*sin(2*PI*5200*t+1)':s=48000:d=12,"
        "volume='if(lt(mod(t\\,4)\\,0.6)\\,0.02\\,1)':eval=frame",
        1,
    ),
    "quiet_room": ("anoisesrc=d=10:c=brown:a=0.01:seed=3", 1),
    "stereo": ("anoisesrc=d=10:c=pink:a=0.2:seed=5,pan=stereo|c0=c0|c1=0.3*c0", 2),
}


def _pcm(path: Path, graph: str, channels: int) -> np.ndarray[Any, np.dtype[np.int16]]:
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i", graph,
         "-f", "s16le", "-ar", "48000", "-ac", str(channels), str(path)],
        check=True,
    )  # fmt: skip
    return np.fromfile(path, dtype="<i2").reshape(-1, channels)


def _metered(samples: np.ndarray[Any, np.dtype[np.int16]], block: int = 1024) -> LoudnessSteps:
    meter = LoudnessMeter(48000, samples.shape[1])
    for at in range(0, samples.shape[0], block):
        meter.add(samples[at : at + block])
    return meter.steps()


@pytest.mark.parametrize("name", sorted(SIGNALS))
def test_whole_take_matches_ffmpeg(tmp_path: Path, name: str) -> None:
    graph, channels = SIGNALS[name]
    path = tmp_path / "a.pcm"
    samples = _pcm(path, graph, channels)
    ours = _metered(samples).measure()
    ffmpeg = measure_pcm(path, rate_hz=48000, channels=channels)
    assert ours.integrated_lufs is not None and ffmpeg.integrated_lufs is not None
    assert ours.integrated_lufs == pytest.approx(ffmpeg.integrated_lufs, abs=0.1)
    assert ours.true_peak_dbtp == pytest.approx(ffmpeg.true_peak_dbtp, abs=0.2)


@pytest.mark.parametrize(("start_s", "duration_s"), [(0.0, 7.5), (2.55, 9.0), (11.0, 9.0)])
def test_a_trimmed_span_matches_ffmpeg_on_that_span(
    tmp_path: Path, start_s: float, duration_s: float
) -> None:
    path = tmp_path / "a.pcm"
    samples = _pcm(path, *SIGNALS["bursts"])
    ours = _metered(samples).measure(start_s, duration_s)
    ffmpeg = measure_pcm(path, rate_hz=48000, channels=1, start_s=start_s, duration_s=duration_s)
    assert ours.integrated_lufs is not None and ffmpeg.integrated_lufs is not None
    assert ours.integrated_lufs == pytest.approx(ffmpeg.integrated_lufs, abs=0.5)
    assert ours.true_peak_dbtp is not None and ffmpeg.true_peak_dbtp is not None
    # The span's steps may reach up to 100 ms outside it: never lower than ffmpeg's, never far above.
    assert ffmpeg.true_peak_dbtp - 0.2 <= ours.true_peak_dbtp <= ffmpeg.true_peak_dbtp + 1.0


def test_block_sizes_do_not_change_the_result(tmp_path: Path) -> None:
    samples = _pcm(tmp_path / "a.pcm", *SIGNALS["loud_voice"])
    assert _metered(samples, block=441) == _metered(samples, block=48000) == _metered(samples, block=10**7)


def test_silence_and_too_short_takes_have_no_loudness() -> None:
    assert _metered(np.zeros((48000 * 3, 1), np.int16)).measure().integrated_lufs is None
    short = _metered((np.ones((48000 * 3 // 10, 1)) * 8000).astype(np.int16)).measure()
    assert short.integrated_lufs is None  # shorter than one 400 ms block
    assert short.true_peak_dbtp is not None


def test_gating_drops_blocks_under_both_gates() -> None:
    assert gated_loudness([-80.0, -75.0]) is None
    # -20 twice and -40 once: the relative gate (about -31.8) keeps only the two loud blocks.
    assert gated_loudness([-20.0, -20.0, -40.0, -90.0]) == pytest.approx(-20.0)


def test_the_audio_track_saves_what_it_measured(tmp_path: Path) -> None:
    samples = _pcm(tmp_path / "src.pcm", *SIGNALS["bursts"])
    track = AudioTrack(tmp_path / "audio.pcm", 48000, 1)
    track.set_t0(0)
    step_ns = 1024 * 1_000_000_000 // 48000
    for i, at in enumerate(range(0, samples.shape[0], 1024)):
        track.add(i * step_ns, samples[at : at + 1024])
    track.close()
    saved = read_steps(tmp_path, tmp_path / "audio.pcm")
    assert saved is not None and saved.samples == track.samples_written
    ffmpeg = measure_pcm(tmp_path / "audio.pcm", rate_hz=48000, channels=1)
    assert saved.measure().integrated_lufs == pytest.approx(ffmpeg.integrated_lufs, abs=0.1)


def test_saved_steps_that_do_not_match_the_audio_are_not_used(tmp_path: Path) -> None:
    samples = _pcm(tmp_path / "audio.pcm", *SIGNALS["quiet_room"])
    (tmp_path / LOUDNESS_NAME).write_text(json.dumps(_metered(samples[:-4800]).to_json()), encoding="utf-8")
    assert read_steps(tmp_path, tmp_path / "audio.pcm") is None  # audio.pcm is longer than measured
    (tmp_path / LOUDNESS_NAME).write_text("{not json", encoding="utf-8")
    assert read_steps(tmp_path, tmp_path / "audio.pcm") is None
    (tmp_path / LOUDNESS_NAME).unlink()
    assert read_steps(tmp_path, tmp_path / "audio.pcm") is None


def test_steps_survive_the_json_round_trip(tmp_path: Path) -> None:
    steps = _metered(_pcm(tmp_path / "a.pcm", *SIGNALS["stereo"]))
    again = LoudnessSteps.from_json(steps.to_json())
    assert again.measure().integrated_lufs == pytest.approx(steps.measure().integrated_lufs, abs=0.01)
    assert again.samples == steps.samples and again.channels == 2
