"""Stand-ins for hardware states this machine cannot produce: a camera another program holds, a privacy block.

Everything else is the real :mod:`recorder.devices` (``synthetic:``, ``file:``, a missing ``camera:9``).
A camera that is held by another program opens but never delivers a picture, which is what OpenCV does
on Windows (DirectShow) for a webcam Teams is using: :class:`HeldCameraDevices` gives the real
:class:`recorder.devices.camera.CameraVideo` a capture that behaves that way, through the ``Devices`` port
the flow's services use (``FlowServices(devices=...)``). :class:`FakePrivacyRegistry` answers like a Windows
registry in which IT forbade apps to use the camera (``FlowServices(privacy_registry=...)``).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from recorder.devices import SYSTEM_DEVICES as REAL_DEVICES
from recorder.devices import DeviceList
from recorder.devices.camera import CameraVideo
from recorder.ports import AudioSource, Clock, VideoSource
from recorder.selftest.privacy import APP_PRIVACY_KEY, FORCE_DENY


class HeldCapture:
    """A ``cv2.VideoCapture`` of a webcam another program holds: opened, but every read fails.

    Args:
        frames_before_failing: deliver this many grey 320x180 pictures first, paced at 30 fps (a webcam
            unplugged mid-take).
    """

    def __init__(self, frames_before_failing: int = 0) -> None:
        self.reads = 0
        self.frames_before_failing = frames_before_failing

    def isOpened(self) -> bool:
        return True

    def read(self) -> tuple[bool, Any]:
        self.reads += 1
        if self.reads > self.frames_before_failing:
            return False, None
        time.sleep(1 / 30)
        return True, np.full((180, 320, 3), 90, np.uint8)

    def set(self, prop: int, value: float) -> bool:
        return False

    def get(self, prop: int) -> float:
        return 0.0

    def release(self) -> None:
        return None


class HeldCameraDevices:
    """The real devices, except that ``camera:N`` is a real CameraVideo over a :class:`HeldCapture`."""

    def open_video_source(
        self, uri: str, clock: Clock, *, size: tuple[int, int] = (1280, 720), fps: float = 30.0
    ) -> VideoSource:
        if uri.startswith("camera:"):
            return CameraVideo(
                int(uri.partition(":")[2]), clock, size, fps, open_capture=lambda _i: HeldCapture()
            )
        return REAL_DEVICES.open_video_source(uri, clock, size=size, fps=fps)

    def open_audio_source(self, uri: str, clock: Clock) -> AudioSource:
        return REAL_DEVICES.open_audio_source(uri, clock)

    def list_cameras(self) -> DeviceList:
        return REAL_DEVICES.list_cameras()

    def list_microphones(self) -> DeviceList:
        return REAL_DEVICES.list_microphones()


class FakePrivacyRegistry:
    """A Windows registry where the "Let Windows apps access the camera" policy is Force Deny."""

    def read_values(self, hive: str, key_path: str) -> dict[str, object] | None:
        if hive == "HKLM" and key_path == APP_PRIVACY_KEY:
            return {"LetAppsAccessCamera": FORCE_DENY}
        return None
