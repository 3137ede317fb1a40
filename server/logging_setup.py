"""Logging for ``voicebooth-server``: one stderr handler, redacted like the app's log, as text or JSON lines.

Every record passes :class:`recorder.logs.RedactingFilter` first (tokens, keys, passwords, e-mail addresses,
the S3 secret), whichever format is chosen. uvicorn's access lines lose their query strings (a review search
``q=`` is often a name), keeping method, path and status. JSON lines carry ``time``, ``level``, ``logger``,
``message``, ``process`` and, for access lines, ``method``, ``path``, ``status``.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from recorder.logs import RedactingFilter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
ACCESS_LOGGER = "uvicorn.access"


class AccessQueryFilter(logging.Filter):
    """Drops the query string from uvicorn's access lines (``client, method, path, version, status``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == ACCESS_LOGGER and isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, version, status = record.args
            record.args = (client, method, str(path).split("?", 1)[0], version, status)
            record.__dict__.update(method=method, path=str(path).split("?", 1)[0], status=status)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for name in ("method", "path", "status"):
            if name in record.__dict__:
                line[name] = record.__dict__[name]
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: str = "info", log_format: str = "text") -> None:
    """Replaces the root logger's handlers with one redacting stderr handler (safe to call again)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(AccessQueryFilter())
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", ACCESS_LOGGER):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    logging.getLogger("alembic").setLevel(logging.WARNING)
    for noisy in ("botocore", "boto3", "s3transfer", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
