"""``voicebooth record``: record one take headless, finish its deliverable, print one JSON summary line.

Example::

    voicebooth record --video synthetic: --audio synthetic: --duration 5 --out ./submission

Plain-English errors go to stderr with exit code 2 (bad input, device or folder problems: nothing is
recorded) or 1 (the take was recorded but could not be finished; it stays on disk for ``voicebooth
recover``). Ctrl+C or SIGTERM stops the take early and still finishes it.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from recorder.cli import settings_of
from recorder.config import ConfigError
from recorder.ports import SourceError
from recorder.takes.pipeline import RecordedTake, record_take
from recorder.takes.preflight import RecordingError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``voicebooth record``."""
    parser.description = "Record one take and finish its deliverable; prints one JSON object."
    parser.add_argument("--video", help="camera URI: camera:N, file:PATH or synthetic: (default: settings)")
    parser.add_argument("--audio", help="microphone URI: mic:default, mic:NAME, file:PATH or synthetic:")
    parser.add_argument("--duration", type=float, required=True, help="length of the take in seconds")
    parser.add_argument("--out", type=Path, required=True, help="submission folder (created if absent)")
    parser.add_argument("--size", help="video size WIDTHxHEIGHT, e.g. 1280x720 (default: settings)")
    parser.add_argument("--prompt", help="id of the prompt this take answers")


def run(args: argparse.Namespace) -> int:
    """Records, finishes and prints the summary; returns the exit code."""
    if not args.duration or args.duration <= 0:
        return _fail("--duration must be a positive number of seconds.")
    try:
        config = settings_of(args)(
            {"video_uri": args.video, "audio_uri": args.audio, "video_size": args.size}
        )
    except ConfigError as exc:
        return _fail(str(exc))
    from recorder.devices import MonotonicClock, open_audio_source, open_video_source
    from recorder.media.ffmpeg_binary import configure

    configure(config.text("ffmpeg"))  # the live encode, finishing and checks all use the same binary

    started = time.perf_counter()
    clock = MonotonicClock()
    size = config.video_size
    try:
        video = open_video_source(config.text("video_uri"), clock, size=size)
    except SourceError as exc:
        return _fail(f"The camera could not be opened: {exc}")
    try:
        audio = open_audio_source(config.text("audio_uri"), clock)
    except SourceError as exc:
        video.close()
        return _fail(f"The microphone could not be opened: {exc}")
    opened_s = time.perf_counter() - started

    interrupted = threading.Event()
    previous = _on_signals(interrupted.set)
    try:
        recorded = record_take(
            args.out, video, audio, clock=clock, duration_s=args.duration, size=size,
            prompt_id=args.prompt, stop=interrupted,
        )  # fmt: skip
    except RecordingError as exc:
        return _fail(str(exc))
    finally:
        _restore_signals(previous)
    summary = summary_of(recorded)
    timings = {"open_sources": opened_s, **recorded.timings_s, "total": time.perf_counter() - started}
    summary["timings_s"] = {k: round(v, 3) for k, v in timings.items()}
    print(json.dumps(summary, sort_keys=True), flush=True)
    return 0 if summary.get("error") is None else 1


def summary_of(recorded: RecordedTake) -> dict[str, Any]:
    """The JSON summary of a recorded take (``error`` set when it could not be finished)."""
    journal = recorded.journal
    summary: dict[str, Any] = {
        "take_id": recorded.take_dir.name,
        "take_dir": str(recorded.take_dir),
        "stop_reason": recorded.stop_reason,
        "frames_written": journal.get("frames_written", 0),
        "frames_duplicated": journal.get("frames_duplicated", 0),
        "frames_dropped": journal.get("frames_dropped", 0),
        "audio_samples_written": journal.get("audio_samples_written", 0),
        "av_offset_ms": journal.get("av_offset_ms"),
        "error": recorded.error,
    }
    finished = recorded.finished
    if finished is None or finished.deliverable is None or finished.check is None:
        return summary
    deliverable, check = finished.deliverable, finished.check
    summary.update(
        deliverable=str(deliverable.mp4_path),
        mp4_path=str(deliverable.mp4_path),
        poster=str(deliverable.poster_path),
        duration_s=round(deliverable.duration_s, 3),
        size_bytes=deliverable.size_bytes,
        sha256=deliverable.sha256,
        loudness_lufs=deliverable.loudness_lufs,
        true_peak_dbtp=deliverable.true_peak_dbtp,
        finish_steps_s=deliverable.timings_s,
        problems=check.problems,
        audio_silent=check.audio_silent,
    )
    return summary


def _on_signals(handler: Any) -> dict[int, Any]:
    """Routes SIGINT/SIGTERM to ``handler`` (main thread only); returns the previous handlers."""
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, lambda _s, _f: handler())
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    for sig, old in previous.items():
        signal.signal(sig, old)


def _fail(message: str) -> int:
    print(f"voicebooth record: {message}", file=sys.stderr, flush=True)
    return 2
