"""Locks across replicas: PostgreSQL session-level advisory locks.

A PATCH (or a HEAD waiting for one) takes ``pg_advisory_lock(key)`` on a connection of its own, kept out of
the database pool and driven by asyncio (psycopg's async connection), so waiting costs no thread. The wait
is bounded by ``lock_timeout``; PostgreSQL queues waiters in order. If the replica holding a lock dies
(SIGKILL, a power cut noticed by TCP keepalives), its connection closes and PostgreSQL releases the lock,
so the client can resume through any other replica at once. Keys are the first 8 bytes of a SHA-256 of
``upload:<id>``, ``submission:<id>`` or ``job:<name>`` (a clash, 1 in 2^64, would only make two requests
wait for each other). Blocking code (purge, expiry, complete, discard, electing the purge's runner) takes the
same locks on a pooled connection of the server's own engine and releases them before handing it back.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator, Iterator

import psycopg
from psycopg import errors as pg_errors
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from server.locks.port import LockTimeoutError

#: Idle lock connections kept per process (more are opened when busy, then closed).
MAX_IDLE_CONNECTIONS = 32
#: libpq keepalives: a replica that vanishes without closing its socket loses its locks within ~30 s.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


def lock_key(kind: str, name: str) -> int:
    """The signed 64-bit advisory lock key of ``kind:name``."""
    digest = hashlib.sha256(f"{kind}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def libpq_url(sqlalchemy_url: str) -> str:
    """A libpq connection URI for a SQLAlchemy PostgreSQL URL (the ``+psycopg`` driver suffix dropped)."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


class PostgresLocks:
    """Advisory locks shared by every replica using the same database."""

    def __init__(self, database_url: str, engine: Engine) -> None:
        self._conninfo = libpq_url(database_url)
        self._engine = engine
        self._idle: list[psycopg.AsyncConnection[object]] = []

    def prepare(self, upload_id: str) -> None:
        """Nothing to make: advisory locks need no row or file."""

    def forget(self, upload_id: str) -> None:
        """Nothing to remove (a waiter then finds the upload ended in the database)."""

    @contextlib.asynccontextmanager
    async def hold(self, upload_id: str, timeout_s: float) -> AsyncIterator[None]:
        """Holds ``pg_advisory_lock`` for the upload on a dedicated connection.

        Raises:
            LockTimeoutError: another request (on any replica) held it for longer than ``timeout_s``.
        """
        key = lock_key("upload", upload_id)
        connection = await self._connection()
        healthy = False
        try:
            await connection.execute(f"SET lock_timeout = {max(1, int(timeout_s * 1000))}")
            try:
                await connection.execute("SELECT pg_advisory_lock(%s)", (key,))
            except pg_errors.LockNotAvailable:
                healthy = True
                raise LockTimeoutError from None
            try:
                yield
            finally:
                await connection.execute("SELECT pg_advisory_unlock(%s)", (key,))
            healthy = True
        finally:
            # Any doubt about the connection (a cancelled wait, a failed unlock): close it, which releases
            # whatever it held, rather than hand a lock-holding connection to the next request.
            if healthy and len(self._idle) < MAX_IDLE_CONNECTIONS and not connection.closed:
                self._idle.append(connection)
            else:
                await connection.close()

    async def _connection(self) -> psycopg.AsyncConnection[object]:
        while self._idle:
            idle = self._idle.pop()
            if not idle.closed:
                return idle
        connection: psycopg.AsyncConnection[object] = await psycopg.AsyncConnection.connect(
            self._conninfo,
            autocommit=True,
            **KEEPALIVES,  # type: ignore[arg-type]
        )
        return connection

    @contextlib.contextmanager
    def try_hold(self, upload_id: str) -> Iterator[bool]:
        """``pg_try_advisory_lock``: True (and held) when no replica holds the upload's lock."""
        with self._try_lock(lock_key("upload", upload_id)) as got:
            yield got

    @contextlib.contextmanager
    def _try_lock(self, key: int) -> Iterator[bool]:
        with self._engine.connect() as connection:
            got = bool(connection.execute(select(func.pg_try_advisory_lock(key))).scalar())
            connection.commit()
            try:
                yield got
            finally:
                if got:
                    connection.execute(select(func.pg_advisory_unlock(key)))
                    connection.commit()

    @contextlib.contextmanager
    def elect(self, job: str) -> Iterator[bool]:
        """``pg_try_advisory_lock`` on the job's key: one process of all replicas runs it at a time."""
        with self._try_lock(lock_key("job", job)) as got:
            yield got

    @contextlib.contextmanager
    def submission(self, submission_id: str) -> Iterator[None]:
        """Holds the submission's advisory lock (any replica's complete or discard of it waits)."""
        key = lock_key("submission", submission_id)
        with self._engine.connect() as connection:
            connection.execute(select(func.pg_advisory_lock(key)))
            connection.commit()
            try:
                yield
            finally:
                connection.execute(select(func.pg_advisory_unlock(key)))
                connection.commit()

    def close(self) -> None:
        """Closes idle lock connections (each belongs to the event loop that opened it)."""
        for connection in self._idle:
            with contextlib.suppress(Exception):
                connection.pgconn.finish()
        self._idle.clear()
