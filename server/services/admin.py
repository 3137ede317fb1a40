"""Administration used by the CLI: upload keys (add, list, revoke) and reviewer accounts."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from server.context import ServerContext
from server.db.models import Reviewer, Upload, UploadKey
from server.passwords import hash_password, hash_token
from server.services import audit, deletions
from server.tus import store

_LABEL_RE = re.compile(r"^[^\x00-\x1f\x7f]{1,100}$")
_USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024


class AdminError(ValueError):
    """An admin command cannot be done; the message is plain English."""


def add_upload_key(ctx: ServerContext, label: str) -> str:
    """Creates an upload key and returns it (only its hash is stored, so it is shown once)."""
    if not _LABEL_RE.fullmatch(label):
        raise AdminError("The label must be 1 to 100 characters without control characters.")
    key = "vbk_" + secrets.token_urlsafe(32)
    with ctx.db.session() as session:
        session.add(UploadKey(label=label, key_hash=hash_token(key), created_utc=ctx.now()))
        audit.record(session, ctx.now(), "admin", "upload_key_added", detail={"label": label})
    return key


@dataclass(frozen=True)
class KeyInfo:
    """An upload key as ``list-upload-keys`` shows it (the key itself is never stored, only its hash)."""

    id: int
    label: str
    created_utc: datetime
    revoked_utc: datetime | None


def _info(key: UploadKey) -> KeyInfo:
    return KeyInfo(key.id, key.label, key.created_utc, key.revoked_utc)


def list_upload_keys(ctx: ServerContext) -> list[KeyInfo]:
    """Every upload key ever made, oldest first, revoked ones included."""
    with ctx.db.session() as session:
        return [_info(key) for key in session.scalars(select(UploadKey).order_by(UploadKey.id))]


def revoke_upload_key(ctx: ServerContext, key_id: int | None = None, key: str | None = None) -> KeyInfo:
    """Revokes an upload key, named by its id (from :func:`list_upload_keys`) or by the key itself.

    Every request made with it afterwards gets 401 ``unknown_key`` (keys are checked on each request). Its
    unfinished uploads end with it (nobody can finish them): terminated, their files deleted. Revoking a
    revoked key changes nothing.

    Raises:
        AdminError: no such key.
    """
    with ctx.db.session() as session:
        if key is not None:
            row = session.scalar(select(UploadKey).where(UploadKey.key_hash == hash_token(key.strip())))
        else:
            row = session.get(UploadKey, key_id, with_for_update=True)
        if row is None:
            raise AdminError("There is no such upload key; list-upload-keys shows their numbers.")
        if row.revoked_utc is None:
            row.revoked_utc = ctx.now()
            uploads = session.scalars(
                select(Upload).where(
                    Upload.upload_key_id == row.id, Upload.state.in_((store.RECEIVING, store.FINISHED))
                )
            ).all()
            for upload in uploads:
                upload.state = store.TERMINATED
            deletions.schedule(session, ctx.now(), deletions.UPLOAD, [upload.id for upload in uploads])
            detail = {"label": row.label, "uploads_ended": len(uploads)}
            audit.record(session, ctx.now(), "admin", "upload_key_revoked", detail=detail)
        info = _info(row)
    deletions.carry_out(ctx)
    return info


def add_reviewer(ctx: ServerContext, username: str, password: str) -> None:
    """Creates a reviewer account, or sets a new password for an existing one."""
    if not _USERNAME_RE.fullmatch(username):
        raise AdminError("The reviewer name must be 1 to 100 letters, digits or . _ @ - characters.")
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise AdminError(f"The password must be at least {MIN_PASSWORD_CHARS} characters long.")
    password_hash = hash_password(password)
    with ctx.db.session() as session:
        reviewer = session.scalar(select(Reviewer).where(Reviewer.username == username))
        if reviewer is None:
            session.add(Reviewer(username=username, password_hash=password_hash, created_utc=ctx.now()))
            action = "reviewer_added"
        else:
            reviewer.password_hash = password_hash
            action = "reviewer_password_set"
        audit.record(session, ctx.now(), "admin", action, detail={"reviewer": username})
