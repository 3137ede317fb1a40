"""Fake camera and microphone behind the ports, with the same four functions as ``recorder.devices``.

UI tests use the real :mod:`recorder.devices` (``synthetic:``, a missing ``camera:9``...) whenever it is in
the tree; :func:`devices_for_tests` falls back to these fakes only while it is not, so the pages' own logic
(newest-frame preview, level hints, no-device screen) is still tested. The fakes honour the port contracts:
frames and blocks timestamped on the given clock, paced in real time, ``close()`` safe from any thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np

from recorder.ports import AUDIO_RATE_HZ, AudioFormat, Clock, Frame, Pcm, SourceError, VideoFormat


@dataclass(frozen=True)
class FakeDevice:
    uri: str
    label: str


@dataclass(frozen=True)
class FakeDeviceList:
    devices: list[FakeDevice] = field(default_factory=list)
    explanation: str | None = None


class FakeCamera:
    """A moving bar on grey, 30 fps, paced in real time."""

    def __init__(self, clock: Clock, size: tuple[int, int], fps: float = 30.0) -> None:
        self._clock = clock
        self._size = size
        self._fps = fps
        self._closed = threading.Event()

    @property
    def format(self) -> VideoFormat:
        return VideoFormat(self._size[0], self._size[1], self._fps)

    def frames(self) -> Iterator[tuple[int, Frame]]:
        width, height = self._size
        index = 0
        while not self._closed.is_set():
            frame = np.full((height, width, 3), 110, np.uint8)
            x = (index * 12) % width
            frame[:, x : x + width // 32] = 250
            yield self._clock.now_ns(), frame
            index += 1
            self._closed.wait(1 / self._fps)

    def close(self) -> None:
        self._closed.set()


class FakeMicrophone:
    """A -20 dBFS 440 Hz tone in 20 ms blocks, paced in real time."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._closed = threading.Event()

    @property
    def format(self) -> AudioFormat:
        return AudioFormat(AUDIO_RATE_HZ, 1)

    def blocks(self) -> Iterator[tuple[int, Pcm]]:
        block = AUDIO_RATE_HZ // 50
        t = np.arange(block) / AUDIO_RATE_HZ
        tone = (3277 * np.sin(2 * np.pi * 440 * t)).astype(np.int16).reshape(-1, 1)
        while not self._closed.is_set():
            yield self._clock.now_ns(), tone
            self._closed.wait(0.02)

    def close(self) -> None:
        self._closed.set()


def _open_video(
    uri: str, clock: Clock, *, size: tuple[int, int] = (1280, 720), fps: float = 30.0
) -> FakeCamera:
    if uri != "synthetic:":
        raise SourceError(
            f"No camera was found for {uri}. Check it is plugged in and not used by another program."
        )
    return FakeCamera(clock, size, fps)


def _open_audio(uri: str, clock: Clock) -> FakeMicrophone:
    if uri != "synthetic:":
        raise SourceError(f"The microphone {uri} cannot be opened.")
    return FakeMicrophone(clock)


FAKE_DEVICES = SimpleNamespace(
    open_video_source=_open_video,
    open_audio_source=_open_audio,
    list_cameras=lambda: FakeDeviceList([FakeDevice("synthetic:", "Test camera")]),
    list_microphones=lambda: FakeDeviceList([FakeDevice("synthetic:", "Test microphone")]),
)


def real_devices_available() -> bool:
    import recorder.devices as devices

    return all(hasattr(devices, n) for n in ("open_video_source", "open_audio_source", "list_cameras"))


def devices_for_tests() -> Any:
    """``None`` (use the real recorder.devices) when it is in the tree, else the fakes above."""
    return None if real_devices_available() else FAKE_DEVICES
