"""Attempt counters kept in the database, shared by every server process and replica, with a block once a
limit is reached: sign-ins per client address, per name and address, and whatever else needs throttling.

A :class:`Rule` says how many attempts a *subject* (a client address, a name at an address, a reference
code…) may make in a window, and how long it is blocked after that. :meth:`RateLimiter.hit` checks and
counts in the caller's transaction with the counter row locked, so attempts arriving together are counted
one after another and never all pass the check first (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the row
lock). Subjects are stored only as an HMAC under the server's secret: the table holds no addresses or
names.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from server.db.models import RateCounter


@dataclass(frozen=True)
class Rule:
    """``limit`` attempts per ``window_s``; the first attempt refused starts a block of ``block_s``."""

    name: str
    limit: int
    window_s: int
    block_s: int


@dataclass(frozen=True)
class Verdict:
    """Whether the attempt may go ahead; if not, how many seconds until it may (for ``Retry-After``)."""

    allowed: bool
    retry_after_s: int = 0


class RateLimiter:
    """Checks and counts attempts against rules; one per server (it only needs the server's secret)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def counter_key(self, rule: Rule, subject: str) -> str:
        """The counter's key: an HMAC of the rule and subject (the subject itself is never stored)."""
        message = f"{rule.name}\x00{subject}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def _locked(self, session: Session, key: str, now: datetime) -> RateCounter:
        """The counter row, created if missing, locked until the transaction ends."""
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        fresh = {
            "key": key,
            "window_start_utc": now,
            "hits": 0,
            "blocked_until_utc": None,
            "expires_utc": now,
        }
        session.execute(insert(RateCounter).values(**fresh).on_conflict_do_nothing(index_elements=["key"]))
        return session.get_one(RateCounter, key, with_for_update=True, populate_existing=True)

    def hit(self, session: Session, rule: Rule, subject: str, now: datetime) -> Verdict:
        """Counts one attempt of ``subject`` under ``rule``, or refuses it.

        Refused while blocked, and once ``rule.limit`` attempts were counted in the current window (the
        first refusal starts the block). A refused attempt is not counted.
        """
        row = self._locked(session, self.counter_key(rule, subject), now)
        if row.blocked_until_utc is not None and row.blocked_until_utc > now:
            # ``now`` was read before the row lock was granted, so it can be a little before the block began
            return Verdict(False, min(rule.block_s, _seconds_until(row.blocked_until_utc, now)))
        block_over = row.blocked_until_utc is not None  # and in the past, as checked above
        if block_over or now >= row.window_start_utc + timedelta(seconds=rule.window_s):
            row.window_start_utc, row.hits, row.blocked_until_utc = now, 0, None
        if row.hits >= rule.limit:
            row.blocked_until_utc = now + timedelta(seconds=rule.block_s)
            row.expires_utc = max(row.expires_utc, row.blocked_until_utc)
            return Verdict(False, rule.block_s)
        row.hits += 1
        row.expires_utc = max(row.window_start_utc + timedelta(seconds=rule.window_s), row.expires_utc)
        return Verdict(True)

    def forgive(self, session: Session, rule: Rule, subject: str, now: datetime, *, every_hit: bool) -> None:
        """After a success: its own attempt (or, with ``every_hit``, the whole count) no longer counts.

        A block already set stays: a success never lifts a block that other attempts caused meanwhile.
        """
        row = self._locked(session, self.counter_key(rule, subject), now)
        if row.blocked_until_utc is not None and row.blocked_until_utc > now:
            return
        row.hits = 0 if every_hit else max(0, row.hits - 1)


def remove_expired(session: Session, now: datetime) -> int:
    """Deletes counters whose window and block have both ended (the purge calls this)."""
    result = session.execute(delete(RateCounter).where(RateCounter.expires_utc <= now))
    return int(getattr(result, "rowcount", 0) or 0)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))
