"""The server's access log never keeps a query string (the withdrawal page's link carries both codes)."""

from __future__ import annotations

import logging

from server.access_log import ACCESS_LOGGER, NoQueryStrings, keep_query_strings_out_of_access_log

#: uvicorn's access line format, with the arguments it logs (client, method, path, HTTP version, status)
ACCESS_FORMAT = '%s - "%s %s HTTP/%s" %d'


def access_line(path: str) -> str:
    """The line uvicorn would write for ``path``, after the server's filter."""
    args = ("127.0.0.1:5", "GET", path, "1.1", 200)
    record = logging.LogRecord(ACCESS_LOGGER, logging.INFO, __file__, 1, ACCESS_FORMAT, args, None)
    for installed in logging.getLogger(ACCESS_LOGGER).filters:
        assert isinstance(installed, logging.Filter) and installed.filter(record)
    return logging.Formatter("%(message)s").format(record)


def test_query_strings_are_cut_from_access_lines() -> None:
    keep_query_strings_out_of_access_log()
    keep_query_strings_out_of_access_log()  # once only, however often an app is built in one process
    installed = logging.getLogger(ACCESS_LOGGER).filters
    assert [type(f) for f in installed] == [NoQueryStrings]
    assert (
        access_line("/withdraw?reference=VB-7K3M-Q9XD&code=K7M3Q-9XDAB-4TRWH")
        == '127.0.0.1:5 - "GET /withdraw?… HTTP/1.1" 200'
    )
    assert access_line("/api/v1/health") == '127.0.0.1:5 - "GET /api/v1/health HTTP/1.1" 200'
