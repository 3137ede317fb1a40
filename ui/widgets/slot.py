"""A one-item mailbox: any thread puts the newest value in, the UI thread takes it out.

Why not a queue: the preview and the level meter only ever care about the latest value. Overwriting means a
slow UI can never build up a backlog of frames behind a fast camera.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class LatestSlot(Generic[T]):
    """Holds at most one value; :meth:`put` replaces it, :meth:`take` empties it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: T | None = None
        self._fresh = False

    def put(self, value: T) -> None:
        """Store ``value`` (from any thread), dropping any value not yet taken."""
        with self._lock:
            self._value = value
            self._fresh = True

    def take(self) -> T | None:
        """The newest value if one arrived since the last take, else None."""
        with self._lock:
            if not self._fresh:
                return None
            self._fresh = False
            value, self._value = self._value, None
            return value
