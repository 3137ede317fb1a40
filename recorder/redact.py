"""Removes secrets and personal details from text that leaves the process (log files, diagnostics reports).

Two kinds of things are removed:

* **Shapes** that are secret whatever their value: ``Authorization``/``Bearer`` credentials, passwords and
  tokens written as ``name=value`` / ``"name": "value"`` (upload keys, withdrawal tokens, session ids...),
  user:password in URLs (proxy credentials), e-mail addresses, and long random-looking tokens.
* **Known values** registered at run time: the person's name, job title and employer as soon as they are
  typed, the configured upload key. A value is matched case-insensitively as a whole word, also in its
  URL-encoded and JSON-escaped spellings; a name is also matched word by word ("Priya" alone is redacted
  too). A *source* is a callable returning the current values, so a model that changes (the About-you page)
  is always read fresh.

Use the process-wide :data:`REDACTOR` (the logging filter in :mod:`recorder.logs` and the diagnostics
report use it)::

    from recorder.redact import REDACTOR
    REDACTOR.add_value(details["name"], words=True)
    remove = REDACTOR.add_source(lambda: [model.name.value, model.employer.value])
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from urllib.parse import quote, quote_plus

MASK = "[redacted]"
EMAIL_MASK = "[redacted email]"
PERSONAL_MASK = "[redacted personal detail]"
MIN_VALUE_CHARS = 2

_SECRET_NAMES = (
    r"[\w-]*?(?:token|secret|password|passwd|pwd|passphrase|api[_-]?key|upload[_-]?key|access[_-]?key|"
    r"private[_-]?key|credentials?|cookie|session[_-]?id|sessionid|signature)s?|key|auth"
)
_VALUE = r"""(?:"[^"]*"|'[^']*'|(?![(\[])[^\s"'&,;})\]]+)"""

_AUTH_HEADER = re.compile(
    r"""(?i)\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|digest|token|negotiate|ntlm)\s+)?"""
    r"""[^\s"',;]+"""
)
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@\"'<>]+(?::[^/\s@\"'<>]*)?@")
_NAMED_SECRET = re.compile(rf"""(?i)(["']?(?<![\w-])(?:{_SECRET_NAMES})["']?\s*[:=]\s*)({_VALUE})""")
_EMAIL = re.compile(r"(?i)(?<![\w.+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w-])")
_OPAQUE = re.compile(r"(?<![\w-])[\w-]{24,}(?![\w-])")


def _auth_header(match: re.Match[str]) -> str:
    scheme = f"{match.group(2)} " if match.group(2) else ""
    return f"{match.group(1)}{scheme}{MASK}"


def _named_secret(match: re.Match[str]) -> str:
    value = match.group(2)
    quote_char = value[0] if value[:1] in ("'", '"') else ""
    return f"{match.group(1)}{quote_char}{MASK}{quote_char}"


def _opaque(match: re.Match[str]) -> str:
    """Random tokens mix upper case, lower case and digits; identifiers, hex hashes and uuids do not."""
    text = match.group(0)
    upper = sum(c.isupper() for c in text)
    lower = sum(c.islower() for c in text)
    digits = sum(c.isdigit() for c in text)
    return MASK if upper >= 2 and lower >= 2 and digits >= 2 else text


#: (pattern, replacement) applied in order before the known values.
SHAPES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_AUTH_HEADER, _auth_header),
    (_BEARER, rf"\1 {MASK}"),
    (_URL_CREDENTIALS, rf"\1{MASK}@"),
    (_NAMED_SECRET, _named_secret),
    (_EMAIL, EMAIL_MASK),
    (_OPAQUE, _opaque),
)

ValueSource = Callable[[], Iterable[str]]


def spellings(value: str) -> set[str]:
    """``value`` as it may appear in logs: itself, URL-encoded, JSON-escaped."""
    out = {value, quote(value, safe=""), quote_plus(value, safe=""), json.dumps(value)[1:-1]}
    return {text for text in out if len(text) >= MIN_VALUE_CHARS}


class Redactor:
    """Replaces secret shapes and registered sensitive values in text. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()
        self._sources: list[tuple[ValueSource, bool]] = []
        self._compiled_for: frozenset[str] | None = None
        self._compiled: re.Pattern[str] | None = None

    def add_value(self, value: str | None, *, words: bool = False) -> None:
        """Never show ``value`` again; with ``words``, also each word of it (for names)."""
        with self._lock:
            self._values |= _expand(value, words=words)

    def add_source(self, source: ValueSource, *, words: bool = False) -> Callable[[], None]:
        """Read sensitive values from ``source`` whenever text is redacted; returns a remover."""
        entry = (source, words)
        with self._lock:
            self._sources.append(entry)

        def remove() -> None:
            with self._lock:
                if entry in self._sources:
                    self._sources.remove(entry)

        return remove

    def clear(self) -> None:
        """Forget every registered value and source (tests; a new person at a shared PC)."""
        with self._lock:
            self._values.clear()
            self._sources.clear()

    def redact(self, text: str) -> str:
        """``text`` with every secret shape and known value replaced."""
        if not text:
            return text
        for pattern, replacement in SHAPES:
            text = pattern.sub(replacement, text)
        known = self._known_pattern()
        if known is not None:
            text = known.sub(PERSONAL_MASK, text)
        return text

    def _known_pattern(self) -> re.Pattern[str] | None:
        with self._lock:
            values = set(self._values)
            sources = list(self._sources)
        for source, words in sources:
            try:
                for value in source():
                    values |= _expand(value, words=words)
            except Exception:  # a source must never break logging; its values are then just not known
                continue
        key = frozenset(values)
        with self._lock:
            if key != self._compiled_for:
                self._compiled_for = key
                self._compiled = _compile(key)
            return self._compiled


def _expand(value: str | None, *, words: bool) -> set[str]:
    text = (value or "").strip()
    if len(text) < MIN_VALUE_CHARS:
        return set()
    found = spellings(text)
    if words:
        for word in re.split(r"[\s,]+", text):
            if len(word) >= MIN_VALUE_CHARS:
                found |= spellings(word)
    return found


def _compile(values: frozenset[str]) -> re.Pattern[str] | None:
    if not values:
        return None
    ordered = sorted(values, key=len, reverse=True)  # longest first: the whole name before its words
    alternatives = "|".join(re.escape(value) for value in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


#: The process-wide redactor used by logging and diagnostics.
REDACTOR = Redactor()


def redact(text: str) -> str:
    """Shortcut for ``REDACTOR.redact(text)``."""
    return REDACTOR.redact(text)
