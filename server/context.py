"""What every request handler needs: settings, database, storage, locks, password checks, the shared secret,
the clock."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.dialects import postgresql, sqlite
from starlette.requests import HTTPConnection

from recorder.codes import normalise_withdrawal_code, withdrawal_code_from_secret
from server.db.engine import Database
from server.db.models import ServerSecret
from server.locks import Locks
from server.password_checks import PasswordChecks
from server.ratelimit import RateLimiter
from server.settings import Settings
from server.storage import Storage

#: Where servers before the shared secret kept it; read once so their withdrawal tokens keep working.
SECRET_NAME = "secret.key"


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def load_or_create_secret(db: Database, data_dir: Path) -> bytes:
    """The server's random secret, kept in the database so every replica derives the same tokens.

    Made once by whichever replica starts first (an insert that loses the race reads the winner's); a data
    folder's ``secret.key`` from before is carried over, so withdrawal tokens already handed out still work.
    """
    legacy = data_dir / SECRET_NAME
    candidate = legacy.read_text(encoding="ascii").strip() if legacy.is_file() else secrets.token_hex(32)
    with db.session() as session:
        insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
        session.execute(
            insert(ServerSecret).values(name="withdrawal", value_hex=candidate).on_conflict_do_nothing()
        )
        stored = session.get_one(ServerSecret, "withdrawal").value_hex
    return bytes.fromhex(stored)


@dataclass
class ServerContext:
    """Shared by all requests of one app instance."""

    settings: Settings
    db: Database
    storage: Storage
    locks: Locks
    secret: bytes
    passwords: PasswordChecks
    now: Callable[[], datetime] = utc_now

    @property
    def limiter(self) -> RateLimiter:
        """Checks and counts attempts in the database (sign-ins and anything else throttled)."""
        return RateLimiter(self.secret)

    def withdrawal_code(self, submission_id: str) -> str:
        """The person's withdrawal code (:mod:`recorder.codes`, ~70 bits), derived from the server's secret:
        completing twice returns the same one and no code is stored."""
        digest = hmac.new(self.secret, f"withdraw:{submission_id}".encode(), hashlib.sha256).digest()
        return withdrawal_code_from_secret(digest)

    def withdrawal_code_matches(self, submission_id: str, typed: str) -> bool:
        """Constant-time check of a withdrawal code as typed (any case, spaces or dashes)."""
        code = normalise_withdrawal_code(typed) or ""
        return hmac.compare_digest(self.withdrawal_code(submission_id).encode(), code.encode())


def get_context(connection: HTTPConnection) -> ServerContext:
    """FastAPI dependency: the context stored on the app."""
    context: ServerContext = connection.app.state.context
    return context
