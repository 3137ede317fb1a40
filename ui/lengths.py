"""One way to write time on every screen: ``m:ss`` ("0:07", "1:30") for lengths and for places in a video."""

from __future__ import annotations

import math


def format_length(seconds: float) -> str:
    """``m:ss`` for a length of ``seconds``, to the nearest second (6.5 s is "0:07")."""
    whole = max(0, math.floor(seconds + 0.5))
    return f"{whole // 60}:{whole % 60:02d}"


def format_position(at_ms: int) -> str:
    """``m:ss`` for a place in a video: the second it is in (a playhead at 3.9 s is still "0:03")."""
    whole = max(0, at_ms) // 1000
    return f"{whole // 60}:{whole % 60:02d}"
