"""Initial tables: upload keys, reviewers and tokens, uploads, submissions, takes, decisions, comments, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 08:00:53.515209
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(length=36), nullable=True),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_submission_id"), ["submission_id"], unique=False)

    op.create_table(
        "reviewers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until_utc", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "upload_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.Column("revoked_utc", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_table(
        "reviewer_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.Column("expires_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["reviewer_id"], ["reviewers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("reviewer_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviewer_tokens_reviewer_id"), ["reviewer_id"], unique=False)

    op.create_table(
        "submissions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("upload_key_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=12), nullable=True),
        sa.Column("manifest_json", sa.Text(), nullable=True),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("campaign_id", sa.String(length=100), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("app_version", sa.String(length=40), nullable=False),
        sa.Column("person_json", sa.Text(), nullable=True),
        sa.Column("consent_version_id", sa.String(length=100), nullable=False),
        sa.Column("consent_text_sha256", sa.String(length=64), nullable=False),
        sa.Column("consent_choices_json", sa.Text(), nullable=False),
        sa.Column("consent_given_utc", sa.DateTime(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.Column("posted_utc", sa.DateTime(), nullable=False),
        sa.Column("received_utc", sa.DateTime(), nullable=True),
        sa.Column("closed_utc", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["upload_key_id"],
            ["upload_keys.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submissions_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_submissions_received_utc"), ["received_utc"], unique=False)
        batch_op.create_index(batch_op.f("ix_submissions_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_submissions_upload_key_id"), ["upload_key_id"], unique=False)

    op.create_table(
        "uploads",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("upload_key_id", sa.Integer(), nullable=False),
        sa.Column("length_bytes", sa.BigInteger(), nullable=False),
        sa.Column("offset_bytes", sa.BigInteger(), nullable=False),
        sa.Column("metadata_header", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("submission_id", sa.String(length=36), nullable=True),
        sa.Column("take_id", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.Column("expires_utc", sa.DateTime(), nullable=False),
        sa.Column("finished_utc", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["upload_key_id"],
            ["upload_keys.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_uploads_expires_utc"), ["expires_utc"], unique=False)
        batch_op.create_index(batch_op.f("ix_uploads_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_uploads_upload_key_id"), ["upload_key_id"], unique=False)

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(length=36), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["reviewers.id"],
        ),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decisions_submission_id"), ["submission_id"], unique=False)

    op.create_table(
        "takes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("take_id", sa.String(length=100), nullable=False),
        sa.Column("submission_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("prompt_id", sa.String(length=100), nullable=False),
        sa.Column("prompt_text", sa.Text(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("check_json", sa.Text(), nullable=False),
        sa.Column("upload_id", sa.String(length=32), nullable=True),
        sa.Column("media_id", sa.String(length=32), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("take_id"),
    )
    with op.batch_alter_table("takes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_takes_prompt_id"), ["prompt_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_takes_submission_id"), ["submission_id"], unique=False)

    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("take_pk", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("at_ms", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["reviewers.id"],
        ),
        sa.ForeignKeyConstraint(["take_pk"], ["takes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comments_take_pk"), ["take_pk"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comments_take_pk"))

    op.drop_table("comments")
    with op.batch_alter_table("takes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_takes_submission_id"))
        batch_op.drop_index(batch_op.f("ix_takes_prompt_id"))

    op.drop_table("takes")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_submission_id"))

    op.drop_table("decisions")
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uploads_upload_key_id"))
        batch_op.drop_index(batch_op.f("ix_uploads_state"))
        batch_op.drop_index(batch_op.f("ix_uploads_expires_utc"))

    op.drop_table("uploads")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submissions_upload_key_id"))
        batch_op.drop_index(batch_op.f("ix_submissions_status"))
        batch_op.drop_index(batch_op.f("ix_submissions_received_utc"))
        batch_op.drop_index(batch_op.f("ix_submissions_campaign_id"))

    op.drop_table("submissions")
    with op.batch_alter_table("reviewer_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviewer_tokens_reviewer_id"))

    op.drop_table("reviewer_tokens")
    op.drop_table("upload_keys")
    op.drop_table("reviewers")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_submission_id"))

    op.drop_table("audit_events")
