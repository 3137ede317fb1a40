"""Counts failed attempts per key in a sliding window, in this server process's memory.

The withdrawal page and ``POST /api/v1/withdraw`` use it (through
:mod:`server.services.withdraw_limits`, the one place to switch to a shared, database-backed throttle when
several replicas serve the page). Memory is bounded: keys whose attempts have all left the window are
dropped, and at most ``max_keys`` keys are kept (the oldest go first).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class AttemptLimiter:
    """At most ``limit`` failed attempts per key within ``window_s`` seconds.

    Args:
        limit: failures allowed in the window; the next attempt is refused until the oldest one leaves it.
        window_s: the window's length.
        clock: monotonic seconds (a fake one in tests).
        max_keys: keys remembered at most.
    """

    def __init__(
        self,
        limit: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._max_keys = max_keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after_s(self, key: str) -> float | None:
        """Seconds until ``key`` may try again (None: it may try now)."""
        with self._lock:
            times = self._current(key)
            if times is None or len(times) < self.limit:
                return None
            return max(1.0, times[0] + self.window_s - self._clock())

    def failed(self, key: str) -> None:
        """Counts one failed attempt for ``key``."""
        with self._lock:
            times = self._current(key)
            if times is None:
                times = self._failures[key] = deque()
                while len(self._failures) > self._max_keys:
                    self._failures.popitem(last=False)
            times.append(self._clock())
            self._failures.move_to_end(key)

    def _current(self, key: str) -> deque[float] | None:
        times = self._failures.get(key)
        if times is None:
            return None
        oldest_kept = self._clock() - self.window_s
        while times and times[0] <= oldest_kept:
            times.popleft()
        if not times:
            del self._failures[key]
            return None
        return times
