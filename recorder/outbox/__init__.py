"""The outbox: submissions queued in SQLite, sent with resumable uploads, deleted locally once confirmed."""

from recorder.outbox.outbox import Outbox, ProgressCallback, SendError, SendResult
from recorder.outbox.store import FileRecord, SubmissionRecord

__all__ = ["FileRecord", "Outbox", "ProgressCallback", "SendError", "SendResult", "SubmissionRecord"]
