"""``synthetic:`` camera and microphone: a moving test pattern and a quiet tone, in real time on the clock.

Both are locked to the clock's whole seconds, so they agree without sharing any state: the video shows a
full-white frame at each whole second, the audio has a 50 ms 1 kHz beep starting at each whole second. An
A/V sync measurement of a recording therefore reads the recorder's error, not the sources'.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import numpy as np

from recorder.devices.clock import wait_until_ns
from recorder.ports import AUDIO_RATE_HZ, AudioFormat, Clock, Frame, Pcm, VideoFormat

_NS_PER_S = 1_000_000_000
BEEP_HZ = 1000.0
BEEP_S = 0.05
BEEP_AMPLITUDE = 0.5
#: The "voice" under the beeps: quiet, but well above the take check's silence threshold.
TONE_HZ = 220.0
TONE_AMPLITUDE = 0.05
AUDIO_BLOCK_SAMPLES = 480  # 10 ms, like a typical capture period


class SyntheticVideo:
    """A moving colour pattern at ``fps``, full white on each whole second of the clock.

    Frames are scheduled on the clock's grid ``k / fps``; each is stamped with its scheduled time (as a
    camera stamps exposure time). When the consumer falls behind by more than a frame, frames are skipped as
    a real camera would drop them.
    """

    def __init__(self, clock: Clock, size: tuple[int, int] = (1280, 720), fps: float = 30.0) -> None:
        if size[0] <= 0 or size[1] <= 0 or fps <= 0:
            raise ValueError("size and fps must be positive")
        self._clock = clock
        self._width, self._height = size
        self._fps = fps
        self._closed = threading.Event()
        self._background = _pattern(self._width, self._height)
        self._white = np.full((self._height, self._width, 3), 255, np.uint8)

    @property
    def format(self) -> VideoFormat:
        return VideoFormat(self._width, self._height, self._fps)

    def frames(self) -> Iterator[tuple[int, Frame]]:
        """Frames until :meth:`close`; never ends by itself."""
        fps_whole = round(self._fps)
        flash_every = fps_whole if abs(self._fps - fps_whole) < 1e-9 else 0
        index = -(-self._clock.now_ns() * self._fps // _NS_PER_S)  # first grid point not in the past
        index = int(index)
        bar_w = max(4, self._width // 40)
        while not self._closed.is_set():
            t_ns = round(index * _NS_PER_S / self._fps)
            if not wait_until_ns(self._clock, t_ns, self._closed):
                return
            late_ns = self._clock.now_ns() - t_ns
            if late_ns > _NS_PER_S / self._fps:  # behind by more than a frame: skip, as a camera would
                index += int(late_ns * self._fps // _NS_PER_S)
                continue
            if flash_every and index % flash_every == 0:
                frame = self._white.copy()
            else:
                frame = self._background.copy()
                x = (index * 8) % max(1, self._width - bar_w)
                frame[:, x : x + bar_w] = (40, 40, 40)
            yield t_ns, frame
            index += 1

    def close(self) -> None:
        self._closed.set()


class SyntheticAudio:
    """Mono 48 kHz: a quiet 220 Hz tone with a 50 ms 1 kHz beep at each whole second of the clock.

    Blocks of 10 ms are delivered once their last sample is "captured" (like a microphone driver), stamped
    with the clock time of their first sample. A late consumer gets the missed blocks in a burst, not a gap.
    """

    def __init__(self, clock: Clock, channels: int = 1) -> None:
        self._clock = clock
        self._channels = channels
        self._closed = threading.Event()

    @property
    def format(self) -> AudioFormat:
        return AudioFormat(AUDIO_RATE_HZ, self._channels)

    def blocks(self) -> Iterator[tuple[int, Pcm]]:
        """Blocks until :meth:`close`; never ends by itself."""
        first = -(-self._clock.now_ns() * AUDIO_RATE_HZ // _NS_PER_S)
        sample = int(-(-first // AUDIO_BLOCK_SAMPLES) * AUDIO_BLOCK_SAMPLES)
        offsets = np.arange(AUDIO_BLOCK_SAMPLES, dtype=np.int64)
        while not self._closed.is_set():
            end_ns = (sample + AUDIO_BLOCK_SAMPLES) * _NS_PER_S // AUDIO_RATE_HZ
            if not wait_until_ns(self._clock, end_ns, self._closed):
                return
            yield sample * _NS_PER_S // AUDIO_RATE_HZ, self._block(sample + offsets)
            sample += AUDIO_BLOCK_SAMPLES

    def _block(self, n: np.ndarray[tuple[int], np.dtype[np.int64]]) -> Pcm:
        in_second = n % AUDIO_RATE_HZ
        # Phases from the sample index modulo one second keep float precision after days of uptime.
        t = in_second / AUDIO_RATE_HZ
        signal = TONE_AMPLITUDE * np.sin(2 * np.pi * TONE_HZ * t)
        beep = in_second < round(BEEP_S * AUDIO_RATE_HZ)
        signal = np.where(beep, signal + BEEP_AMPLITUDE * np.sin(2 * np.pi * BEEP_HZ * t), signal)
        mono = np.round(signal * 32767).astype(np.int16)
        return np.repeat(mono[:, None], self._channels, axis=1)

    def close(self) -> None:
        self._closed.set()


def _pattern(width: int, height: int) -> Frame:
    """Soft colour gradients with a mid-grey centre: plausible light levels, cheap to copy."""
    x = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :]
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    blue = 60 + 100 * x + 0 * y
    green = 70 + 90 * y + 0 * x
    red = 150 - 60 * x + 30 * y
    frame = np.stack([blue, green, red], axis=2).clip(0, 255).astype(np.uint8)
    cy, cx = height // 2, width // 2
    frame[cy - height // 6 : cy + height // 6, cx - width // 10 : cx + width // 10] = (128, 128, 128)
    return frame
