"""Password checks on their own small thread pool, with a cap on sign-ins in flight.

argon2id is deliberately slow and memory-hard (64 MiB, ~50 ms a check). Run on the shared worker threads,
a flood of wrong sign-ins filled all of them, and health checks and uploads waited behind it for 20 s and
more. Here at most ``workers`` checks run at once on threads of their own, and at most ``max_in_flight``
sign-ins are being handled by this process; one more is refused at once (429 with ``Retry-After``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from server.passwords import verify_password


class SignInsBusyError(Exception):
    """This process is already handling as many sign-ins as it may."""


class PasswordChecks:
    """The pool and the cap; one per server process, used from the event loop only."""

    def __init__(self, workers: int, max_in_flight: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="password-check")
        self._max_in_flight = max_in_flight
        self._in_flight = 0

    @contextlib.contextmanager
    def admit(self) -> Iterator[None]:
        """Holds one of the sign-in places for the body of the ``with``.

        Raises:
            SignInsBusyError: every place is taken.
        """
        if self._in_flight >= self._max_in_flight:
            raise SignInsBusyError
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1

    async def verify(self, stored_hash: str | None, password: str) -> bool:
        """:func:`server.passwords.verify_password` on the pool (the same time for an unknown name)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, verify_password, stored_hash, password)

    def close(self) -> None:
        """Stops the pool's threads (checks not started are dropped)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
