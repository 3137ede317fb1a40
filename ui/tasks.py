"""The one bridge for background work: run a function on a pool thread, get its outcome on the UI thread.

Modelled on Anki's ``aqt.taskman`` and ``aqt.operations``: one long-lived :class:`TaskManager`, parented
to the application, owns the thread pool and one signal that carries every outcome (and every progress
report) back to the UI thread. Because the signal's source lives as long as the application, no result can
be emitted from an object that was deleted ("Signal source has been deleted"). Every task names an
``owner`` (the widget or object whose callbacks it calls), held weakly: when the owner is gone by the time
the outcome arrives, the outcome is logged and dropped, never delivered into a deleted object. On quit
every task's cancel event is set and the pool drained with a bounded wait.

Example::

    tasks().run(
        lambda job: finish_take(take_dir, progress=job.progress),
        owner=self,
        on_success=self._done,
        on_failure=self._failed,
        on_progress=self._bar.setValue,
        name="finish take",
    )
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

ProgressFn = Callable[[float], None]

#: How long quitting waits for running tasks (they were asked to stop first).
QUIT_WAIT_MS = 5_000


@dataclass
class Job:
    """What a task's function gets: report progress from any thread, and see whether it should stop.

    Attributes:
        name: the task's name (for logs).
        cancel: set when the app quits or the owner asks (:meth:`Task.cancel`); long work checks it.
    """

    name: str
    cancel: threading.Event = field(default_factory=threading.Event)
    _report: ProgressFn = field(default=lambda _f: None, repr=False)

    def progress(self, fraction: float) -> None:
        """Report progress 0..1 (thread-safe; the newest is shown)."""
        self._report(fraction)


class Task:
    """A running (or finished) task, as the UI thread sees it."""

    def __init__(self, name: str, owner: object, cancel: threading.Event | None) -> None:
        self.name = name
        self.job = Job(name, cancel or threading.Event())
        self.done = False
        self._owner = weakref.ref(owner)
        self.on_success: Callable[[Any], None] | None = None
        self.on_failure: Callable[[BaseException], None] | None = None
        self.on_progress: ProgressFn | None = None
        #: called (on the UI thread) with a result whose owner is gone, to release what it holds
        self.on_orphan: Callable[[Any], None] | None = None

    @property
    def cancel_event(self) -> threading.Event:
        return self.job.cancel

    def cancel(self) -> None:
        """Ask the work to stop (it decides when; its outcome still arrives)."""
        self.job.cancel.set()

    def owner_gone(self) -> bool:
        """True when the object the callbacks belong to was deleted (Python or Qt side)."""
        owner = self._owner()
        if owner is None:
            return True
        return isinstance(owner, QObject) and not shiboken6.isValid(owner)


class _Runner(QRunnable):
    def __init__(self, manager: TaskManager, task: Task, fn: Callable[[Job], Any]) -> None:
        super().__init__()
        self._manager = manager
        self._task = task
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn(self._task.job)
        except BaseException as error:  # every failure must reach the UI, not kill the pool thread
            self._manager.post(self._task, False, error)
        else:
            self._manager.post(self._task, True, result)


class TaskManager(QObject):
    """Runs functions on a private thread pool; outcomes come back on the UI thread. One per application.

    Signals:
        _arrived(object, bool, object): internal: (task, succeeded, value) from a pool thread.
        _progressed(object, float): internal: (task, fraction) from any thread.
    """

    _arrived = Signal(object, bool, object)
    _progressed = Signal(object, float)

    def __init__(self, app: QCoreApplication, max_threads: int = 3) -> None:
        super().__init__(app)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()
        self._lock = threading.Lock()
        self._closed = False
        # The receiver lives on the UI thread, so emissions from pool threads are queued to it.
        self._arrived.connect(self._deliver)
        self._progressed.connect(self._deliver_progress)
        app.aboutToQuit.connect(self.shutdown)

    # -- asking for work (UI thread) ----------------------------------------------------------------
    def run(
        self,
        fn: Callable[[Job], Any],
        *,
        owner: object,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: ProgressFn | None = None,
        name: str,
        cancel: threading.Event | None = None,
    ) -> Task:
        """Run ``fn(job)`` on a pool thread; the callbacks run on the UI thread while ``owner`` exists.

        Args:
            fn: the work; it never touches widgets.
            owner: whose callbacks these are (held weakly; a gone owner's outcome is logged, not delivered).
            on_success: gets the return value.
            on_failure: gets the exception (without it, a failure is logged as an error).
            on_progress: gets each progress fraction the work reports.
            name: for logs.
            cancel: an event of the caller's to use as the job's cancel event (set on quit too).
        """
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("background work must be started from the UI thread")
        task = Task(name, owner, cancel)
        task.on_success, task.on_failure, task.on_progress = on_success, on_failure, on_progress
        task.job._report = lambda fraction: self._progressed.emit(task, float(fraction))
        with self._lock:
            if self._closed:
                task.cancel()
            self._running.add(task)
        self._pool.start(_Runner(self, task, fn))
        return task

    def post(self, task: Task, succeeded: bool, value: object) -> None:
        """From the pool thread: hand the outcome to the UI thread."""
        self._arrived.emit(task, succeeded, value)

    # -- outcomes (UI thread) -----------------------------------------------------------------------
    @Slot(object, bool, object)
    def _deliver(self, task: Task, succeeded: bool, value: object) -> None:
        task.done = True
        with self._lock:
            self._running.discard(task)
        if task.owner_gone():
            outcome = "finished" if succeeded else f"failed ({value})"
            log.info(
                "Background task %s %s after its owner was gone; the result was dropped", task.name, outcome
            )
            if succeeded and task.on_orphan is not None:
                task.on_orphan(value)
            return
        if succeeded:
            if task.on_success is not None:
                task.on_success(value)
            return
        assert isinstance(value, BaseException)
        if task.on_failure is not None:
            task.on_failure(value)
        else:
            log.error("Background task %s failed", task.name, exc_info=value)

    @Slot(object, float)
    def _deliver_progress(self, task: Task, fraction: float) -> None:
        if task.on_progress is not None and not task.done and not task.owner_gone():
            task.on_progress(fraction)

    # -- shutting down ------------------------------------------------------------------------------
    def running(self) -> list[str]:
        """Names of the tasks whose outcome has not been delivered yet."""
        with self._lock:
            return sorted(t.name for t in self._running)

    def wait_for_all(self, timeout_ms: int = 30_000) -> bool:
        """Run the event loop until every task's outcome was delivered (work started by a callback too).

        For tests and shutdown. True when nothing is left running within ``timeout_ms``.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        while self.running() and time.monotonic() < deadline:
            self._pool.waitForDone(50)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return not self.running()

    def shutdown(self, timeout_ms: int = QUIT_WAIT_MS) -> bool:
        """Set every running task's cancel event and drain the pool (bounded). True when it drained."""
        with self._lock:
            self._closed = True
            running = list(self._running)
        for task in running:
            task.cancel()
        drained = self._pool.waitForDone(timeout_ms)
        if not drained:
            log.warning("Quitting with background work still running: %s", ", ".join(self.running()))
        return drained


class TaskBackground:
    """:class:`recorder.ports.Background` over the task manager, for a core object (its ``owner``)."""

    def __init__(self, owner: object | None = None) -> None:
        self.owner = owner

    def run(
        self,
        work: Callable[[], Any],
        *,
        name: str,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        tasks().run(
            lambda _job: work(),
            owner=self.owner if self.owner is not None else self,
            on_success=on_done,
            on_failure=on_failed,
            name=name,
        )


_manager: TaskManager | None = None


def tasks() -> TaskManager:
    """The application's task manager (created on first use; the QApplication must exist)."""
    global _manager
    manager = current_tasks()
    if manager is None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("the task manager needs a QApplication")
        manager = _manager = TaskManager(app)
    return manager


def current_tasks() -> TaskManager | None:
    """The task manager when one exists for the current application (None before the first task)."""
    manager = _manager
    app = QCoreApplication.instance()
    if manager is None or app is None or not shiboken6.isValid(manager) or manager.parent() is not app:
        return None
    return manager
