"""Reviewer sign-in: attempts counted per client address before any password is checked, argon2id on its
own pool, expiring bearer tokens.

Order of a sign-in, so that neither a flood nor a race gets more password checks than the rules allow:

1. a place among the sign-ins this process handles at once (``login_concurrency``), else 429 at once;
2. in one transaction, the attempt is checked and counted against two rules: attempts from the client
   address (``login_address_attempts``) and attempts for this name from this address (``login_attempts``),
   both per ``login_lock_s``. Refused: 429 ``sign_in_locked`` with ``Retry-After``. Known and unknown names
   are counted and answered alike, and a stranger elsewhere cannot lock a reviewer out by name;
3. the password is checked (argon2id on its own threads; a dummy hash for an unknown name, same time);
4. a success forgives this name's attempts from this address and its own attempt from the address, but never
   lifts a block that other attempts set meanwhile.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from starlette.concurrency import run_in_threadpool

from server.context import ServerContext
from server.db.models import Reviewer, ReviewerToken
from server.errors import ApiError
from server.password_checks import BUSY_MESSAGE, SignInsBusyError
from server.passwords import hash_token
from server.ratelimit import Rule
from server.services import audit
from server.settings import Settings

log = logging.getLogger(__name__)
WRONG = "The name or password is wrong."


@dataclass(frozen=True)
class Login:
    """A new sign-in token (shown once) and when it expires."""

    token: str
    expires_utc: datetime


def _rules(settings: Settings) -> tuple[Rule, Rule]:
    window = settings.login_lock_s
    from_address = Rule("sign-in from address", settings.login_address_attempts, window, window)
    name_at_address = Rule("sign-in as name from address", settings.login_attempts, window, window)
    return from_address, name_at_address


def _name_subject(address: str, username: str) -> str:
    return f"{address}\x00{username.casefold()}"


def _count_attempt(ctx: ServerContext, address: str, username: str) -> tuple[int, str | None]:
    """Checks and counts the attempt; returns (seconds to wait, 0 when allowed) and the stored hash."""
    from_address, name_at_address = _rules(ctx.settings)
    now = ctx.now()
    with ctx.db.session() as session:
        for rule, subject in ((from_address, address), (name_at_address, _name_subject(address, username))):
            verdict = ctx.limiter.hit(session, rule, subject, now)
            if not verdict.allowed:
                log.warning(
                    "Sign-ins refused for %d s: too many attempts (%s)", verdict.retry_after_s, rule.name
                )
                return verdict.retry_after_s, None
        return 0, session.scalar(select(Reviewer.password_hash).where(Reviewer.username == username))


def _signed_in(ctx: ServerContext, address: str, username: str) -> Login:
    from_address, name_at_address = _rules(ctx.settings)
    now = ctx.now()
    with ctx.db.session() as session:
        reviewer = session.scalar(select(Reviewer).where(Reviewer.username == username))
        if reviewer is None:  # removed while its password was being checked
            raise ApiError(401, "wrong_credentials", WRONG)
        ctx.limiter.forgive(session, name_at_address, _name_subject(address, username), now, every_hit=True)
        ctx.limiter.forgive(session, from_address, address, now, every_hit=False)
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(seconds=ctx.settings.token_ttl_s)
        session.add(
            ReviewerToken(
                token_hash=hash_token(token), reviewer_id=reviewer.id, created_utc=now, expires_utc=expires
            )
        )
        audit.record(session, now, reviewer.username, "signed_in")
    return Login(token, expires)


async def login(ctx: ServerContext, address: str, username: str, password: str) -> Login:
    """Checks the password and issues a token (see the module docstring for the order of things).

    Args:
        ctx: the server context.
        address: the client's address (after trusted proxies), which attempts are counted by.
        username: the name given.
        password: the password given.

    Raises:
        ApiError: 401 wrong name or password; 429 ``sign_in_locked`` (too many attempts, with
            ``Retry-After``) or ``sign_ins_busy`` (this process is at its sign-in limit; try in a second).
    """
    try:
        with ctx.passwords.admit():
            wait_s, stored_hash = await run_in_threadpool(_count_attempt, ctx, address, username)
            if wait_s:
                minutes = max(1, round(wait_s / 60))
                when = "a minute" if minutes == 1 else f"{minutes} minutes"
                raise ApiError(
                    429,
                    "sign_in_locked",
                    f"Too many sign-in attempts from here. Try again in {when}.",
                    {"Retry-After": str(wait_s)},
                )
            if not await ctx.passwords.verify(stored_hash, password):
                raise ApiError(401, "wrong_credentials", WRONG)
            return await run_in_threadpool(_signed_in, ctx, address, username)
    except SignInsBusyError:
        raise ApiError(429, "sign_ins_busy", BUSY_MESSAGE, {"Retry-After": "1"}) from None


def logout(ctx: ServerContext, token_hash: str) -> None:
    """Ends a sign-in: the token stops working at once."""
    with ctx.db.session() as session:
        session.execute(delete(ReviewerToken).where(ReviewerToken.token_hash == token_hash))
