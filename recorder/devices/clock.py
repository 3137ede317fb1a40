"""The real clock every source and recorder shares: ``time.monotonic_ns`` (comparable across processes)."""

from __future__ import annotations

import threading
import time

from recorder.ports import Clock


class MonotonicClock:
    """Monotonic nanoseconds from the operating system; satisfies :class:`recorder.ports.Clock`."""

    def now_ns(self) -> int:
        """Nanoseconds since an arbitrary fixed point (CLOCK_MONOTONIC on Linux)."""
        return time.monotonic_ns()

    def sleep_until_ns(self, deadline_ns: int) -> None:
        """Sleeps until ``deadline_ns`` (returns at once when it has passed)."""
        delay_ns = deadline_ns - time.monotonic_ns()
        if delay_ns > 0:
            time.sleep(delay_ns / 1e9)


def wait_until_ns(
    clock: Clock, deadline_ns: int, stop: threading.Event, *, step_ns: int = 50_000_000
) -> bool:
    """Waits for ``deadline_ns`` on ``clock`` in short steps so that ``stop`` ends the wait early.

    Args:
        clock: A :class:`recorder.ports.Clock`.
        deadline_ns: Clock time to wait for.
        stop: When set, the wait ends at the next step.
        step_ns: Longest single sleep.

    Returns:
        False when ``stop`` was set, True when the deadline was reached.
    """
    while not stop.is_set():
        now = clock.now_ns()
        if now >= deadline_ns:
            return True
        clock.sleep_until_ns(min(deadline_ns, now + step_ns))
    return False
