"""Keeps query strings out of the server's access log: the withdrawal page's link carries both codes, and a
review search may carry a person's name."""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"


class NoQueryStrings(logging.Filter):
    """Cuts the query string off the path of uvicorn's access lines (args: client, method, path, ...)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def keep_query_strings_out_of_access_log() -> None:
    """Installs the filter once on uvicorn's access logger."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, NoQueryStrings) for f in logger.filters):
        logger.addFilter(NoQueryStrings())
