"""Password checks on their own small thread pool, with a cap on sign-ins in flight.

argon2id is deliberately slow and memory-hard (64 MiB, ~50 ms a check). Run on the shared worker threads,
a flood of wrong sign-ins filled all of them, and health checks and uploads waited behind it for 20 s and
more. Here at most ``workers`` checks run at once on threads of their own, and at most ``max_in_flight``
sign-ins are being handled by this process; one more is refused at once (429 with ``Retry-After``), by
:class:`SignInGateMiddleware` before its body is read or routed, so a flood costs the server as little
as a request can.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from starlette.types import ASGIApp, Receive, Scope, Send

from server.errors import error_response
from server.passwords import verify_password


class SignInsBusyError(Exception):
    """This process is already handling as many sign-ins as it may."""


class PasswordChecks:
    """The pool and the cap; one per server process, used from the event loop only."""

    def __init__(self, workers: int, max_in_flight: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="password-check")
        self._max_in_flight = max_in_flight
        self._in_flight = 0

    @property
    def full(self) -> bool:
        """True while every sign-in place is taken."""
        return self._in_flight >= self._max_in_flight

    @contextlib.contextmanager
    def admit(self) -> Iterator[None]:
        """Holds one of the sign-in places for the body of the ``with``.

        Raises:
            SignInsBusyError: every place is taken.
        """
        if self.full:
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


SIGN_IN_PATH = "/api/v1/auth/login"
BUSY_MESSAGE = "The server is busy with other sign-ins. Try again in a moment."


class SignInGateMiddleware:
    """Refuses a sign-in with 429 ``sign_ins_busy`` while every place is taken, before anything else."""

    def __init__(self, app: ASGIApp, checks: PasswordChecks) -> None:
        self.app = app
        self.checks = checks
        self.busy = error_response(429, "sign_ins_busy", BUSY_MESSAGE, {"Retry-After": "1"})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == SIGN_IN_PATH and self.checks.full:
            await self.busy(scope, receive, send)
            return
        await self.app(scope, receive, send)
