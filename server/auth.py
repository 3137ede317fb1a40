"""Bearer authentication: upload keys for the sending side, expiring reviewer tokens for review."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from sqlalchemy import select
from starlette.requests import HTTPConnection

from server.context import ServerContext, get_context
from server.db.models import ReviewerToken, UploadKey
from server.errors import ApiError
from server.passwords import hash_token

_TOKEN_RE = re.compile(r"^[A-Za-z0-9_.~+/=-]{16,200}$")


@dataclass(frozen=True)
class KeyHolder:
    """An authenticated upload key."""

    id: int
    label: str


@dataclass(frozen=True)
class ReviewerUser:
    """An authenticated reviewer and the hash of the token used (for logout)."""

    id: int
    username: str
    token_hash: str


def bearer_token(connection: HTTPConnection) -> str:
    """The token from ``Authorization: Bearer <token>``.

    Raises:
        ApiError: 401 when it is missing or malformed.
    """
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not _TOKEN_RE.fullmatch(token):
        raise ApiError(401, "unauthorized", "Send a key or sign-in token as 'Authorization: Bearer …'.")
    return token


def _upload_key(ctx: ServerContext, token_hash: str) -> UploadKey | None:
    with ctx.db.session() as session:
        return session.scalar(
            select(UploadKey).where(UploadKey.key_hash == token_hash, UploadKey.revoked_utc.is_(None))
        )


def _reviewer_token(ctx: ServerContext, token_hash: str) -> tuple[int, str, bool] | None:
    with ctx.db.session() as session:
        row = session.scalar(select(ReviewerToken).where(ReviewerToken.token_hash == token_hash))
        if row is None:
            return None
        return row.reviewer_id, row.reviewer.username, row.expires_utc <= ctx.now()


def authenticate_upload_key(ctx: ServerContext, connection: HTTPConnection) -> KeyHolder:
    """Checks the bearer token is a live upload key.

    Raises:
        ApiError: 401 for no or unknown key, 403 for a reviewer token (review accounts cannot send).
    """
    token_hash = hash_token(bearer_token(connection))
    key = _upload_key(ctx, token_hash)
    if key is not None:
        return KeyHolder(key.id, key.label)
    if _reviewer_token(ctx, token_hash) is not None:
        raise ApiError(403, "reviewer_token_not_allowed", "A reviewer sign-in cannot send submissions.")
    raise ApiError(401, "unknown_key", "The upload key is not known to this server.")


def authenticate_reviewer(ctx: ServerContext, connection: HTTPConnection) -> ReviewerUser:
    """Checks the bearer token is a live reviewer token.

    Raises:
        ApiError: 401 for no, unknown or expired token; 403 for an upload key (it may only send).
    """
    token_hash = hash_token(bearer_token(connection))
    found = _reviewer_token(ctx, token_hash)
    if found is not None:
        reviewer_id, username, expired = found
        if expired:
            raise ApiError(401, "token_expired", "Your sign-in has expired. Please sign in again.")
        return ReviewerUser(reviewer_id, username, token_hash)
    if _upload_key(ctx, token_hash) is not None:
        raise ApiError(403, "upload_key_not_allowed", "An upload key can only send submissions, not review.")
    raise ApiError(401, "unknown_token", "The sign-in token is not known. Please sign in again.")


def upload_key_dependency(
    connection: HTTPConnection, ctx: Annotated[ServerContext, Depends(get_context)]
) -> KeyHolder:
    """FastAPI dependency for the sending side."""
    return authenticate_upload_key(ctx, connection)


def reviewer_dependency(
    connection: HTTPConnection, ctx: Annotated[ServerContext, Depends(get_context)]
) -> ReviewerUser:
    """FastAPI dependency for the review side."""
    return authenticate_reviewer(ctx, connection)


Context = Annotated[ServerContext, Depends(get_context)]
UploadKeyAuth = Annotated[KeyHolder, Depends(upload_key_dependency)]
ReviewerAuth = Annotated[ReviewerUser, Depends(reviewer_dependency)]
