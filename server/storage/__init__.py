"""Where uploads and media live: the data folder (the default) or S3-compatible object storage."""

from __future__ import annotations

from server.settings import Settings
from server.storage.ids import is_id, new_id
from server.storage.port import Storage, StorageError, StorageFullError

__all__ = ["Storage", "StorageError", "StorageFullError", "is_id", "new_id", "open_storage"]


def open_storage(settings: Settings) -> Storage:
    """The storage the settings name (not yet prepared)."""
    if settings.uses_object_storage:
        from server.storage.s3 import S3Storage

        return S3Storage(settings)
    from server.storage.folder import FolderStorage

    return FolderStorage(settings)
