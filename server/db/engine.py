"""Creates the database engine (SQLite in WAL mode, or any SQLAlchemy URL) and runs Alembic migrations."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: Advisory lock key serialising migrations when several replicas start at once on one PostgreSQL.
MIGRATION_LOCK_KEY = 0x766F696365626F6F  # "voiceboo"
#: Connections per process: requests run in up to 40 threads; locks use their own connections.
POOL_SIZE = 10
MAX_OVERFLOW = 30


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy's "begin" event below opens every transaction with
    # BEGIN IMMEDIATE, so two writers queue on the busy timeout instead of failing on a lock upgrade.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # Deleted or cleared personal data (a withdrawal, a discard) is overwritten with zeros in the file,
    # not left readable in free space.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def is_disk_full(error: BaseException) -> bool:
    """True when the database refused a write because its disk is full (SQLite ``SQLITE_FULL``,
    PostgreSQL ``53100 disk_full``), as opposed to any other database failure."""
    cause = getattr(error, "orig", None) or error
    if getattr(cause, "sqlite_errorname", None) == "SQLITE_FULL":
        return True
    return getattr(cause, "sqlstate", None) == "53100" or "database or disk is full" in str(cause)


def make_engine(url: str) -> Engine:
    """Returns an engine for ``url``; SQLite gets WAL, foreign keys and immediate transactions."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW)


def migrate(engine: Engine) -> None:
    """Brings the schema up to the newest Alembic revision (creates it on a new database).

    On PostgreSQL a transaction-level advisory lock makes replicas that start together migrate one at a
    time (the others then find the schema current); SQLite's immediate transactions do the same.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Database:
    """The engine plus a session factory; one per app (and one per CLI command)."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any exception."""
        with self._sessions() as session, session.begin():
            yield session

    def scrub_journal(self) -> None:
        """SQLite: moves everything in the write-ahead log into the database file and empties the log.

        Called after personal data is deleted: with ``secure_delete`` the database file then holds zeros
        where the data was, and the log no longer holds the pages as they were. Waits for readers (at most
        the busy timeout); when one still holds an old snapshot, the next scrub finishes the job.
        Other databases: nothing to do here (PostgreSQL's VACUUM is the operator's schedule).
        """
        if self.engine.dialect.name != "sqlite":
            return
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            busy, _frames, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
        except sqlite3.OperationalError as error:
            if not is_disk_full(error):
                raise
            busy = 1  # the checkpoint needs room in the database file; the next scrub finishes it
        finally:
            raw.close()
        if busy:
            log.info("The database journal could not be emptied yet (a reader is busy); will try again")

    def dispose(self) -> None:
        """Closes every pooled connection."""
        self.engine.dispose()
