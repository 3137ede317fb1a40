"""How often someone may try withdrawal codes: per client address and per reference code.

The one place the withdrawal page and the withdrawal API ask: :func:`wait_before_attempt` before checking
codes, :func:`count_failure` after a wrong pair. Kept in process memory (``server.throttle``); a deployment
with several replicas switches these two functions to the shared, database-backed throttle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from server.settings import Settings
from server.throttle import AttemptLimiter


@dataclass
class WithdrawLimits:
    """The two counters, built from the settings."""

    by_address: AttemptLimiter
    by_reference: AttemptLimiter

    @classmethod
    def from_settings(cls, settings: Settings) -> WithdrawLimits:
        window = settings.withdraw_attempt_window_s
        return cls(
            AttemptLimiter(settings.withdraw_attempts_per_address, window),
            AttemptLimiter(settings.withdraw_attempts_per_reference, window),
        )


def wait_before_attempt(limits: WithdrawLimits, address: str, reference: str | None) -> int | None:
    """Whole seconds to wait before this address may try (this reference) again; None: go ahead."""
    waits = [limits.by_address.retry_after_s(address)]
    if reference is not None:
        waits.append(limits.by_reference.retry_after_s(reference))
    longest = max((w for w in waits if w is not None), default=None)
    return None if longest is None else math.ceil(longest)


def count_failure(limits: WithdrawLimits, address: str, reference: str | None) -> None:
    """Counts a wrong reference/code pair (``reference``: a well-formed reference code, else None)."""
    limits.by_address.failed(address)
    if reference is not None:
        limits.by_reference.failed(reference)
