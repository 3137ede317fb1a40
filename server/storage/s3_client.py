"""The boto3 S3 client for the object store, and one place that turns its failures into StorageError.

Credentials come from the settings when both ``s3_access_key_id`` and ``s3_secret_access_key`` are set, else
from boto3's standard chain (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE``, instance
roles). The secret is registered with the log redactor at once. Path-style addressing is the default, as
on-premises stores (MinIO, Ceph, SeaweedFS) need it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from recorder.redact import REDACTOR
from server.metrics import STORAGE_ERRORS
from server.settings import Settings
from server.storage.port import StorageError, StorageFullError

if TYPE_CHECKING:
    from types_boto3_s3 import S3Client

log = logging.getLogger(__name__)

#: Error codes stores use when they are out of room (MinIO's quotas and full disks, AWS's quota).
FULL_CODES = frozenset(
    {"XMinioStorageFull", "XMinioAdminBucketQuotaExceeded", "QuotaExceeded", "InsufficientStorage"}
)
MISSING_CODES = frozenset({"NoSuchKey", "404", "NotFound", "NoSuchUpload"})
#: Connections per replica to the store: every PATCH in flight may have one part upload going.
MAX_POOL_CONNECTIONS = 64


def make_client(settings: Settings) -> S3Client:
    """An S3 client for the settings (thread-safe; one per process)."""
    if settings.s3_secret_access_key:
        REDACTOR.add_value(settings.s3_secret_access_key)
    config = Config(
        s3={"addressing_style": "path" if settings.s3_addressing_style == "path" else "virtual"},
        signature_version="s3v4",
        retries={"mode": "standard", "max_attempts": 3},
        connect_timeout=5,
        read_timeout=60,
        max_pool_connections=MAX_POOL_CONNECTIONS,
        tcp_keepalive=True,
        # No per-part CRC: every byte's integrity is checked end to end by the SHA-256 complete re-computes
        # from the stored object; a CRC per part cost CPU on the replica and the store for nothing more.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    session = boto3.session.Session()
    return session.client(
        "s3",
        endpoint_url=settings.s3_endpoint_url or None,
        region_name=settings.s3_region or session.region_name or "us-east-1",
        config=config,
        aws_access_key_id=settings.s3_access_key_id or None,  # None: boto3's standard chain
        aws_secret_access_key=settings.s3_secret_access_key or None,
    )


def error_code(error: BaseException) -> str:
    """The S3 error code of a ClientError ("" for other failures)."""
    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code", ""))
    return ""


def is_missing(error: BaseException) -> bool:
    """True when the store says the object or multipart upload does not exist."""
    return error_code(error) in MISSING_CODES


@contextlib.contextmanager
def storage_call(operation: str) -> Iterator[None]:
    """Turns a botocore failure inside the block into StorageError (or StorageFullError), counted by
    operation; the message names the operation and the store's code, never a key, URL or credential."""
    try:
        yield
    except (ClientError, BotoCoreError) as error:
        STORAGE_ERRORS.labels(operation).inc()
        code = error_code(error) or type(error).__name__
        log.warning("Object storage %s failed: %s", operation, code)
        if code in FULL_CODES:
            raise StorageFullError("The object store has no room for more data.") from None
        raise StorageError(f"The object store failed ({operation}: {code}).") from None
