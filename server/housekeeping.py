"""What the server does by itself while it runs: the start-up check, then the retention purge on a timer."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from server.context import ServerContext
from server.services.consistency import check_and_repair
from server.services.purge import purge

log = logging.getLogger(__name__)


async def _purge_every(ctx: ServerContext, interval_s: float) -> None:
    while True:
        await asyncio.sleep(interval_s)
        try:
            report = await run_in_threadpool(purge, ctx)
        except Exception:  # the next round tries again; the server keeps serving
            log.exception("The scheduled purge failed")
            continue
        log.info("Scheduled purge: %s", "; ".join(report.lines()))


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """FastAPI lifespan: before the first request, finish what a crash left half done (pending deletions,
    interrupted moves, temporary files); then purge every ``purge_interval_s`` until the server stops."""
    ctx: ServerContext = app.state.context
    await run_in_threadpool(check_and_repair, ctx)
    await run_in_threadpool(ctx.db.scrub_journal)
    task = asyncio.create_task(_purge_every(ctx, ctx.settings.purge_interval_s))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        ctx.passwords.close()
