"""The FastAPI app factory: ``create_app(settings)`` readies storage and database, wires routes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import FastAPI

from server.access_log import AccessLogMiddleware
from server.api import operations, public, review, review_media, submissions
from server.context import ServerContext, load_or_create_secret
from server.db.engine import Database, migrate
from server.errors import install_error_handlers
from server.housekeeping import lifespan
from server.http_protocol import WorkerHttpToolsProtocol, limits_for
from server.limits import BodyLimitMiddleware, ConcurrencyLimitMiddleware
from server.locks import Locks
from server.logging_setup import configure_logging
from server.password_checks import PasswordChecks, SignInGateMiddleware
from server.security_headers import SecurityHeadersMiddleware
from server.settings import Settings, load_settings
from server.storage import open_storage
from server.tus import routes as tus_routes
from server.tus.protocol import TusProtocolMiddleware
from server.web import withdraw_page

log = logging.getLogger(__name__)


def open_locks(settings: Settings, db: Database) -> Locks:
    """PostgreSQL advisory locks when the database is PostgreSQL (replicas), else this host's flock files."""
    if settings.uses_postgresql:
        from server.locks.postgres import PostgresLocks

        return PostgresLocks(settings.db_url, db.engine)
    from server.locks.local import LocalLocks

    return LocalLocks(settings.uploads_dir)


def open_context(settings: Settings) -> ServerContext:
    """Prepares the data folder, storage and database, returns the shared context (the CLI uses it too).

    Raises:
        StorageError: the object store refuses the bucket or the credentials.
    """
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    settings.uploads_dir.mkdir(mode=0o700, exist_ok=True)  # the flock files live here on every storage
    if not settings.database_url:
        # SQLite makes its -wal and -shm files with the database file's permissions: owner-only.
        db_file = settings.data_dir / "voicebooth.db"
        if not db_file.exists():
            db_file.touch(mode=0o600)
    storage = open_storage(settings)
    storage.prepare()
    db = Database(settings.db_url)
    migrate(db.engine)
    return ServerContext(
        settings=settings,
        db=db,
        storage=storage,
        locks=open_locks(settings, db),
        secret=load_or_create_secret(db, settings.data_dir),
        passwords=PasswordChecks(settings.login_hash_workers, settings.login_concurrency),
    )


def create_app(settings: Settings) -> FastAPI:
    """Builds the intake server app for ``settings`` (storage and database are ready on return)."""
    context = open_context(settings)
    app = FastAPI(
        title="Voicebooth intake server", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.context = context
    install_error_handlers(app)
    app.include_router(tus_routes.router)
    app.include_router(submissions.router, prefix="/api/v1")
    app.include_router(public.router, prefix="/api/v1")
    app.include_router(operations.router)
    app.include_router(review.router, prefix="/api/v1")
    app.include_router(review_media.router, prefix="/api/v1")
    app.include_router(withdraw_page.router)
    app.add_middleware(BodyLimitMiddleware, limit_bytes=settings.json_body_limit_bytes)
    app.add_middleware(TusProtocolMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(ConcurrencyLimitMiddleware, max_requests=settings.max_requests)
    app.add_middleware(SignInGateMiddleware, checks=context.passwords)
    app.add_middleware(AccessLogMiddleware)
    return app


def app_from_environment() -> FastAPI:
    """The app of one ``serve --workers N`` worker process: settings from the data folder and environment."""
    settings = load_settings(Path(os.environ["VOICEBOOTH_SERVER_DATA"]))
    configure_logging(os.environ.get("VOICEBOOTH_SERVER_LOG_LEVEL", "info"), settings.log_format)
    WorkerHttpToolsProtocol.limits = limits_for(settings)  # before this worker's first connection
    return create_app(settings)
