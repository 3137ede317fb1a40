"""Object storage and replicas: multipart state of uploads, their parts, the shared server secret.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("multipart_id", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("part_count", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("tail_key", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("tail_bytes", sa.BigInteger(), server_default="0", nullable=False))
    op.create_table(
        "upload_parts",
        sa.Column("upload_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("etag", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["upload_id"], ["uploads.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("upload_id", "number"),
    )
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value_hex", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("server_secrets")
    op.drop_table("upload_parts")
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.drop_column("tail_bytes")
        batch_op.drop_column("tail_key")
        batch_op.drop_column("part_count")
        batch_op.drop_column("multipart_id")
