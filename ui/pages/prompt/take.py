"""Drives one take for the prompt page: open sources, record, stop, finish and check, all off the UI thread.

The page owns one :class:`TakeController`. Every long call (opening devices, ``TakeRecorder.start/stop``,
the take pipeline's :func:`recorder.takes.pipeline.finish_and_check`) runs through the task manager
(:mod:`ui.tasks`) with the page as owner; results come back to the UI thread as callbacks, and not at all
once the page is gone. The folder the takes go into is the :class:`recorder.flow.SubmissionSession`'s.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from recorder.media.run import CancelledError
from recorder.messages import MessageCode, code_of
from recorder.ports import Frame
from recorder.takes.folder import remove_take
from recorder.takes.pipeline import FinishedTake, finish_and_check
from recorder.takes.session import TakeRecorder
from recorder.takes.status import RecordingState
from ui.core_messages import error_text
from ui.pages.base import PageContext
from ui.tasks import Job, Task, tasks

log = logging.getLogger(__name__)


class TakeController:
    """One take at a time: :meth:`start`, then :meth:`stop_and_finish`; :meth:`discard` throws it away.

    Failures reach the page's ``on_failed`` callbacks in the app's language (:func:`error_text`), except a
    failed finish, which hands over the take and the error itself.
    """

    def __init__(self, ctx: PageContext, owner: QObject) -> None:
        self.ctx = ctx
        self.owner = owner
        self.recorder: TakeRecorder | None = None
        self.finishing = False
        self._finishing: Task | None = None
        #: set when the page is left while a take is finishing: the take is deleted, not finished
        self._abandoned = threading.Event()

    @property
    def recording(self) -> bool:
        """True from the moment the recorder runs until Stop hands it over to finishing."""
        return self.recorder is not None and not self.finishing

    def elapsed_s(self) -> float:
        """Seconds recorded so far (0 before the recorder runs)."""
        if self.recorder is None:
            return 0.0
        return float(self.recorder.status.elapsed_s)

    def stopped_by_itself(self) -> bool:
        """True when the recorder stopped on its own (time limit reached, or a device failed)."""
        if self.recorder is None or self.finishing:
            return False
        return self.recorder.status.state is not RecordingState.RECORDING

    def start(
        self,
        prompt_id: str,
        max_duration_s: float,
        on_preview: Callable[[Frame], None],
        on_level: Callable[[float], None],
        on_started: Callable[[], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Open the chosen devices and start recording, in the background."""
        services = self.ctx.services
        folder = self.ctx.session.ensure_folder()
        video_uri, audio_uri = services.settings.uri("video_uri"), services.settings.uri("audio_uri")

        def work(_job: Job) -> TakeRecorder:
            video = services.open_video(video_uri)
            try:
                audio = services.open_audio(audio_uri)
            except BaseException:
                video.close()
                raise
            recorder = TakeRecorder(
                folder,
                video,
                audio,
                clock=services.clock,
                prompt_id=prompt_id,
                size=services.settings.video_size,
                max_duration_s=max_duration_s,
                on_preview=on_preview,
                on_audio_level=on_level,
            )
            recorder.preflight()
            recorder.start()
            return recorder

        def started(recorder: TakeRecorder) -> None:
            self.recorder = recorder
            self.ctx.session.recording_started(recorder.take_dir)
            on_started()

        def failed(error: BaseException) -> None:
            on_failed(error_text(error))

        task = tasks().run(work, owner=self.owner, on_success=started, on_failure=failed, name="start take")
        # The page closed while the devices opened: the recorder is stopped and its take deleted.
        task.on_orphan = lambda recorder: self._throw_away(recorder)

    def stop_and_finish(
        self,
        on_progress: Callable[[float], None],
        on_done: Callable[[FinishedTake], None],
        on_failed: Callable[[Path, BaseException], None],
    ) -> None:
        """Stop recording, check the take and make its deliverable, in the background.

        ``on_failed`` gets the take's folder and the error (a message code says whether it recorded nothing).
        """
        recorder = self.recorder
        if recorder is None or self.finishing:
            return
        self.finishing = True
        abandoned = self._abandoned = threading.Event()

        def work(job: Job) -> FinishedTake:
            take_dir = Path(recorder.stop().take_dir)
            try:
                if abandoned.is_set():
                    raise CancelledError("the take was given up while it was finishing")
                return finish_and_check(take_dir, progress=job.progress, cancel=job.cancel)
            except CancelledError:
                if abandoned.is_set():  # only now is nothing writing into it any more
                    remove_take(take_dir)
                raise

        def done(finished: FinishedTake) -> None:
            if not abandoned.is_set():  # (an abandoned take's controller may be recording the next one)
                self.recorder, self.finishing, self._finishing = None, False, None
            on_done(finished)  # finished after all: the session deletes it unless it is still wanted

        def failed(error: BaseException) -> None:
            if abandoned.is_set():
                log.info("Finishing a take given up: %s", error)
                return
            self.recorder, self.finishing, self._finishing = None, False, None
            nothing = code_of(error) is MessageCode.TAKE_NO_VIDEO  # stopped before the first picture
            (log.info if nothing else log.warning)("Finishing a take failed: %s", error)
            on_failed(recorder.take_dir, error)

        self._finishing = tasks().run(
            work,
            owner=self.owner,
            on_success=done,
            on_failure=failed,
            on_progress=on_progress,
            name="finish take",
        )

    def abandon(self) -> None:
        """The page is left while a take is finishing (the person agreed to lose it): stop finishing; the
        take is deleted in the background once ffmpeg has stopped writing into it."""
        if self._finishing is not None:
            self._abandoned.set()
            self._finishing.cancel()
        self.recorder, self.finishing, self._finishing = None, False, None

    def retrim(
        self,
        take_dir: Path,
        trim: tuple[float, float],
        on_progress: Callable[[float], None],
        on_done: Callable[[FinishedTake], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Re-make the deliverable keeping only ``trim`` = (from_s, until_s), in the background."""
        tasks().run(
            lambda job: finish_and_check(take_dir, progress=job.progress, trim=trim),
            owner=self.owner,
            on_success=on_done,
            on_failure=lambda e: on_failed(error_text(e)),
            on_progress=on_progress,
            name="trim take",
        )

    def discard(self) -> None:
        """Stop and delete the take being recorded (the person went back), in the background."""
        recorder, self.recorder = self.recorder, None
        self.finishing = False
        if recorder is not None:
            self._throw_away(recorder)

    def _throw_away(self, recorder: TakeRecorder) -> None:
        session = self.ctx.session
        tasks().run(
            lambda _job: recorder.stop().take_dir,
            owner=session,
            on_success=lambda take_dir: session.discard_recording(Path(take_dir)),
            on_failure=lambda e: log.warning("Discarding a take failed: %s", e),
            name="discard take",
        )
