"""Hashes and checks reviewer passwords and bearer secrets (argon2id, memory-hard)."""

from __future__ import annotations

import hashlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()  # argon2id, library defaults (64 MiB, 3 passes)
# Verified when the user is unknown, so unknown-user and wrong-password take the same time.
_DUMMY_HASH = _HASHER.hash("voicebooth-dummy-password")


def hash_password(password: str) -> str:
    """Returns an argon2id hash string for storing."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Checks a password; with stored_hash None, spends the same time and returns False."""
    try:
        ok = _HASHER.verify(stored_hash or _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return ok and stored_hash is not None


def hash_token(token: str) -> str:
    """Returns the SHA-256 hex of a random high-entropy token (tokens are not passwords)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(stored_hex: str, token: str) -> bool:
    """Constant-time comparison of a token against its stored hash."""
    return hmac.compare_digest(stored_hex, hash_token(token))
