"""What every request handler needs: settings, database, storage, locks, password checks, the clock."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from starlette.requests import HTTPConnection

from recorder.codes import normalise_withdrawal_code, withdrawal_code_from_secret
from server.db.engine import Database
from server.password_checks import PasswordChecks
from server.ratelimit import RateLimiter
from server.settings import Settings
from server.storage import Storage
from server.tus.locks import UploadLocks

SECRET_NAME = "secret.key"


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def load_or_create_secret(data_dir: Path) -> bytes:
    """The server's random secret (``DATA/secret.key``, owner-only), created on first use."""
    path = data_dir / SECRET_NAME
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    secret = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its secret
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret.hex())
        handle.flush()
        os.fsync(handle.fileno())
    return secret


@dataclass
class ServerContext:
    """Shared by all requests of one app instance."""

    settings: Settings
    db: Database
    storage: Storage
    secret: bytes
    passwords: PasswordChecks
    locks: UploadLocks = field(default_factory=UploadLocks)
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
