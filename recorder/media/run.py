"""Runs one ffmpeg command with machine-readable progress and cooperative cancellation."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from recorder.media.ffmpeg_binary import ffmpeg_exe

#: How much of ffmpeg's stderr to keep for error messages (the tail is what explains a failure).
_STDERR_TAIL_CHARS = 2000


class FfmpegError(RuntimeError):
    """ffmpeg failed; ``str(error)`` is plain English, ``stderr_tail`` is for logs."""

    def __init__(self, message: str, stderr_tail: str = "") -> None:
        super().__init__(message)
        self.stderr_tail = stderr_tail


class CancelledError(Exception):
    """The caller set the cancel event; ffmpeg was stopped and partial outputs are the caller's to remove."""


@dataclass(frozen=True)
class FfmpegResult:
    """What a finished ffmpeg run printed on stderr (filters such as ebur128 report there)."""

    stderr: str


def run_ffmpeg(
    args: Sequence[str],
    *,
    duration_s: float | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    what: str = "process the recording",
) -> FfmpegResult:
    """Runs ``ffmpeg -nostdin -hide_banner -progress pipe:1 ARGS``, reporting progress in 0..1.

    Args:
        args: Arguments after the global options (inputs, filters, outputs).
        duration_s: Length of the output, used to turn ``out_time_us`` into a fraction.
        progress: Called with a fraction 0..1 as ffmpeg advances (from this thread).
        cancel: When set, ffmpeg is killed and :class:`CancelledError` is raised.
        what: Plain-English description of the job for error messages.

    Returns:
        The run's stderr.

    Raises:
        CancelledError: ``cancel`` was set before ffmpeg finished.
        FfmpegError: ffmpeg could not be started or exited with an error.
    """
    cmd = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-nostats", "-progress", "pipe:1", *args]
    try:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
        )
    except OSError as exc:
        raise FfmpegError(f"Could not {what}: the video tool could not be started.", str(exc)) from exc
    stderr_chunks: list[str] = []
    # stderr is drained on a thread so a chatty filter can never fill the pipe and stall ffmpeg.
    drain = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read() if proc.stderr else ""))
    drain.start()
    watcher: threading.Thread | None = None
    stop_watch = threading.Event()
    if cancel is not None:
        watcher = threading.Thread(target=_kill_on_cancel, args=(proc, cancel, stop_watch), daemon=True)
        watcher.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if progress is None or not duration_s or not line.startswith("out_time_us="):
                continue
            value = line.split("=", 1)[1].strip()
            if value.lstrip("-").isdigit():
                progress(min(1.0, max(0.0, int(value) / 1e6 / duration_s)))
        returncode = proc.wait()
    finally:
        stop_watch.set()
        if watcher is not None:
            watcher.join()
        drain.join()
    stderr = "".join(stderr_chunks)
    if cancel is not None and cancel.is_set():
        raise CancelledError
    if returncode != 0:
        raise FfmpegError(
            f"Could not {what}: the video tool reported an error.", stderr[-_STDERR_TAIL_CHARS:]
        )
    if progress is not None:
        progress(1.0)
    return FfmpegResult(stderr=stderr)


#: How often the watcher looks at the cancel event (the longest a cancelled ffmpeg runs on).
_CANCEL_POLL_S = 0.05


def _kill_on_cancel(proc: subprocess.Popen[str], cancel: threading.Event, stop: threading.Event) -> None:
    """Kills ``proc`` soon after ``cancel`` is set, until ``stop`` says the run is over.

    It sleeps on ``stop`` (set by the run as soon as ffmpeg exits) and looks at ``cancel`` in between, so
    the run ends the moment ffmpeg does; sleeping on ``cancel`` instead kept every finished run waiting up
    to a poll period for its watcher (about 25 ms of each of a finish's several ffmpeg runs).
    """
    while not cancel.is_set():
        if stop.wait(_CANCEL_POLL_S):
            return
    proc.kill()
