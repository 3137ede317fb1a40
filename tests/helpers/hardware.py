"""Stand-ins for camera hardware behind OpenCV's capture interface (``recorder.devices.camera.Capture``)."""

from __future__ import annotations

import time
from typing import Any

import numpy as np


class DyingCapture:
    """Delivers ``good`` frames of ``size`` at about ``fps``, then the driver fails (a pulled USB cable).

    Args:
        good: Frames delivered before the failure.
        failure: ``"raise"`` (the driver raises) or ``"no-frames"`` (reads keep returning nothing).
    """

    def __init__(
        self, good: int, failure: str = "raise", size: tuple[int, int] = (64, 36), fps: float = 500.0
    ) -> None:
        self.good = good
        self.failure = failure
        self.size = size
        self.period_s = 1.0 / fps
        self.released = False
        self.reads = 0

    def isOpened(self) -> bool:
        return True

    def read(self) -> tuple[bool, Any]:
        self.reads += 1
        time.sleep(self.period_s)
        if self.reads <= self.good:
            return True, np.full((self.size[1], self.size[0], 3), self.reads % 200, np.uint8)
        if self.failure == "raise":
            raise RuntimeError("VIDIOC_DQBUF: No such device")
        return False, None

    def set(self, prop: int, value: float) -> bool:
        return True

    def get(self, prop: int) -> float:
        return {3: float(self.size[0]), 4: float(self.size[1]), 5: 1.0 / self.period_s}.get(prop, 0.0)

    def release(self) -> None:
        self.released = True
