"""Codes people read aloud and type: the letters they use, and the withdrawal code.

Reference codes (``VB-7K3M-Q9XD``, made by the server) and withdrawal codes use one alphabet of 25 letters
and digits with none of the look-alikes: no 0/O, 1/I/L, 5/S, 2/Z or U/V.

A **withdrawal code** is 15 characters in three groups of five (``K7M3Q-9XDAB-4TRWH``): 25^15 ≈ 2^69.7,
so about 70 bits of entropy, and it is easy to read out group by group. The server derives it from its
secret and the submission id (so completing again returns the same code and the server stores no code);
with the reference code it withdraws the submission on the public withdrawal page (``/withdraw``) or through
``POST /api/v1/withdraw``. Typing is forgiving: any case, spaces, dashes or dots.

The app shows it once, on the Done screen (as text, a QR code of :func:`withdrawal_page_url` and in print),
and keeps no copy afterwards (``recorder.outbox.Outbox.take_withdrawal_code``).
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

#: The 25 characters of every code people handle (no 0/O, 1/I/L, 5/S, 2/Z, U/V).
ALPHABET = "346789ABCDEFGHJKMNPQRTWXY"
WITHDRAWAL_GROUPS = 3
WITHDRAWAL_GROUP_CHARS = 5
WITHDRAWAL_CHARS = WITHDRAWAL_GROUPS * WITHDRAWAL_GROUP_CHARS
#: Entropy of a withdrawal code (≈ 69.7 bits).
WITHDRAWAL_CODE_BITS = WITHDRAWAL_CHARS * math.log2(len(ALPHABET))
#: Bytes of secret material a code is made from (far more than it holds, so every code is equally likely).
SECRET_BYTES_NEEDED = 16

#: A reference code as the server makes it (``VB-7K3M-Q9XD``); the client checks every one it is given.
REFERENCE_RE = re.compile(rf"^VB-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")

_SEPARATORS_RE = re.compile(r"[\s\-\u2010-\u2015_.,/]+")
_COMPACT_RE = re.compile(rf"^[{ALPHABET}]{{{WITHDRAWAL_CHARS}}}$")
_FORMATTED_RE = re.compile(
    rf"^[{ALPHABET}]{{{WITHDRAWAL_GROUP_CHARS}}}(?:-[{ALPHABET}]{{{WITHDRAWAL_GROUP_CHARS}}})"
    rf"{{{WITHDRAWAL_GROUPS - 1}}}$"
)


def withdrawal_code_from_secret(secret: bytes) -> str:
    """The withdrawal code for ``secret`` (at least :data:`SECRET_BYTES_NEEDED` random-looking bytes)."""
    if len(secret) < SECRET_BYTES_NEEDED:
        raise ValueError(f"a withdrawal code needs {SECRET_BYTES_NEEDED} bytes of secret")
    number = int.from_bytes(secret[:SECRET_BYTES_NEEDED], "big")
    chars = []
    for _ in range(WITHDRAWAL_CHARS):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return group_withdrawal_code("".join(chars))


def group_withdrawal_code(compact: str) -> str:
    """``K7M3Q9XDAB4TRWH`` → ``K7M3Q-9XDAB-4TRWH``."""
    size = WITHDRAWAL_GROUP_CHARS
    return "-".join(compact[i : i + size] for i in range(0, len(compact), size))


def normalise_withdrawal_code(text: str) -> str | None:
    """The withdrawal code in ``text`` as typed or read out (any case, spaces, dashes), else None."""
    compact = _SEPARATORS_RE.sub("", text).upper()
    return group_withdrawal_code(compact) if _COMPACT_RE.fullmatch(compact) else None


def is_withdrawal_code(text: str) -> bool:
    """True when ``text`` is a withdrawal code written the standard way (``XXXXX-XXXXX-XXXXX``)."""
    return _FORMATTED_RE.fullmatch(text) is not None


def is_reference(text: str) -> bool:
    """True when ``text`` has the shape of a reference code (``VB-XXXX-XXXX`` in :data:`ALPHABET`)."""
    return REFERENCE_RE.fullmatch(text) is not None


def withdrawal_page_url(server_url: str, reference: str, code: str, locale: str = "en") -> str:
    """The public withdrawal page with both codes filled in (for the Done screen's QR code).

    Opening it only fills in the form: nothing is withdrawn until the person confirms on the page.
    """
    query = urlencode({"reference": reference, "code": code, **({"lang": locale} if locale != "en" else {})})
    return f"{server_url.rstrip('/')}/withdraw?{query}"
