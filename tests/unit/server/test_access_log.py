"""The server's access log never keeps a query string (the withdrawal page's link carries both codes)."""

from __future__ import annotations

import io
import logging

from server.access_log import ACCESS_LOGGER, keep_query_strings_out_of_access_log


def test_query_strings_are_cut_from_access_lines() -> None:
    keep_query_strings_out_of_access_log()
    keep_query_strings_out_of_access_log()  # once only, however often the app is built
    logger = logging.getLogger(ACCESS_LOGGER)
    assert len(logger.filters) == 1
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.INFO
    try:
        # uvicorn's own access format and arguments
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET",
                    "/withdraw?reference=VB-7K3M-Q9XD&code=K7M3Q-9XDAB-4TRWH", "1.1", 200)  # fmt: skip
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET", "/api/v1/health", "1.1", 200)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    lines = out.getvalue().splitlines()
    assert lines == [
        '127.0.0.1:5 - "GET /withdraw?… HTTP/1.1" 200',
        '127.0.0.1:5 - "GET /api/v1/health HTTP/1.1" 200',
    ]
