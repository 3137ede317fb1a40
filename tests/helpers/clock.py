"""A fake clock behind the Clock port: time moves only when someone sleeps on it (or a test advances it)."""

from __future__ import annotations

import threading


class FakeClock:
    """Starts at ``start_ns``; :meth:`sleep_until_ns` jumps straight to the deadline (thread-safe)."""

    def __init__(self, start_ns: int = 1_000_000_000_000) -> None:
        self._now_ns = start_ns
        self._lock = threading.Lock()

    def now_ns(self) -> int:
        with self._lock:
            return self._now_ns

    def sleep_until_ns(self, deadline_ns: int) -> None:
        with self._lock:
            self._now_ns = max(self._now_ns, deadline_ns)

    def advance_s(self, seconds: float) -> None:
        with self._lock:
            self._now_ns += round(seconds * 1e9)
