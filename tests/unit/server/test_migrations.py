"""The Alembic migrations build exactly the schema the models describe (SQLite; PostgreSQL in integration)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from server.db.engine import Database, migrate
from server.db.models import Base


def test_migrations_match_models_and_are_idempotent(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.db'}")
    migrate(db.engine)
    migrate(db.engine)  # a second start changes nothing
    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert set(inspect(db.engine).get_table_names()) >= {"uploads", "submissions", "takes", "audit_events"}
    db.dispose()
