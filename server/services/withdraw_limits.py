"""How often someone may try withdrawal codes: per client address and per reference code.

The one place the withdrawal page and the withdrawal API ask: :func:`count_attempt` before the codes are
checked (refused: seconds to wait), :func:`forgive` once a pair matched. Counted in the database
(:mod:`server.ratelimit`), so every server process and replica shares the counts, and two attempts at the
same moment are counted one after the other before either is checked.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from server.context import ServerContext
from server.ratelimit import Rule
from server.settings import Settings


def _rules(settings: Settings) -> tuple[Rule, Rule]:
    window = settings.withdraw_attempt_window_s
    by_address = Rule("withdrawal from address", settings.withdraw_attempts_per_address, window, window)
    by_reference = Rule("withdrawal of reference", settings.withdraw_attempts_per_reference, window, window)
    return by_address, by_reference


def count_attempt(ctx: ServerContext, address: str, reference: str | None) -> int | None:
    """Counts an attempt (own transaction, committed even when the codes then turn out wrong).

    Args:
        reference: a well-formed reference code, else None (counted by address only).

    Returns:
        Whole seconds to wait when this address (or this reference) has had too many; None: go ahead.
    """
    by_address, by_reference = _rules(ctx.settings)
    now = ctx.now()
    with ctx.db.session() as session:
        verdict = ctx.limiter.hit(session, by_address, address, now)
        if verdict.allowed and reference is not None:
            verdict = ctx.limiter.hit(session, by_reference, reference, now)
    return None if verdict.allowed else verdict.retry_after_s


def forgive(ctx: ServerContext, session: Session, address: str, reference: str) -> None:
    """A matching pair: its own attempt no longer counts (in the caller's transaction; a block stays)."""
    by_address, by_reference = _rules(ctx.settings)
    now = ctx.now()
    ctx.limiter.forgive(session, by_address, address, now, every_hit=False)
    ctx.limiter.forgive(session, by_reference, reference, now, every_hit=False)
