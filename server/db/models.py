"""SQLAlchemy 2 ORM models: upload keys, reviewers, tus uploads and their parts, submissions, takes,
decisions, audit, the published consent wording with reviewers' records of wording the server never held,
pending deletions, rate counters, the shared server secret."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (SQLite keeps no zone, so store naive UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Declarative base; Alembic compares migrations against this metadata in a test."""


class UploadKey(Base):
    """A key the desktop app sends with; stored as a SHA-256 hash only."""

    __tablename__ = "upload_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_utc: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class Reviewer(Base):
    """A network lead who reviews submissions; the password is an argon2id hash."""

    __tablename__ = "reviewers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())


class ReviewerToken(Base):
    """A login token (hash only) with its expiry."""

    __tablename__ = "reviewer_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewers.id", ondelete="CASCADE"), index=True)
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    reviewer: Mapped[Reviewer] = relationship()


class Upload(Base):
    """One tus upload. The file is ``uploads/<id>``; ``offset_bytes`` is the committed offset.

    state: ``receiving`` → ``finished`` → ``attached``; or ``terminated`` / ``expired`` (file deleted, row
    kept so later requests get 410 Gone). On object storage the bytes are the parts of multipart upload
    ``multipart_id`` (rows of ``upload_parts``) plus the tail object ``tail_key`` of ``tail_bytes``.
    """

    __tablename__ = "uploads"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    upload_key_id: Mapped[int] = mapped_column(ForeignKey("upload_keys.id"), index=True)
    length_bytes: Mapped[int] = mapped_column(BigInteger)
    offset_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    metadata_header: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    submission_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    take_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_utc: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    finished_utc: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    multipart_id: Mapped[str | None] = mapped_column(Text, nullable=True)
    part_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    tail_key: Mapped[str | None] = mapped_column(String(300), nullable=True)
    tail_bytes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class UploadPart(Base):
    """A multipart part of an upload on object storage, committed once it landed (its ETag completes it)."""

    __tablename__ = "upload_parts"
    upload_id: Mapped[str] = mapped_column(ForeignKey("uploads.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    etag: Mapped[str] = mapped_column(String(200))


class ServerSecret(Base):
    """The server's random secret (withdrawal tokens are derived from it), shared by every replica."""

    __tablename__ = "server_secrets"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value_hex: Mapped[str] = mapped_column(String(128))


class Submission(Base):
    """A submission (manifest + takes). Personal fields are cleared when it is withdrawn or expires."""

    __tablename__ = "submissions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    upload_key_id: Mapped[int] = mapped_column(ForeignKey("upload_keys.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    reference: Mapped[str | None] = mapped_column(String(12), unique=True, nullable=True)
    manifest_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    campaign_id: Mapped[str] = mapped_column(String(100), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    app_version: Mapped[str] = mapped_column(String(40))
    person_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: how to reach the person (only with a Yes to being contacted; reviewers only, never exported)
    contact_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    contact_phone: Mapped[str | None] = mapped_column(String(30), nullable=True)
    consent_version_id: Mapped[str] = mapped_column(String(100))
    consent_text_sha256: Mapped[str] = mapped_column(String(64))
    consent_choices_json: Mapped[str] = mapped_column(Text)
    consent_given_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    posted_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    received_utc: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True, index=True)
    closed_utc: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    takes: Mapped[list[Take]] = relationship(back_populates="submission", order_by="Take.position")


class Take(Base):
    """One take of a submission; ``media_id`` names ``media/<media_id>.mp4`` and ``.jpg`` once attached."""

    __tablename__ = "takes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    take_id: Mapped[str] = mapped_column(String(100), unique=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    prompt_id: Mapped[str] = mapped_column(String(100), index=True)
    prompt_text: Mapped[str] = mapped_column(Text)
    duration_s: Mapped[float] = mapped_column(Float)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    check_json: Mapped[str] = mapped_column(Text)
    upload_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    media_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    submission: Mapped[Submission] = relationship(back_populates="takes")


class Decision(Base):
    """A reviewer's decision on a submission, with a note (never edited)."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewers.id"))
    decision: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    reviewer: Mapped[Reviewer] = relationship()


class Comment(Base):
    """A timecoded reviewer comment on a take."""

    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    take_pk: Mapped[int] = mapped_column(ForeignKey("takes.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewers.id"))
    at_ms: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    reviewer: Mapped[Reviewer] = relationship()


class AuditEvent(Base):
    """One line of the audit trail: who did what to which submission, when."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    at_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")


class ConsentText(Base):
    """The exact consent wording one campaign version showed in one language (``add-campaign`` publishes it).

    Never changed once published: a manifest's ``consent.text_sha256`` is checked against these rows.
    """

    __tablename__ = "consent_texts"
    __table_args__ = (UniqueConstraint("campaign_id", "version_id", "locale"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[str] = mapped_column(String(100), index=True)
    version_id: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    published_utc: Mapped[datetime] = mapped_column(UtcDateTime())


class WordingConfirmation(Base):
    """A reviewer's record of why a submission's consent wording is known, when the server held no text for it
    (it arrived before the campaign's consent texts were published). Lets it be exported; audited."""

    __tablename__ = "wording_confirmations"
    submission_id: Mapped[str] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewers.id"))
    reason: Mapped[str] = mapped_column(Text)
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    reviewer: Mapped[Reviewer] = relationship()


class PendingDeletion(Base):
    """Files that must go: written in the same transaction as the change that made them garbage (a
    withdrawal, a discard, an upload ending), removed once the files are deleted, so a crash in between
    leaves the duty recorded (``server.services.deletions``).

    kind: ``media`` (a take's video, poster and temporary files) or ``upload`` (a tus upload's file and lock).
    """

    __tablename__ = "pending_deletions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    object_id: Mapped[str] = mapped_column(String(32))
    created_utc: Mapped[datetime] = mapped_column(UtcDateTime())


class RateCounter(Base):
    """Attempts counted under one rule for one subject (``server.ratelimit``); the key is an HMAC, so the
    table holds no client addresses or names. ``expires_utc``: when the window and any block are over."""

    __tablename__ = "rate_counters"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    hits: Mapped[int] = mapped_column(Integer)
    blocked_until_utc: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    expires_utc: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
