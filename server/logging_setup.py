"""Logging for ``voicebooth-server``: one stderr handler, redacted like the app's log, as text or JSON lines.

Every record passes :class:`recorder.logs.RedactingFilter` first (tokens, keys, passwords, e-mail addresses,
the S3 secret), whichever format is chosen. The access lines are :mod:`server.access_log`'s (route templates,
never query strings; uvicorn's own is off). JSON lines carry ``time``, ``level``, ``logger``, ``message``,
``process`` and, for access lines, the fields the access log attaches: ``method``, ``path`` (the route),
``status``, ``duration_ms``.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from recorder.logs import RedactingFilter
from server.access_log import ACCESS_FIELDS, ACCESS_LOGGER

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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
        for name in ACCESS_FIELDS:
            if name in record.__dict__:
                line[name] = record.__dict__[name]
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: str = "info", log_format: str = "text") -> None:
    """Replaces the root logger's handlers with one redacting stderr handler (safe to call again)."""
    handler = logging.StreamHandler(sys.stderr)
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
