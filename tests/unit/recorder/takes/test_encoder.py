"""The live encoder's settings: High-profile H.264 that spends few bytes on a webcam's sensor noise."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from recorder.media.probe import probe_video
from recorder.takes.encoder import EncoderSettings, LiveEncoder, encoder_command

#: The live settings before issue 16.
ULTRAFAST_ZERO_LATENCY = EncoderSettings(
    preset="ultrafast", crf=21, x264_params="8x8dct=1", tune="zerolatency"
)


def _encode(out: Path, settings: EncoderSettings, frames: int = 90) -> int:
    """Encodes a still scene with fresh sensor noise (sigma 4) on every frame; returns the file's bytes."""
    size = (320, 180)
    rng = np.random.default_rng(4)
    scene = np.zeros((size[1], size[0], 3), np.float32)
    scene[:, :, 0] = np.linspace(40, 200, size[0])[None, :]
    scene[60:140, 120:200] = (90, 140, 200)
    encoder = LiveEncoder(out, size, size, 30, settings)
    for _ in range(frames):
        noisy = np.clip(scene + rng.normal(0, 4, scene.shape), 0, 255).astype(np.uint8)
        encoder.write(noisy)
    encoder.close()
    return out.stat().st_size


def test_the_default_command_keeps_the_look_ahead_and_the_high_profile(tmp_path: Path) -> None:
    cmd = " ".join(encoder_command(tmp_path / "v.mkv", (1280, 720), (1280, 720), 30, EncoderSettings(), "ff"))
    assert "-preset veryfast" in cmd and "rc-lookahead=10" in cmd and "bframes=0" in cmd
    assert "zerolatency" not in cmd  # it would turn the macroblock tree off
    assert "-profile:v high" in cmd and "-g 150" in cmd


def test_sensor_noise_costs_a_fraction_of_what_ultrafast_spent(tmp_path: Path) -> None:
    ours = _encode(tmp_path / "ours.mkv", EncoderSettings())
    before = _encode(tmp_path / "before.mkv", ULTRAFAST_ZERO_LATENCY)
    assert ours < 0.5 * before, (ours, before)
    info = probe_video(tmp_path / "ours.mkv")
    assert (info.codec, info.profile, info.pix_fmt) == ("h264", "High", "yuv420p")
