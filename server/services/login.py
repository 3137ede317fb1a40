"""Reviewer sign-in: argon2id password check, lock-out after repeated failures, expiring bearer tokens."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from server.context import ServerContext
from server.db.models import Reviewer, ReviewerToken
from server.errors import ApiError
from server.passwords import hash_token, verify_password
from server.services import audit

WRONG = "The name or password is wrong."


@dataclass(frozen=True)
class Login:
    """A new sign-in token (shown once) and when it expires."""

    token: str
    expires_utc: datetime


def login(ctx: ServerContext, username: str, password: str) -> Login:
    """Checks the password and issues a token.

    Unknown names and wrong passwords get the same answer and take the same time. After
    ``login_attempts`` failures in a row the account is locked for ``login_lock_s``.

    Raises:
        ApiError: 401 wrong name or password; 429 account locked for now.
    """
    now = ctx.now()
    with ctx.db.session() as session:
        reviewer = session.scalar(select(Reviewer).where(Reviewer.username == username))
        stored_hash = reviewer.password_hash if reviewer is not None else None
        locked = (
            reviewer is not None and reviewer.locked_until_utc is not None and reviewer.locked_until_utc > now
        )
    ok = verify_password(stored_hash, password)  # always run: same time for unknown names
    if locked:
        raise ApiError(429, "account_locked", "Too many wrong passwords. Try again in a few minutes.")
    with ctx.db.session() as session:
        reviewer = session.scalar(select(Reviewer).where(Reviewer.username == username).with_for_update())
        if reviewer is None or not ok:
            if reviewer is not None:
                reviewer.failed_logins += 1
                if reviewer.failed_logins >= ctx.settings.login_attempts:
                    reviewer.failed_logins = 0
                    reviewer.locked_until_utc = now + timedelta(seconds=ctx.settings.login_lock_s)
                    audit.record(session, now, reviewer.username, "account_locked")
            failed = True
        else:
            failed = False
            reviewer.failed_logins = 0
            reviewer.locked_until_utc = None
            token = secrets.token_urlsafe(32)
            expires = now + timedelta(seconds=ctx.settings.token_ttl_s)
            session.add(
                ReviewerToken(
                    token_hash=hash_token(token),
                    reviewer_id=reviewer.id,
                    created_utc=now,
                    expires_utc=expires,
                )
            )
            audit.record(session, now, reviewer.username, "signed_in")
    if failed:
        raise ApiError(401, "wrong_credentials", WRONG)
    return Login(token, expires)


def logout(ctx: ServerContext, token_hash: str) -> None:
    """Ends a sign-in: the token stops working at once."""
    with ctx.db.session() as session:
        session.execute(delete(ReviewerToken).where(ReviewerToken.token_hash == token_hash))
