"""Fetches list thumbnails (take posters) a few at a time on a worker thread and hands them to the list.

One batch runs at a time, so posters never take every pool thread and delay what the reviewer asked for
(a detail, a decision). A missing poster (e.g. withdrawn) just leaves its row without a picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap

from recorder.review import ReviewClient, ReviewError
from ui.tasks import Task, tasks

#: Posters fetched per background task.
BATCH = 8


class ThumbnailLoader:
    """Queue of (submission id, take id) posters to fetch.

    Args:
        client: the review client.
        size: the size thumbnails are scaled to.
        deliver: called on the UI thread with (submission id, pixmap).
        alive: returns False once the window is closing (results are then dropped).
    """

    def __init__(
        self,
        client: ReviewClient,
        size: QSize,
        deliver: Callable[[str, QPixmap], None],
        alive: Callable[[], bool],
    ) -> None:
        self._client = client
        self._size = size
        self._deliver = deliver
        self._alive = alive
        self._queue: list[tuple[str, str]] = []
        self._task: Task | None = None

    def want(self, rows: Iterable[tuple[str, str]]) -> None:
        """Fetch the posters of ``(submission id, take id)`` rows (soon, in the background, in batches)."""
        self._queue.extend(rows)
        self._next()

    def _next(self) -> None:
        if self._task is not None and not self._task.done:
            return
        batch, self._queue = self._queue[:BATCH], self._queue[BATCH:]
        if not batch:
            return

        def fetch() -> list[tuple[str, bytes]]:
            found = []
            for submission_id, take_id in batch:
                try:
                    found.append((submission_id, self._client.poster(take_id)))
                except ReviewError:
                    continue
            return found

        self._task = tasks().run(lambda _job: fetch(), owner=self, on_success=self._show, name="thumbnails")

    def _show(self, found: list[tuple[str, bytes]]) -> None:
        if not self._alive():
            return
        for submission_id, data in found:
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                self._deliver(submission_id, pixmap.scaled(
                    self._size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                ))  # fmt: skip
        self._next()
