"""Server settings: built-in defaults < DATA/server.toml < environment < command line, checked once."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

CONFIG_NAME = "server.toml"
ENV_PREFIX = "VOICEBOOTH_SERVER_"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


class SettingsError(ValueError):
    """A setting is missing or wrong; the message is plain English."""


@dataclass(frozen=True)
class Settings:
    """Everything the server needs to run; built by :func:`load_settings` or directly in tests.

    Attributes:
        data_dir: the data folder (database unless database_url says otherwise, uploads, media).
        database_url: SQLAlchemy URL; empty means SQLite at ``data_dir/voicebooth.db`` in WAL mode.
        max_upload_bytes: largest tus upload accepted (``Tus-Max-Size``).
        upload_expiry_s: an unfinished upload is removed this long after it was created.
        patch_idle_timeout_s: a request body that sends nothing for this long is closed (tus: 30 s).
        json_body_limit_bytes: largest JSON request body (manifests included).
        token_ttl_s: lifetime of a reviewer login token.
        consent_valid_days: consent is treated as expired this many days after it was given.
        open_retention_days: a submission never completed is purged this many days after it was created.
        purge_interval_s: ``serve`` runs the retention purge (and the consistency check) this often.
        min_free_bytes: an upload is refused (507) when it, with the bytes still to come for every upload
            under way, would leave less free disk space than this; a PATCH stops (507) before it would.
        key_open_uploads: unfinished or unattached uploads one upload key may have at once (then 429).
        key_open_upload_bytes: bytes those uploads of one key may add up to (then 429).
        login_attempts: sign-in attempts for one name from one client address per login_lock_s; more are
            refused (429) until login_lock_s has passed. A success forgives the earlier ones.
        login_address_attempts: sign-in attempts from one client address (any names) per login_lock_s.
        login_lock_s: the window those attempts are counted in, and how long a block lasts.
        login_concurrency: sign-ins one server process handles at once; one more gets 429 at once.
        login_hash_workers: threads checking passwords (argon2) in one server process.
        forwarded_allow_ips: addresses of reverse proxies whose X-Forwarded-For gives the client address
            (comma-separated, ``*`` for any); empty means no proxy is trusted.
        withdraw_attempts_per_reference: wrong withdrawal codes for one reference within
            withdraw_attempt_window_s before that reference is refused (429) for the rest of the window.
        withdraw_attempts_per_address: the same for one client address (any references).
        withdraw_attempt_window_s: the window the withdrawal attempts are counted in.
        max_header_bytes: largest request line and headers together; more gets 431 and a closed connection.
        max_headers: most header fields in one request; more gets 431.
        header_timeout_s: a request's line and headers must have arrived this long after the connection
            opened (or after its first byte on a kept-alive connection); else 408 and closed.
        body_timeout_s: a request body that sends nothing for this long (while the server is ready for it)
            has its connection closed; at least patch_idle_timeout_s.
        keep_alive_timeout_s: an idle kept-alive connection is closed after this long.
        max_connections: open connections per process (fewer if the file-handle limit is lower); at the
            limit a new connection closes the one idle longest.
        max_requests: requests handled at once per process; more get 503 with Retry-After.
        tls_certfile: PEM certificate for HTTPS (with tls_keyfile); empty serves plain HTTP.
        tls_keyfile: PEM private key for HTTPS.
    """

    data_dir: Path
    database_url: str = ""
    max_upload_bytes: int = 2 * 1024**3
    upload_expiry_s: int = 7 * 24 * 3600
    patch_idle_timeout_s: float = 30.0
    json_body_limit_bytes: int = 2 * 1024**2
    token_ttl_s: int = 8 * 3600
    consent_valid_days: int = 730
    open_retention_days: int = 30
    purge_interval_s: int = 3600
    min_free_bytes: int = 256 * 1024**2
    key_open_uploads: int = 50
    key_open_upload_bytes: int = 20 * 1024**3
    login_attempts: int = 10
    login_address_attempts: int = 50
    login_lock_s: int = 15 * 60
    withdraw_attempts_per_reference: int = 5
    withdraw_attempts_per_address: int = 20
    withdraw_attempt_window_s: int = 15 * 60
    login_concurrency: int = 8
    login_hash_workers: int = 2
    forwarded_allow_ips: str = ""
    max_header_bytes: int = 32 * 1024
    max_headers: int = 100
    header_timeout_s: float = 10.0
    body_timeout_s: float = 60.0
    keep_alive_timeout_s: float = 15.0
    max_connections: int = 1000
    max_requests: int = 256
    tls_certfile: str = ""
    tls_keyfile: str = ""

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL actually used."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'voicebooth.db').resolve()}"

    @property
    def uploads_dir(self) -> Path:
        """Unfinished and finished tus uploads, one file per server-generated upload id."""
        return self.data_dir / "uploads"

    @property
    def media_dir(self) -> Path:
        """Attached takes and their posters, named by server-generated media ids."""
        return self.data_dir / "media"

    def check(self) -> Settings:
        """Returns self after checking every value is usable.

        Raises:
            SettingsError: naming the setting that is wrong.
        """
        positive = (
            "max_upload_bytes",
            "upload_expiry_s",
            "json_body_limit_bytes",
            "token_ttl_s",
            "consent_valid_days",
            "open_retention_days",
            "purge_interval_s",
            "key_open_uploads",
            "key_open_upload_bytes",
            "login_attempts",
            "login_address_attempts",
            "login_lock_s",
            "withdraw_attempts_per_reference",
            "withdraw_attempts_per_address",
            "withdraw_attempt_window_s",
            "login_concurrency",
            "login_hash_workers",
            "max_header_bytes",
            "max_headers",
            "max_connections",
            "max_requests",
        )
        for name in positive:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise SettingsError(f"The setting {name} must be a whole number above 0.")
        for name in ("patch_idle_timeout_s", "header_timeout_s", "body_timeout_s", "keep_alive_timeout_s"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"The setting {name} must be above 0.")
        if self.body_timeout_s < self.patch_idle_timeout_s:
            raise SettingsError("The setting body_timeout_s must be at least patch_idle_timeout_s.")
        if self.min_free_bytes < 0:
            raise SettingsError("The setting min_free_bytes cannot be negative.")
        if bool(self.tls_certfile) != bool(self.tls_keyfile):
            raise SettingsError("HTTPS needs both tls_certfile and tls_keyfile.")
        for name in ("tls_certfile", "tls_keyfile"):
            path = getattr(self, name)
            if path and not Path(path).is_file():
                raise SettingsError(f"The {name} file {path} does not exist.")
        return self


_INT_FIELDS = {f.name for f in fields(Settings) if f.type in ("int", int)}
_FLOAT_FIELDS = {f.name for f in fields(Settings) if f.type in ("float", float)}
_KNOWN = {f.name for f in fields(Settings)} - {"data_dir"}


def _coerce(name: str, value: object, where: str) -> object:
    try:
        if name in _INT_FIELDS:
            if isinstance(value, bool):
                raise ValueError
            return int(str(value))
        if name in _FLOAT_FIELDS:
            return float(str(value))
    except ValueError:
        raise SettingsError(f"The setting {name} in {where} must be a number.") from None
    return str(value)


def load_settings(
    data_dir: Path, overrides: dict[str, object] | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Builds settings for a data folder.

    Args:
        data_dir: the data folder; ``server.toml`` inside it is read when present.
        overrides: command-line values (highest layer); None values are ignored.
        environ: environment (defaults to ``os.environ``); ``VOICEBOOTH_SERVER_<NAME>`` sets ``name``.

    Raises:
        SettingsError: the config file cannot be read or a value is wrong.
    """
    environ = dict(os.environ) if environ is None else environ
    values: dict[str, object] = {}
    config_path = data_dir / CONFIG_NAME
    if config_path.is_file():
        try:
            parsed = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise SettingsError(f"The server settings file {config_path} cannot be read: {error}") from None
        unknown = sorted(set(parsed) - _KNOWN)
        if unknown:
            raise SettingsError(f"Unknown setting {unknown[0]!r} in {config_path}.")
        for name, value in parsed.items():
            values[name] = _coerce(name, value, str(config_path))
    for name in _KNOWN:
        env_value = environ.get(ENV_PREFIX + name.upper())
        if env_value:
            values[name] = _coerce(name, env_value, "the environment")
    for name, value in (overrides or {}).items():
        if name not in _KNOWN:
            raise SettingsError(f"Unknown setting {name!r}.")
        if value is not None:
            values[name] = _coerce(name, value, "the command line")
    return Settings(data_dir=data_dir, **values).check()  # type: ignore[arg-type]
