"""Rate counters in the database (sign-in throttling per client address); the per-account lock-out goes.

A lock per account let anyone lock a reviewer out by name; sign-ins are now counted per client address and
per name at that address (server.ratelimit), so reviewers.failed_logins and locked_until_utc are dropped.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("window_start_utc", sa.DateTime(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("blocked_until_utc", sa.DateTime(), nullable=True),
        sa.Column("expires_utc", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("rate_counters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rate_counters_expires_utc"), ["expires_utc"], unique=False)
    with op.batch_alter_table("reviewers", schema=None) as batch_op:
        batch_op.drop_column("locked_until_utc")
        batch_op.drop_column("failed_logins")


def downgrade() -> None:
    with op.batch_alter_table("reviewers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until_utc", sa.DateTime(), nullable=True))
    with op.batch_alter_table("rate_counters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_counters_expires_utc"))
    op.drop_table("rate_counters")
