"""The outbox: submissions queued in SQLite, sent with resumable uploads, deleted locally once confirmed."""

from recorder.outbox.outbox import Outbox
from recorder.outbox.outcome import ProgressCallback, SendError, SendResult
from recorder.outbox.store import FileRecord, SubmissionRecord

__all__ = ["FileRecord", "Outbox", "ProgressCallback", "SendError", "SendResult", "SubmissionRecord"]
