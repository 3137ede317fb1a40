"""Exponential backoff with jitter for transient failures (5xx, 429, dropped connections, timeouts).

"Equal jitter": the n-th wait is half the exponential step plus a random share of the other half, so
clients that failed together spread out, and no wait is ever near zero (no busy loop).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from recorder.upload.errors import UploadCancelled

#: Waits for ``delay_s`` unless cancelled; returns True when cancelled.
Wait = Callable[[float], bool]


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one sending run tries before leaving the submission queued for the next run.

    Attributes:
        max_attempts: consecutive failed attempts (5xx, dropped connection, timeout) before giving up.
        unreachable_attempts: attempts when no connection can be made at all (refused, unknown host):
            fewer, because waiting longer rarely helps and the person is waiting for an answer.
        base_delay_s: the first wait.
        max_delay_s: the longest wait.
    """

    max_attempts: int = 8
    unreachable_attempts: int = 3
    base_delay_s: float = 0.5
    max_delay_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay_s(self, failures: int, retry_after_s: float | None = None) -> float:
        """The wait after the ``failures``-th consecutive failure (1-based)."""
        step = min(self.max_delay_s, self.base_delay_s * (2 ** max(0, failures - 1)))
        delay: float = step / 2 + self.rng.uniform(0, step / 2)
        if retry_after_s is not None:
            delay = max(delay, min(self.max_delay_s, retry_after_s))
        return delay


def event_wait(cancel: threading.Event | None) -> Wait:
    """A :data:`Wait` that sleeps on ``cancel`` (returns early, True, when it is set)."""
    event = cancel or threading.Event()
    return event.wait


def backoff(policy: RetryPolicy, failures: int, wait: Wait, retry_after_s: float | None = None) -> None:
    """Wait before the next attempt.

    Raises:
        UploadCancelled: the wait was cancelled.
    """
    if wait(policy.delay_s(failures, retry_after_s)):
        raise UploadCancelled()


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds form only; dates are ignored)."""
    if not value:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return None
