"""Fetches list thumbnails (take posters) a few at a time on a worker thread and hands them to the list.

One batch runs at a time, so posters never take every pool thread and delay what the reviewer asked for
(a detail, a decision). The rows painted last are fetched first and only the last :data:`QUEUED` wanted
are kept waiting: a reviewer scrolling past thousands of rows does not leave thousands of fetches behind
(a row scrolled back to asks again). Nothing is fetched while rows keep asking (the list is moving): a
reviewer dragging the scroll bar through thousands of rows would otherwise keep the server and a worker busy
with posters of rows shown for a moment, taking cores the UI thread needs on a 2-core PC; fetching starts once
no new row has asked for :data:`SETTLE_MS`. Posters are decoded and scaled on the worker thread; the UI
thread only wraps the small image. A missing poster (e.g. withdrawn) just leaves its row without a picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QImageReader, QPixmap

from recorder.review import ReviewClient, ReviewError
from ui.tasks import Task, tasks

#: Posters fetched per background task.
BATCH = 8
#: Wanted posters kept waiting (the most recently painted rows; about three screens).
QUEUED = 48
#: How long the list must stop asking (stop moving) before posters are fetched.
SETTLE_MS = 150


def small_image(data: bytes, size: QSize) -> QImage | None:
    """``data`` (a JPEG) decoded straight to fit ``size`` (keeping its shape), or None when unreadable."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer)
    full = reader.size()
    if full.isValid():
        reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


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
        self._waiting: set[str] = set()  # submission ids queued or being fetched
        self._missing: set[str] = set()  # the server has no poster for these (not asked again)
        self._task: Task | None = None
        self._settle = QTimer()
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._next)

    def want(self, rows: Iterable[tuple[str, str]]) -> None:
        """Fetch the posters of ``(submission id, take id)`` rows once the list stops moving (in batches)."""
        added = False
        for row in rows:
            if row[0] not in self._waiting and row[0] not in self._missing:
                self._waiting.add(row[0])
                self._queue.append(row)
                added = True
        for dropped, _take in self._queue[:-QUEUED]:
            self._waiting.discard(dropped)
        del self._queue[:-QUEUED]
        if added:  # rows not asked for before: the list moved (a repaint of the same rows is not a move)
            self._settle.start()

    def _next(self) -> None:
        if (self._task is not None and not self._task.done) or self._settle.isActive():
            return
        batch, self._queue = self._queue[-BATCH:][::-1], self._queue[:-BATCH]
        if not batch:
            return
        size = self._size

        def fetch() -> list[tuple[str, QImage | None]]:
            found: list[tuple[str, QImage | None]] = []
            for submission_id, take_id in batch:
                try:
                    found.append((submission_id, small_image(self._client.poster(take_id), size)))
                except ReviewError:
                    found.append((submission_id, None))
            return found

        def show(found: list[tuple[str, QImage | None]]) -> None:
            for submission_id, image in found:
                self._waiting.discard(submission_id)
                if image is None:
                    self._missing.add(submission_id)
            if not self._alive():
                return
            for submission_id, image in found:
                if image is not None:
                    self._deliver(submission_id, QPixmap.fromImage(image))
            self._next()

        def failed(_error: BaseException) -> None:  # e.g. no connection: rows painted later ask again
            self._waiting.difference_update(submission_id for submission_id, _take in batch)

        self._task = tasks().run(
            lambda _job: fetch(), owner=self, on_success=show, on_failure=failed, name="thumbnails"
        )
