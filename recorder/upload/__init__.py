"""Resumable uploads: a tus 1.0.0 client on the shared Session, with backoff and progress."""

from recorder.upload.errors import UploadCancelled, UploadError
from recorder.upload.progress import ProgressMeter, Stage, TransferProgress
from recorder.upload.retry import RetryPolicy
from recorder.upload.tus import Capabilities, TusClient, UploadHooks, encode_metadata

__all__ = [
    "Capabilities",
    "ProgressMeter",
    "RetryPolicy",
    "Stage",
    "TransferProgress",
    "TusClient",
    "UploadCancelled",
    "UploadError",
    "UploadHooks",
    "encode_metadata",
]
