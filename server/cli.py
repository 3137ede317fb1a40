"""``voicebooth-server`` subcommands: serve, upload keys, reviewers, add-campaign, purge."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from server.logging_setup import configure_logging
from server.settings import ENV_PREFIX, LOOPBACK_HOSTS, Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from server.services.admin import KeyInfo

log = logging.getLogger("voicebooth.server")
DEFAULT_PORT = 8765
#: Where ``serve --workers N`` tells its worker processes which data folder to load settings from.
DATA_ENV = "VOICEBOOTH_SERVER_DATA"
#: Settings the command line can set (each also in ``server.toml`` and ``VOICEBOOTH_SERVER_<NAME>``).
CLI_SETTINGS = (
    "database_url",
    "storage",
    "workers",
    "log_format",
    "max_upload_bytes",
    "upload_expiry_s",
    "patch_idle_timeout_s",
    "tls_certfile",
    "tls_keyfile",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voicebooth-server", description="Voicebooth intake and review server."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--data", required=True, type=Path, help="the server's data folder")
        command.add_argument(
            "--database-url", default=None, help="SQLAlchemy URL (default: SQLite in --data)"
        )
        command.add_argument(
            "--storage", default=None, help="s3://bucket/prefix for object storage (default: the data folder)"
        )
        return command

    serve = add("serve", "Run the server.")
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--tls-certfile", default=None, help="PEM certificate: serve HTTPS")
    serve.add_argument("--tls-keyfile", default=None, help="PEM private key for --tls-certfile")
    serve.add_argument(
        "--allow-plain-http",
        action="store_true",
        help="listen on a non-loopback interface without TLS (only behind a TLS-terminating proxy)",
    )
    serve.add_argument("--max-upload-bytes", type=int, default=None, help="largest upload accepted")
    serve.add_argument(
        "--upload-expiry-s", type=int, default=None, help="unfinished uploads expire after this"
    )
    serve.add_argument("--patch-idle-timeout-s", type=float, default=None, help="idle request body timeout")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.add_argument(
        "--log-format", default=None, choices=["text", "json"], help="log lines as text or JSON"
    )
    serve.add_argument("--workers", type=int, default=None, help="uvicorn worker processes on this host")
    key = add("add-upload-key", "Create an upload key; prints the key alone on the last line.")
    key.add_argument("label", help="what the key is for, e.g. a ward or campaign name")
    add("list-upload-keys", "List the upload keys: number, label, when made and when revoked.")
    revoke = add("revoke-upload-key", "Revoke an upload key: every request with it is refused at once.")
    which = revoke.add_mutually_exclusive_group(required=True)
    which.add_argument("key_id", nargs="?", type=int, help="the key's number from list-upload-keys")
    which.add_argument("--key-stdin", action="store_true", help="read the key itself from stdin")
    reviewer = add("add-reviewer", "Create a reviewer account (or set its password).")
    reviewer.add_argument("name", help="the reviewer's sign-in name")
    reviewer.add_argument(
        "--password-stdin", action="store_true", required=True, help="read the password from stdin"
    )
    campaign = add(
        "add-campaign",
        "Publish a campaign pack's consent wording (every version and language, with its SHA-256); "
        "submissions of the campaign must then match one of them.",
    )
    campaign.add_argument("pack", help="the campaign pack: a folder, its campaign.toml, or an https:// URL")
    add("purge", "Apply the retention rules now (expired uploads, abandoned submissions, expired consent).")
    return parser


def _overrides(args: argparse.Namespace) -> dict[str, object]:
    return {name: getattr(args, name, None) for name in CLI_SETTINGS}


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.data.resolve(), _overrides(args))


def check_bind(host: str, settings: Settings, allow_plain_http: bool) -> None:
    """Refuses a non-loopback interface without TLS unless explicitly allowed.

    Raises:
        SettingsError: plain English saying what to add.
    """
    if host in LOOPBACK_HOSTS or settings.tls_certfile or allow_plain_http:
        return
    raise SettingsError(
        f"Refusing to listen on {host} without TLS: anyone on the network could read uploads and sign-ins. "
        "Give --tls-certfile and --tls-keyfile, or --allow-plain-http if a TLS proxy is in front."
    )


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from server.http_protocol import WORKER_PROTOCOL, limits_for, protocol_with

    check_bind(args.host, settings, args.allow_plain_http)
    options: dict[str, object] = {
        "host": args.host,
        "port": args.port,
        "log_level": args.log_level,
        "log_config": None,  # our redacting handler (logging_setup) serves uvicorn's loggers too
        "ssl_certfile": settings.tls_certfile or None,
        "ssl_keyfile": settings.tls_keyfile or None,
        "timeout_keep_alive": int(settings.keep_alive_timeout_s),
        "timeout_graceful_shutdown": 10,
        "server_header": False,
        "access_log": False,  # uvicorn's prints query strings; server.access_log logs routes instead
        # The client address sign-ins are counted by: X-Forwarded-For only from proxies IT names.
        "proxy_headers": bool(settings.forwarded_allow_ips),
        "forwarded_allow_ips": settings.forwarded_allow_ips or None,
    }
    if settings.workers == 1:
        from server.app import create_app

        # httptools with head, count, time and connection limits (server.http_protocol)
        http = protocol_with(limits_for(settings))
        uvicorn.run(create_app(settings), http=http, **options)  # type: ignore[arg-type]
        return 0
    # Several processes: each worker builds its app from the same settings (handed over as environment
    # variables, the layer just below the command line) and writes metrics to a shared folder; each sets
    # its protocol's limits from them too.
    for name, value in _overrides(args).items():
        if value is not None:
            os.environ[ENV_PREFIX + name.upper()] = str(value)
    os.environ[DATA_ENV] = str(settings.data_dir)
    os.environ["VOICEBOOTH_SERVER_LOG_LEVEL"] = args.log_level
    metrics_dir = tempfile.mkdtemp(prefix="voicebooth-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    from server.app import open_context

    open_context(settings).db.dispose()  # migrate once here, not in N workers at once
    limits_for(settings)  # raises this process's file-handle limit, which the workers inherit
    try:
        uvicorn.run(
            "server.app:app_from_environment",
            factory=True,
            workers=settings.workers,
            http=WORKER_PROTOCOL,
            **options,  # type: ignore[arg-type]
        )
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


def _admin(args: argparse.Namespace, settings: Settings) -> int:
    from recorder.campaign import load_campaign
    from server.app import open_context
    from server.services import admin
    from server.services.consent_texts import publish_campaign
    from server.services.purge import purge

    ctx = open_context(settings)
    try:
        if args.command == "add-upload-key":
            key = admin.add_upload_key(ctx, args.label)
            print(f"Upload key for {args.label!r} (shown once; keep it safe):")
            print(key)
        elif args.command == "list-upload-keys":
            for line in _key_lines(admin.list_upload_keys(ctx)):
                print(line)
        elif args.command == "revoke-upload-key":
            secret = sys.stdin.readline() if args.key_stdin else None
            info = admin.revoke_upload_key(ctx, args.key_id, secret)
            print(f"Upload key {info.id} ({info.label!r}) is revoked since {_when(info.revoked_utc)}.")
        elif args.command == "add-reviewer":
            password = sys.stdin.readline().rstrip("\r\n")
            admin.add_reviewer(ctx, args.name, password)
            print(f"Reviewer {args.name!r} can now sign in.")
        elif args.command == "add-campaign":
            for line in publish_campaign(ctx, load_campaign(args.pack)).lines():
                print(line)
        else:
            for line in purge(ctx).lines():
                print(line)
    finally:
        ctx.db.dispose()
    return 0


def _when(value: datetime | None) -> str:
    return "-" if value is None else value.strftime("%Y-%m-%d %H:%M UTC")


def _key_lines(keys: list[KeyInfo]) -> list[str]:
    if not keys:
        return ["No upload keys yet; add one with add-upload-key."]
    lines = [f"{'NUMBER':>6}  {'CREATED':<20}  {'REVOKED':<20}  LABEL"]
    for key in keys:
        lines.append(f"{key.id:>6}  {_when(key.created_utc):<20}  {_when(key.revoked_utc):<20}  {key.label}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one subcommand; returns the exit code (2 for a usage or settings problem)."""
    args = _parser().parse_args(argv)
    configure_logging(getattr(args, "log_level", "info"), getattr(args, "log_format", None) or "text")
    from recorder.campaign import CampaignError
    from server.services.admin import AdminError
    from server.services.consent_texts import PublishError
    from server.storage import StorageError

    try:
        settings = _settings(args)
        configure_logging(getattr(args, "log_level", "info"), settings.log_format)
        if args.command == "serve":
            return _serve(args, settings)
        return _admin(args, settings)
    except (SettingsError, AdminError, CampaignError, PublishError, StorageError) as error:
        print(f"voicebooth-server: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
