"""Server ids: 32 random hex characters, the only thing files and objects are ever named by."""

from __future__ import annotations

import re
import secrets

ID_RE = re.compile(r"^[0-9a-f]{32}$")


def new_id() -> str:
    """Returns a new random server id (32 hex characters)."""
    return secrets.token_hex(16)


def is_id(text: str) -> bool:
    """True when ``text`` has the shape of a server id (so it is safe inside a path or object key)."""
    return ID_RE.fullmatch(text) is not None
