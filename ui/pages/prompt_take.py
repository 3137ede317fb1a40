"""Drives one take for the prompt page: open sources, record, stop, check and finish, all off the UI thread.

The page owns one :class:`TakeController`. Every long call (opening devices, ``TakeRecorder.start/stop``,
``check_take``, ``finish_take``) runs through :func:`ui.workers.run_in_background`; results come back to the
UI thread as callbacks. Nothing here touches widgets except through the callbacks the page passes in.
The submission folder the takes go into is :mod:`ui.pages.prompt_submission`'s.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from recorder.ports import Frame
from recorder.takes.check import check_take
from recorder.takes.deliverable import finish_take
from recorder.takes.session import TakeRecorder
from recorder.takes.status import RecordingState
from ui.pages.base import PageContext
from ui.pages.core_messages import error_text
from ui.pages.prompt_sources import chosen_uri, open_audio, open_video, shared_clock
from ui.pages.prompt_submission import submission_dir
from ui.workers import ProgressFn, run_in_background

log = logging.getLogger(__name__)

__all__ = [
    "FinishedTake",
    "TakeController",
    "make_deliverable",
    "read_finished",
]


@dataclass
class FinishedTake:
    """A take ready to check, watch and keep."""

    take_dir: Path
    mp4_path: Path
    poster_path: Path | None
    duration_s: float
    problems: list[str] = field(default_factory=list)


def read_finished(take_dir: Path) -> FinishedTake:
    """Rebuild a :class:`FinishedTake` from the files in a take folder (CONTRACTS.md section 1)."""
    check: dict[str, Any] = {}
    check_path = take_dir / "check.json"
    if check_path.exists():
        check = json.loads(check_path.read_text(encoding="utf-8"))
    poster = take_dir / "poster.jpg"
    return FinishedTake(
        take_dir=take_dir,
        mp4_path=take_dir / "deliverable.mp4",
        poster_path=poster if poster.exists() else None,
        duration_s=float(check.get("duration_s", 0.0)),
        problems=[str(p) for p in check.get("problems", [])],
    )


def make_deliverable(
    take_dir: Path, progress: ProgressFn, trim: tuple[float, float] | None = None
) -> FinishedTake:
    """Make a stopped take's deliverable (cut to ``trim`` = (from_s, until_s) if given) and check it.

    Long (ffmpeg): runs on a worker thread.
    """
    deliverable = finish_take(take_dir, progress=progress, trim=trim)
    check = check_take(take_dir)
    return FinishedTake(
        take_dir=take_dir,
        mp4_path=Path(deliverable.mp4_path),
        poster_path=Path(deliverable.poster_path),
        duration_s=float(deliverable.duration_s),
        problems=list(check.problems),
    )


class TakeController:
    """One take at a time: :meth:`start`, then :meth:`stop_and_finish`; :meth:`discard` throws it away.

    Failures reach the page's ``on_failed`` callbacks in the app's language (:func:`error_text`).
    """

    def __init__(self, ctx: PageContext, owner: QObject | None = None) -> None:
        self.ctx = ctx
        self.owner = owner
        self.recorder: TakeRecorder | None = None
        self.finishing = False

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
        ctx = self.ctx
        folder = submission_dir(ctx)
        video_uri, audio_uri = chosen_uri(ctx, "video_uri"), chosen_uri(ctx, "audio_uri")

        def work(_progress: ProgressFn) -> TakeRecorder:
            video = open_video(ctx, video_uri)
            try:
                audio = open_audio(ctx, audio_uri)
            except BaseException:
                video.close()
                raise
            recorder = TakeRecorder(
                folder,
                video,
                audio,
                clock=shared_clock(ctx),
                prompt_id=prompt_id,
                size=ctx.config.video_size,
                max_duration_s=max_duration_s,
                on_preview=on_preview,
                on_audio_level=on_level,
            )
            recorder.preflight()
            recorder.start()
            return recorder

        def started(recorder: TakeRecorder) -> None:
            self.recorder = recorder
            if self.owner is not None and not shiboken6.isValid(self.owner):
                self.discard()  # the window closed while the devices opened
                return
            on_started()

        def failed(error: BaseException) -> None:
            on_failed(error_text(error))

        run_in_background(work, on_success=started, on_failure=failed, name="start take")

    def stop_and_finish(
        self,
        on_progress: Callable[[float], None],
        on_done: Callable[[FinishedTake], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Stop recording, check the take and make its deliverable, in the background."""
        recorder = self.recorder
        if recorder is None or self.finishing:
            return
        self.finishing = True

        def work(progress: ProgressFn) -> FinishedTake:
            result = recorder.stop()
            return make_deliverable(Path(result.take_dir), progress)

        def done(finished: FinishedTake) -> None:
            self.recorder = None
            self.finishing = False
            on_done(finished)

        def failed(error: BaseException) -> None:
            self.recorder = None
            self.finishing = False
            log.warning("Finishing a take failed: %s", error)
            on_failed(error_text(error))

        run_in_background(
            work,
            on_success=done,
            on_failure=failed,
            on_progress=on_progress,
            name="finish take",
            owner=self.owner,
        )

    def retrim(
        self,
        take_dir: Path,
        trim: tuple[float, float],
        on_progress: Callable[[float], None],
        on_done: Callable[[FinishedTake], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Re-make the deliverable keeping only ``trim`` = (from_s, until_s), in the background."""
        run_in_background(
            lambda progress: make_deliverable(take_dir, progress, trim),
            on_success=on_done,
            on_failure=lambda e: on_failed(error_text(e)),
            on_progress=on_progress,
            name="trim take",
            owner=self.owner,
        )

    def discard(self) -> None:
        """Stop and delete the take being recorded (the person went back), in the background."""
        recorder, self.recorder = self.recorder, None
        self.finishing = False
        if recorder is None:
            return

        def work(_progress: ProgressFn) -> None:
            result = recorder.stop()
            shutil.rmtree(Path(result.take_dir), ignore_errors=True)

        run_in_background(work, on_failure=lambda e: log.warning("Discarding a take failed: %s", e))
