"""The typed configuration keys: their types, defaults and validation, in one table.

Every key can come from any layer (see :mod:`recorder.config.resolve`). Values read from text sources
(environment, Windows registry strings, command line) are parsed by :func:`parse_value`; invalid values
raise :class:`ConfigError` with a plain-English message naming the key.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import platformdirs

APP_NAME = "Voicebooth"


class ConfigError(Exception):
    """A configuration value is not valid; ``str(error)`` is plain English."""


class Kind(enum.Enum):
    TEXT = "text"
    INT = "int"
    BOOL = "bool"


@dataclass(frozen=True)
class KeySpec:
    """One configuration key.

    Attributes:
        name: the key, as used in TOML files and after ``VOICEBOOTH_`` in the environment (upper case).
        kind: how text values are parsed.
        default: the built-in default (already valid).
        check: raises ConfigError for a parsed value that is not allowed.
        secret: never shown or logged in full (the upload key).
        label: short English label for the settings dialog (translated there).
    """

    name: str
    kind: Kind
    default: object
    check: Callable[[object], None]
    secret: bool = False
    label: str = ""


def _any(_value: object) -> None:
    return None


def _url(*schemes: str, allow_empty: bool = True) -> Callable[[object], None]:
    def check(value: object) -> None:
        text = str(value)
        if not text and allow_empty:
            return
        parsed = urlparse(text)
        if parsed.scheme not in schemes or not parsed.netloc:
            raise ConfigError(
                f"must be a web address starting with {' or '.join(s + '://' for s in schemes)}"
            )

    return check


def _int_range(low: int, high: int) -> Callable[[object], None]:
    def check(value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ConfigError(f"must be a whole number from {low} to {high}")

    return check


def _one_of(*choices: str) -> Callable[[object], None]:
    def check(value: object) -> None:
        if value not in choices:
            raise ConfigError(f"must be one of: {', '.join(choices)}")

    return check


_URI_RE = re.compile(r"^(camera:\d+|camera:.+|file:.+|synthetic:.*|mic:.+)$")


def _source_uri(value: object) -> None:
    if not _URI_RE.match(str(value)):
        raise ConfigError("must be a source such as camera:0, mic:default, file:/path or synthetic:")


def _size(value: object) -> None:
    match = re.fullmatch(r"(\d{3,4})x(\d{3,4})", str(value))
    if not match or int(match.group(1)) % 2 or int(match.group(2)) % 2:
        raise ConfigError("must be WIDTHxHEIGHT with even numbers, e.g. 1280x720")


def _path(value: object) -> None:
    if "\x00" in str(value):
        raise ConfigError("is not a valid path")


def _campaign_pack(value: object) -> None:
    text = str(value)
    if text.startswith(("http://", "https://")):
        _url("https", "http")(text)
    else:
        _path(text)


def default_data_dir() -> str:
    return str(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


MIB = 1024 * 1024

KEYS: dict[str, KeySpec] = {
    spec.name: spec
    for spec in (
        KeySpec("server_url", Kind.TEXT, "", _url("https", "http"), label="Intake server address"),
        KeySpec("upload_key", Kind.TEXT, "", _any, secret=True, label="Upload key"),
        KeySpec("campaign", Kind.TEXT, "", _any, label="Campaign"),
        KeySpec(
            "campaign_pack", Kind.TEXT, "", _campaign_pack, label="Campaign pack (folder or web address)"
        ),
        KeySpec("proxy", Kind.TEXT, "", _url("http", "https", "socks5"), label="Proxy"),
        KeySpec(
            "pac_url", Kind.TEXT, "", _url("http", "https", "file"), label="Proxy auto-config (PAC) address"
        ),
        KeySpec("ca_bundle", Kind.TEXT, "", _path, label="Extra certificate authorities (file)"),
        KeySpec(
            "chunk_size_bytes", Kind.INT, 8 * MIB, _int_range(256 * 1024, 64 * MIB), label="Upload chunk size"
        ),
        KeySpec(
            "connect_timeout_s",
            Kind.INT,
            10,
            _int_range(1, 300),
            label="Time to wait for a connection (seconds)",
        ),
        KeySpec(
            "read_timeout_s", Kind.INT, 60, _int_range(1, 3600), label="Time to wait for an answer (seconds)"
        ),
        KeySpec(
            "http_method_override",
            Kind.BOOL,
            False,
            _any,
            label="Send uploads as POST (for networks that block PATCH and DELETE)",
        ),
        KeySpec("locale", Kind.TEXT, "en", _one_of("en", "cy"), label="Language"),
        KeySpec("countdown_s", Kind.INT, 3, _int_range(0, 10), label="Countdown before recording (seconds)"),
        KeySpec("video_uri", Kind.TEXT, "camera:0", _source_uri, label="Camera"),
        KeySpec("audio_uri", Kind.TEXT, "mic:default", _source_uri, label="Microphone"),
        KeySpec("video_size", Kind.TEXT, "1280x720", _size, label="Video size"),
        KeySpec("data_dir", Kind.TEXT, "", _path, label="Data folder"),
        KeySpec("ffmpeg", Kind.TEXT, "", _path, label="ffmpeg program"),
        KeySpec("relax_x509_strict", Kind.BOOL, False, _any, label="Accept older corporate certificates"),
        # Booth mode (shared PCs, event stands): full screen, no Settings, an idle person's session discarded.
        KeySpec(
            "booth_mode", Kind.BOOL, False, _any, label="Booth mode for shared computers and event stands"
        ),
        KeySpec(
            "idle_timeout_s",
            Kind.INT,
            180,
            _int_range(30, 3600),
            label='Ask "Are you still there?" after this long without use (seconds)',
        ),
    )
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def parse_value(name: str, raw: object) -> object:
    """Turn a raw value (text from env/registry/CLI, or a TOML value) into the key's type and check it.

    Raises:
        ConfigError: unknown key or invalid value (plain English, names the key; never echoes secrets).
    """
    spec = KEYS.get(name)
    if spec is None:
        raise ConfigError(f"{name} is not a Voicebooth setting")
    value: object
    if spec.kind is Kind.INT:
        if isinstance(raw, bool):
            raise ConfigError(f"{name} must be a whole number")
        try:
            value = int(str(raw).strip()) if not isinstance(raw, int) else raw
        except ValueError as error:
            raise ConfigError(f"{name} must be a whole number") from error
    elif spec.kind is Kind.BOOL:
        if isinstance(raw, bool):
            value = raw
        elif isinstance(raw, int):
            value = raw != 0
        elif str(raw).strip().lower() in _TRUE | _FALSE:
            value = str(raw).strip().lower() in _TRUE
        else:
            raise ConfigError(f"{name} must be true or false")
    else:
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise ConfigError(f"{name} must be text")
        value = str(raw).strip()
    try:
        spec.check(value)
    except ConfigError as error:
        shown = "" if spec.secret else f" (got {value!r})"
        raise ConfigError(f"{name} {error}{shown}") from None
    return value
