"""The one take pipeline, record → finish → check: used by the app, ``voicebooth record``, the demo, benches.

:func:`finish_and_check` turns a stopped take into its deliverable and checks it (the app calls it after
Stop, and again for a trim); :func:`record_take` records a whole take headless from open sources, stops it
after a duration (or when asked) and finishes it the same way. :func:`read_finished` rebuilds the result
from a take folder's files (a kept answer shown again, a session continued after a crash).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recorder.ports import AudioSource, Clock, VideoSource
from recorder.takes.check import TakeCheck, check_take
from recorder.takes.deliverable import Deliverable, finish_take
from recorder.takes.encoder import EncoderSettings
from recorder.takes.session import RecordingState, TakeRecorder

#: Extra time after the requested duration before giving up waiting for a take to end by itself.
GRACE_S = 30.0


@dataclass(frozen=True)
class FinishedTake:
    """A take ready to check, watch and keep.

    Attributes:
        deliverable, check: the full results when this run made them (None when read back from disk).
    """

    take_dir: Path
    mp4_path: Path
    poster_path: Path | None
    duration_s: float
    problems: tuple[str, ...] = ()
    deliverable: Deliverable | None = field(default=None, compare=False, repr=False)
    check: TakeCheck | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RecordedTake:
    """What :func:`record_take` did: the journal's figures, why it stopped, the finished take (or why not).

    Attributes:
        finished: None when the take could not be finished (``error`` says why; it stays on disk for
            ``voicebooth recover``).
    """

    take_dir: Path
    journal: dict[str, Any]
    stop_reason: str | None
    finished: FinishedTake | None
    error: str | None
    timings_s: dict[str, float]


def finish_and_check(
    take_dir: Path,
    *,
    progress: Callable[[float], None] | None = None,
    trim: tuple[float, float] | None = None,
    timings_s: dict[str, float] | None = None,
    cancel: threading.Event | None = None,
) -> FinishedTake:
    """Make a stopped take's deliverable (cut to ``trim`` = (from_s, until_s) if given), then check it.

    Long (ffmpeg): call it off the UI thread. Setting ``cancel`` stops ffmpeg; the take is left as it was.

    Raises:
        FinishError: the deliverable could not be made (plain English, with a message code).
        CancelledError: ``cancel`` was set.
    """
    started = time.perf_counter()
    deliverable = finish_take(take_dir, progress=progress, trim=trim, cancel=cancel)
    checked_at = time.perf_counter()
    check = check_take(take_dir)
    if timings_s is not None:
        timings_s["finish"] = checked_at - started
        timings_s["check"] = time.perf_counter() - checked_at
    return FinishedTake(
        take_dir=take_dir,
        mp4_path=Path(deliverable.mp4_path),
        poster_path=Path(deliverable.poster_path),
        duration_s=float(deliverable.duration_s),
        problems=tuple(check.problems),
        deliverable=deliverable,
        check=check,
    )


def read_finished(take_dir: Path) -> FinishedTake:
    """Rebuild a :class:`FinishedTake` from the files in a finished take folder (CONTRACTS.md section 1)."""
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
        problems=tuple(str(p) for p in check.get("problems", [])),
    )


def record_take(
    folder: Path,
    video: VideoSource,
    audio: AudioSource,
    *,
    clock: Clock,
    duration_s: float,
    size: tuple[int, int] = (1280, 720),
    prompt_id: str | None = None,
    stop: threading.Event | None = None,
    finish: bool = True,
    encoder: EncoderSettings | None = None,
    while_recording: Callable[[TakeRecorder], None] | None = None,
    poll_s: float = 0.05,
) -> RecordedTake:
    """Record one take into the submission ``folder`` for ``duration_s`` (or until ``stop`` is set), then
    finish and check it. The sources are handed to the recorder (it closes them).

    Args:
        finish: False to stop after recording (the take stays as the recorder left it; benchmarks).
        encoder: x264 settings of the live encode (default: the recorder's; benchmarks compare others).
        while_recording: called with the recorder every ``poll_s`` while it records (benchmarks sample
            CPU and memory).

    Raises:
        RecordingError: the take could not start (nothing was recorded).
    """
    from recorder.takes.deliverable import FinishError

    timings: dict[str, float] = {}
    recorder = TakeRecorder(
        folder,
        video,
        audio,
        clock=clock,
        prompt_id=prompt_id,
        size=size,
        max_duration_s=duration_s,
        encoder=encoder,
    )
    t = time.perf_counter()
    recorder.start()  # runs the preflight checks first
    timings["start"] = time.perf_counter() - t
    t = time.perf_counter()
    deadline = time.monotonic() + duration_s + GRACE_S
    while recorder.status.state is RecordingState.RECORDING and not (stop is not None and stop.is_set()):
        if time.monotonic() > deadline:
            break
        if while_recording is not None:
            while_recording(recorder)
        time.sleep(poll_s)
    timings["record"] = time.perf_counter() - t
    t = time.perf_counter()
    result = recorder.stop()
    timings["stop"] = time.perf_counter() - t
    error = result.journal.get("error")
    finished = None
    if error is None and finish:
        try:
            finished = finish_and_check(result.take_dir, timings_s=timings)
        except FinishError as exc:
            error = str(exc)
    return RecordedTake(result.take_dir, result.journal, result.stop_reason, finished, error, timings)
