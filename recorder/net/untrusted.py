"""Checks on what an intake server says before the client prints it, stores it or sends anything to it.

A server (or whatever answers at its address) is not trusted to be well behaved:

* :func:`printable`: its words are shown only with control characters escaped (``\\x1b``, ``\\u202e``...),
  so an answer can never move the cursor, recolour or rewrite a terminal, or reorder text in the UI.
* :func:`checked_receipt`: a reference code and a withdrawal code must have the documented shapes
  (:mod:`recorder.codes`) before anything is deleted on the strength of them.
* :func:`same_origin`: the upload key and the video go only to the origin (scheme, host, port) the client
  was configured with; an upload URL anywhere else is refused before any byte goes there.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from recorder.codes import is_reference, is_withdrawal_code

#: Unicode categories escaped by :func:`printable`: controls (C0, C1, DEL), format characters (bidi
#: overrides, zero-width joiners), line and paragraph separators, unassigned and private-use.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def printable(text: str) -> str:
    """``text`` with every control or invisible formatting character written as an escape (``\\x1b``).

    Ordinary letters of any script, spaces and punctuation are kept as they are; a backslash is kept too
    (an escape written by the server reads as text either way, and cannot act).
    """
    return "".join(_escape(ch) if unicodedata.category(ch) in _ESCAPED_CATEGORIES else ch for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


class UntrustedAnswerError(ValueError):
    """The server's answer breaks the documented contract; ``str(error)`` is plain English, escaped."""


def checked_receipt(reference: object, withdrawal_code: object) -> tuple[str, str]:
    """The reference code and withdrawal code of a confirmation, when both have the documented shapes.

    Raises:
        UntrustedAnswerError: either is missing or is not shaped like ``VB-XXXX-XXXX`` / ``XXXXX-XXXXX-XXXXX``
            in the codes' alphabet (nothing may then be deleted: the server's confirmation is not valid).
    """
    if not isinstance(reference, str) or not is_reference(reference):
        shown = printable(reference) if isinstance(reference, str) else "none"
        raise UntrustedAnswerError(
            f"The intake server confirmed the submission without a valid reference code ({shown[:60]})."
        )
    if not isinstance(withdrawal_code, str) or not is_withdrawal_code(withdrawal_code):
        raise UntrustedAnswerError(
            "The intake server confirmed the submission without a valid withdrawal code."
        )
    return reference, withdrawal_code


def origin(url: str) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of ``url``, lower case, the port filled in from the scheme."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = -1  # a malformed port matches no origin
    return scheme, (parts.hostname or "").lower(), port or _DEFAULT_PORTS.get(scheme, -1)


def same_origin(url: str, home: str) -> bool:
    """True when ``url`` is on the same scheme, host and port as ``home`` (the configured server)."""
    return origin(url) == origin(home)


def host_of(url: str) -> str:
    """``host[:port]`` of ``url``, escaped for showing (the part a person can check against the setting)."""
    scheme, host, port = origin(url)
    shown = host if port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    return printable(shown or url[:80])
