"""One way to write a length of time on every screen: ``m:ss`` ("0:07", "1:30")."""

from __future__ import annotations

import math


def format_length(seconds: float) -> str:
    """``m:ss`` for a length of ``seconds``, to the nearest second (6.5 s is "0:07")."""
    whole = max(0, math.floor(seconds + 0.5))
    return f"{whole // 60}:{whole % 60:02d}"
