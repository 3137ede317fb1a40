"""What the server does by itself while it runs: the start-up check, then the retention purge on a timer.

Every worker process of every replica runs the timer, but each round is *elected*: the process that takes
the job's lock (a flock on one host, ``pg_try_advisory_lock`` across replicas on PostgreSQL) runs it and the
others skip that round, so one purge runs at a time however many processes serve. (The purge is idempotent
and safe to run twice at once; the election saves the repeated work, the storage listings and the races.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from server.context import ServerContext
from server.locks import Locks
from server.services.consistency import check_and_repair
from server.services.purge import purge
from server.storage import StorageError

log = logging.getLogger(__name__)
T = TypeVar("T")

#: The lock electing the process that runs the start-up check and each timed purge.
JOB = "housekeeping"


def elected(locks: Locks, work: Callable[[], T]) -> T | None:
    """Runs ``work`` if this process wins the job's lock now; None when another process holds it."""
    with locks.elect(JOB) as chosen:
        return work() if chosen else None


async def _purge_every(ctx: ServerContext, interval_s: float) -> None:
    while True:
        await asyncio.sleep(interval_s)
        try:
            report = await run_in_threadpool(elected, ctx.locks, lambda: purge(ctx))
        except Exception:  # the next round tries again; the server keeps serving
            log.exception("The scheduled purge failed")
            continue
        if report is not None:
            log.info("Scheduled purge: %s", "; ".join(report.lines()))


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """FastAPI lifespan: before the first request, finish what a crash left half done (pending deletions,
    interrupted moves, temporary files); then purge every ``purge_interval_s`` until the server stops. A
    process that loses the election starts serving at once (the winner repairs meanwhile: each repair
    re-checks before it changes anything); so does one whose object store does not answer yet."""
    ctx: ServerContext = app.state.context
    try:
        await run_in_threadpool(elected, ctx.locks, lambda: check_and_repair(ctx))
    except StorageError as error:  # serve anyway: /api/v1/ready says not ready; the purge checks again
        log.warning("The start-up check could not reach the storage (%s); the next purge repeats it", error)
    await run_in_threadpool(ctx.db.scrub_journal)
    task = asyncio.create_task(_purge_every(ctx, ctx.settings.purge_interval_s))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        ctx.passwords.close()
        ctx.locks.close()
