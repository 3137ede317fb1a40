"""Makes short, human-friendly submission reference codes such as VB-7K3M-Q9XD."""

from __future__ import annotations

import re
import secrets

# no 0/O, 1/I/L, 5/S, 2/Z, U/V: easy to read aloud and copy by hand; the client checks the same shape
from recorder.codes import ALPHABET, REFERENCE_RE, is_reference

__all__ = ["REFERENCE_RE", "is_reference", "new_reference", "reference_from_text"]


def new_reference() -> str:
    """Returns a random reference code (25^8 ≈ 1.5e11 codes; the caller retries on a clash)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"VB-{chars[:4]}-{chars[4:]}"


_SPOKEN_SEPARATORS_RE = re.compile(r"[\s\-\u2010-\u2015_.,/]+")
_COMPACT_RE = re.compile(rf"^(?:VB)?([{ALPHABET}]{{8}})$")


def reference_from_text(text: str) -> str | None:
    """The reference code in ``text`` as someone might read it out or type it, else None.

    Case, spaces, dashes and dots do not matter, and the ``VB`` prefix may be left off:
    ``vb 7k3m q9xd``, ``7K3M Q9XD`` and ``VB7K3MQ9XD`` all give ``VB-7K3M-Q9XD``.
    """
    compact = _SPOKEN_SEPARATORS_RE.sub("", text).upper()
    found = _COMPACT_RE.fullmatch(compact)
    if found is None:
        return None
    chars = found.group(1)
    return f"VB-{chars[:4]}-{chars[4:]}"
