"""The outbox: submissions queued in SQLite, sent with resumable uploads, deleted locally once confirmed.

The names below load on first use (PEP 562): the outbox's network stack (requests, the upload client,
the manifest schema) costs a few hundred milliseconds, which the app's first screen does not pay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder.outbox.outbox import Outbox
    from recorder.outbox.outcome import ProgressCallback, SendError, SendResult
    from recorder.outbox.store import FileRecord, SubmissionRecord

__all__ = ["FileRecord", "Outbox", "ProgressCallback", "SendError", "SendResult", "SubmissionRecord"]

#: Each public name -> the module that defines it.
_HOMES = {
    "FileRecord": "recorder.outbox.store",
    "Outbox": "recorder.outbox.outbox",
    "ProgressCallback": "recorder.outbox.outcome",
    "SendError": "recorder.outbox.outcome",
    "SendResult": "recorder.outbox.outcome",
    "SubmissionRecord": "recorder.outbox.store",
}

if not TYPE_CHECKING:  # mypy sees the imports above, so a misspelt name is still an error

    def __getattr__(name: str) -> object:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value
        return value
