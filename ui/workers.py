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

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from recorder.ports import AudioSource, Frame, Pcm, SourceError, VideoSource

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

    def __init__(self, name: str, owner: QObject | None = None) -> None:
        super().__init__()
        self.name = name
        self.owner = owner
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

    def owner_gone(self) -> bool:
        """True when the widget the callbacks belong to has been deleted (they are then not called)."""
        return self.owner is not None and not shiboken6.isValid(self.owner)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        self.done = True
        _RUNNING.discard(self)
        if self.owner_gone():
            log.debug("Background task %s finished after its window closed", self.name)
        elif self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        self.done = True
        _RUNNING.discard(self)
        if self.owner_gone():
            log.info("Background task %s failed after its window closed: %s", self.name, error)
        elif self._on_failure is not None:
            assert isinstance(error, BaseException)
            self._on_failure(error)
        else:
            log.error("Background task %s failed", self.name, exc_info=error)  # type: ignore[arg-type]

    @Slot(float)
    def _deliver_progress(self, fraction: float) -> None:
        if self._on_progress is not None and not self.done and not self.owner_gone():
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
    owner: QObject | None = None,
) -> Task:
    """Run ``fn(progress)`` on a worker thread; callbacks run on the UI thread.

    Must be called on the UI thread. ``fn`` receives a thread-safe ``progress(fraction)`` function and may
    check ``task.cancel`` (a :class:`threading.Event`) if it was passed along. With ``owner`` (the widget
    the callbacks update), the callbacks are skipped when that widget was deleted before the work ended.
    """
    task = Task(name, owner)
    task._on_success = on_success
    task._on_failure = on_failure
    task._on_progress = on_progress
    _RUNNING.add(task)
    pool().start(_Runner(task, fn))
    return task


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every background task finished (for shutdown and tests). True when all did."""
    return pool().waitForDone(timeout_ms)


class SourcePump:
    """Opens a video and an audio source on their own threads and hands what they yield to callbacks.

    Used for previews outside recording (the device check, the prompt before recording). Opening happens
    on the pump threads too, because opening a camera can take a moment. Callbacks run on the pump threads:
    they must only store values (e.g. :meth:`ui.widgets.preview.VideoPreview.offer`), never touch widgets.
    Errors are kept in :attr:`video_error` / :attr:`audio_error` (plain English) for the UI to poll, the
    exceptions themselves in :attr:`video_failure` / :attr:`audio_failure` (set first; their message codes
    let the UI translate them, see :mod:`ui.pages.core_messages`).

    Args:
        open_video: returns an opened VideoSource (may raise SourceError), or None for no video.
        open_audio: returns an opened AudioSource (may raise SourceError), or None for no audio.
        on_frame: called with each frame.
        on_pcm: called with each PCM block.
    """

    def __init__(
        self,
        open_video: Callable[[], VideoSource] | None,
        open_audio: Callable[[], AudioSource] | None,
        on_frame: Callable[[Frame], None],
        on_pcm: Callable[[Pcm], None],
    ) -> None:
        self.video_error: str | None = None
        self.audio_error: str | None = None
        self.video_failure: BaseException | None = None
        self.audio_failure: BaseException | None = None
        self.video_running = False
        self.audio_running = False
        #: True once the source opened (an error after that is "in use" or "stopped", not "not found")
        self.video_opened = False
        self.audio_opened = False
        #: frames / blocks delivered so far
        self.video_frames = 0
        self.audio_blocks = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._sources: list[VideoSource | AudioSource] = []
        self._threads: list[threading.Thread] = []
        if open_video is not None:
            self._threads.append(
                threading.Thread(
                    target=self._run_video, args=(open_video, on_frame), name="preview-video", daemon=True
                )
            )
        if open_audio is not None:
            self._threads.append(
                threading.Thread(
                    target=self._run_audio, args=(open_audio, on_pcm), name="preview-audio", daemon=True
                )
            )
        for thread in self._threads:
            thread.start()

    def _keep(self, source: VideoSource | AudioSource) -> bool:
        with self._lock:
            if self._stop.is_set():
                source.close()
                return False
            self._sources.append(source)
            return True

    def _run_video(self, open_video: Callable[[], VideoSource], on_frame: Callable[[Frame], None]) -> None:
        try:
            source = open_video()
            if not self._keep(source):
                return
            self.video_opened = self.video_running = True
            for _t_ns, frame in source.frames():
                if self._stop.is_set():
                    break
                self.video_frames += 1
                on_frame(frame)
        except SourceError as error:
            self.video_failure = error
            self.video_error = str(error)
        except Exception as error:  # a broken driver must not kill the app silently
            log.exception("Video preview failed")
            self.video_failure = error
            self.video_error = str(error) or type(error).__name__
        finally:
            self.video_running = False

    def _run_audio(self, open_audio: Callable[[], AudioSource], on_pcm: Callable[[Pcm], None]) -> None:
        try:
            source = open_audio()
            if not self._keep(source):
                return
            self.audio_opened = self.audio_running = True
            for _t_ns, pcm in source.blocks():
                if self._stop.is_set():
                    break
                self.audio_blocks += 1
                on_pcm(pcm)
        except SourceError as error:
            self.audio_failure = error
            self.audio_error = str(error)
        except Exception as error:
            log.exception("Audio preview failed")
            self.audio_failure = error
            self.audio_error = str(error) or type(error).__name__
        finally:
            self.audio_running = False

    def stop(self, timeout_s: float = 5.0) -> None:
        """Close the sources and wait for the threads, so the devices are free for the recorder."""
        with self._lock:
            self._stop.set()
            sources, self._sources = self._sources, []
        for source in sources:
            try:
                source.close()
            except Exception:
                log.exception("Closing a preview source failed")
        for thread in self._threads:
            thread.join(timeout_s)
