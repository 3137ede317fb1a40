"""Whether a window can be shown here (the app, the self-test and the demo all ask)."""

from __future__ import annotations

import sys
from collections.abc import Mapping


def has_display(environ: Mapping[str, str]) -> bool:
    """True when a window can be shown (an explicit QT_QPA_PLATFORM counts: tests use offscreen)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM"))
