"""Background work for the UI: run a callable on a worker thread, get its result back on the UI thread.

Modelled on Anki's ``aqt.taskman``/``aqt.operations``: the UI hands over a function plus ``on_success`` /
``on_failure`` callbacks; the function runs on a :class:`QThreadPool` thread and never touches widgets; its
outcome (and any progress it reports, from whatever thread) comes back through Qt signals to a bridge object
that lives on the UI thread, so the callbacks always run there.

Example::

    task = run_in_background(lambda progress: finish_take(take_dir, progress=progress),
                             on_success=self._done, on_failure=self._failed, on_progress=self._bar.setValue)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ProgressFn = Callable[[float], None]


class Task(QObject):
    """One background job. Lives on the UI thread; its work runs on a pool thread.

    Signals:
        succeeded(object): the function's return value.
        failed(object): the exception it raised.
        progressed(float): a progress fraction 0..1 it reported.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(float)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.cancel = threading.Event()
        self.done = False
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: ProgressFn | None = None
        # The signals connect to this object's own slots: the receiver lives on the UI thread, so Qt queues
        # emissions from the pool thread and the slots (and so the callbacks) run on the UI thread.
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)
        self.progressed.connect(self._deliver_progress)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        self.done = True
        _RUNNING.discard(self)
        if self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        self.done = True
        _RUNNING.discard(self)
        if self._on_failure is not None:
            assert isinstance(error, BaseException)
            self._on_failure(error)
        else:
            log.error("Background task %s failed", self.name, exc_info=error)  # type: ignore[arg-type]

    @Slot(float)
    def _deliver_progress(self, fraction: float) -> None:
        if self._on_progress is not None and not self.done:
            self._on_progress(fraction)


class _Runner(QRunnable):
    def __init__(self, task: Task, fn: Callable[[ProgressFn], Any]) -> None:
        super().__init__()
        self._task = task
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn(self._task.progressed.emit)
        except BaseException as error:  # every failure must reach the UI, not kill the pool thread
            self._task.failed.emit(error)
        else:
            self._task.succeeded.emit(result)


#: Tasks still running; holding them stops Python from collecting the QObject before it reports back.
_RUNNING: set[Task] = set()
_POOL: QThreadPool | None = None


def pool() -> QThreadPool:
    """The pool background tasks run on (a private one, so a busy global pool never delays ours)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(3)
    return _POOL


def run_in_background(
    fn: Callable[[ProgressFn], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: ProgressFn | None = None,
    name: str = "task",
) -> Task:
    """Run ``fn(progress)`` on a worker thread; callbacks run on the UI thread.

    Must be called on the UI thread. ``fn`` receives a thread-safe ``progress(fraction)`` function and may
    check ``task.cancel`` (a :class:`threading.Event`) if it was passed along.
    """
    task = Task(name)
    task._on_success = on_success
    task._on_failure = on_failure
    task._on_progress = on_progress
    _RUNNING.add(task)
    pool().start(_Runner(task, fn))
    return task


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every background task finished (for shutdown and tests). True when all did."""
    return pool().waitForDone(timeout_ms)
