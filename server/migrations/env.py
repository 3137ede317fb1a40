"""Alembic environment: runs migrations on the connection server.db.engine.migrate hands in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from server.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Runs against a given connection, or against ``sqlalchemy.url`` when run by the alembic command."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as own_connection:
        context.configure(connection=own_connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
