"""For the load balancer and monitoring: readiness at ``/api/v1/ready`` and Prometheus ``/metrics``.

``/api/v1/health`` (in ``public``) says the process answers; ``ready`` says this replica can do its work
now (the database and the storage answer), so a load balancer sends it requests only then. Neither needs a
sign-in and neither says anything about submissions. ``/metrics`` holds counts and timings only; keep it
off the public side of the load balancer (the example HAProxy configuration refuses it there).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from server.context import ServerContext
from server.errors import error_response
from server.metrics import render
from server.storage import StorageError

router = APIRouter(tags=["operations"])
log = logging.getLogger(__name__)


def _checks(ctx: ServerContext) -> dict[str, object]:
    checks: dict[str, object] = {"database": "ok", "storage": "ok"}
    try:
        with ctx.db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        log.warning("Not ready: the database does not answer (%s)", type(error).__name__)
        checks["database"] = "unreachable"
    try:
        ctx.storage.check_ready()
    except (StorageError, OSError) as error:
        log.warning("Not ready: the storage does not answer (%s)", type(error).__name__)
        checks["storage"] = "unreachable"
    return checks


@router.get("/api/v1/ready", response_model=None)
async def ready(request: Request) -> Response | dict[str, object]:
    """200 when the database and the storage both answer; 503 naming the one that does not."""
    ctx: ServerContext = request.app.state.context
    checks = await run_in_threadpool(_checks, ctx)
    if all(value == "ok" for value in checks.values()):
        return {"status": "ready", **checks}
    return error_response(503, "not_ready", "This server cannot reach its database or storage.", extra=checks)


@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    """Prometheus text exposition (all workers of this host when there are several)."""
    body, content_type = render()
    return Response(body, media_type=content_type, headers={"Cache-Control": "no-store"})
