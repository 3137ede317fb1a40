"""Server settings: built-in defaults < DATA/server.toml < environment < command line, checked once."""

from __future__ import annotations

import os
import re
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
        storage: where media goes: empty for the data folder, or ``s3://bucket/prefix`` for S3-compatible
            object storage (then the ``s3_*`` settings apply).
        s3_endpoint_url: the object store's URL (MinIO, Ceph, SeaweedFS…); empty for AWS S3 itself.
        s3_region: the bucket's region (empty: the environment's ``AWS_REGION``, else us-east-1).
        s3_access_key_id: the access key; empty uses the standard AWS variables and files.
        s3_secret_access_key: its secret (better in ``VOICEBOOTH_SERVER_S3_SECRET_ACCESS_KEY`` or
            ``AWS_SECRET_ACCESS_KEY`` than in the settings file).
        s3_addressing_style: ``path`` (on-premises stores) or ``virtual`` (bucket in the host name).
        s3_part_bytes: bytes per multipart part a tus upload is cut into (5 MiB at least).
        workers: uvicorn worker processes on this host (``serve --workers``).
        log_format: ``text`` or ``json`` (one JSON object per line, redacted like the text).
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
    storage: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    s3_addressing_style: str = "path"
    s3_part_bytes: int = 8 * 1024**2
    workers: int = 1
    log_format: str = "text"

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
            "workers",
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
        if self.storage:
            parse_storage_url(self.storage)
        if self.s3_addressing_style not in ("path", "virtual"):
            raise SettingsError("The setting s3_addressing_style must be path or virtual.")
        if self.s3_part_bytes < MIN_PART_BYTES:
            raise SettingsError(f"The setting s3_part_bytes must be at least {MIN_PART_BYTES} (5 MiB).")
        if bool(self.s3_access_key_id) != bool(self.s3_secret_access_key):
            raise SettingsError("S3 credentials need both s3_access_key_id and s3_secret_access_key.")
        if self.log_format not in ("text", "json"):
            raise SettingsError("The setting log_format must be text or json.")
        return self

    @property
    def uses_object_storage(self) -> bool:
        """True when media goes to S3-compatible object storage rather than the data folder."""
        return bool(self.storage)

    @property
    def uses_postgresql(self) -> bool:
        """True when the database is PostgreSQL (locks and counters shared between replicas)."""
        return self.db_url.startswith("postgresql")


#: S3's smallest part (every part but the last of a multipart upload).
MIN_PART_BYTES = 5 * 1024**2
_BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_PREFIX_RE = re.compile(r"^[A-Za-z0-9!_.*'()/-]{0,200}$")


@dataclass(frozen=True)
class StorageUrl:
    """A parsed ``s3://bucket/prefix``: object keys are ``<prefix>uploads/…`` and ``<prefix>media/…``."""

    bucket: str
    prefix: str


def parse_storage_url(text: str) -> StorageUrl:
    """Parses the ``storage`` setting.

    Raises:
        SettingsError: not ``s3://bucket[/prefix]``, or a bucket name S3 would refuse.
    """
    scheme, _, rest = text.partition("://")
    bucket, _, prefix = rest.partition("/")
    if scheme != "s3" or not _BUCKET_RE.fullmatch(bucket) or ".." in bucket:
        raise SettingsError(
            "The setting storage must be s3://bucket or s3://bucket/prefix (bucket: 3-63 lower-case "
            "letters, digits, dots or dashes)."
        )
    prefix = prefix.strip("/")
    if not _PREFIX_RE.fullmatch(prefix) or ".." in prefix.split("/") or "//" in prefix:
        raise SettingsError("The storage prefix may hold only letters, digits and / - _ . characters.")
    return StorageUrl(bucket, f"{prefix}/" if prefix else "")


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
