"""Locks that serialise work on one upload or one submission: in this host's processes (the data folder's
flock files) or across replicas (PostgreSQL advisory locks)."""

from __future__ import annotations

from server.locks.port import Locks, LockTimeoutError, UploadGoneError

__all__ = ["LockTimeoutError", "Locks", "UploadGoneError"]
