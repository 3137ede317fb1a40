"""The take's video writer: a small frame queue, the constant-frame-rate timeline and the live encoder.

The capture thread only :meth:`FrameWriter.offer`\\ s frames (a full queue drops the frame and counts it,
never blocks the camera); the writer thread :meth:`FrameWriter.run`\\ s the loop that places each frame on
the 30 fps timeline (duplicating when the camera is late, dropping when early), feeds ffmpeg, and returns
when capture has ended (:meth:`FrameWriter.end`).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from recorder.ports import Frame
from recorder.takes.encoder import EncoderError, LiveEncoder
from recorder.takes.timeline import CfrTimeline

log = logging.getLogger(__name__)

#: Frames waiting for the writer: ffmpeg sometimes takes a frame up to ~160 ms late; 0.5 s absorbs that.
QUEUE_S = 0.5


@dataclass(frozen=True)
class FrameCounts:
    """Frames on the timeline so far: written, duplicated (camera late), dropped (early or queue full)."""

    written: int = 0
    duplicated: int = 0
    dropped: int = 0


class FrameWriter:
    """Frames from the capture thread to ffmpeg on the writer thread. Thread-safe.

    Args:
        fps: the constant frame rate of the recording.
        max_duration_s: the timeline is full after this long (None: no limit).
    """

    def __init__(self, fps: int, max_duration_s: float | None) -> None:
        self._fps = fps
        self._max_frames = None if max_duration_s is None else max(1, round(max_duration_s * fps))
        self._lock = threading.Lock()
        self._frames: queue.Queue[tuple[int, Frame] | None] = queue.Queue(
            maxsize=max(4, round(QUEUE_S * fps))
        )
        self._timeline: CfrTimeline | None = None
        self._queue_dropped = 0
        self._delay_sum_ns = 0
        self._delay_count = 0

    def start_media_time(self, t0_ns: int) -> None:
        """Media time 0 is the first frame's capture time."""
        with self._lock:
            self._timeline = CfrTimeline(self._fps, t0_ns, self._max_frames)

    def offer(self, t_ns: int, frame: Frame) -> None:
        """Queue a captured frame without waiting (capture thread); a full queue drops it, counted."""
        try:
            self._frames.put_nowait((t_ns, frame))
        except queue.Full:
            with self._lock:
                self._queue_dropped += 1

    def end(self) -> None:
        """Capture has ended: :meth:`run` returns after the frames already queued."""
        self._frames.put(None)

    def counts(self) -> FrameCounts:
        with self._lock:
            timeline = self._timeline
            if timeline is None:
                return FrameCounts(dropped=self._queue_dropped)
            return FrameCounts(
                timeline.frames_written,
                timeline.frames_duplicated,
                timeline.frames_dropped + self._queue_dropped,
            )

    def video_delay_ms(self) -> float | None:
        """Mean delay of the written frames behind their timeline slots (None before the first one)."""
        if self._delay_count == 0:
            return None
        return self._delay_sum_ns / self._delay_count / 1e6

    def run(
        self,
        encoder: LiveEncoder,
        *,
        on_encoder_failed: Callable[[EncoderError], None],
        on_time_limit: Callable[[], None],
        on_idle: Callable[[], None],
    ) -> None:
        """The writer loop (writer thread); returns once :meth:`end` was called and the queue is empty.

        Args:
            encoder: the live encoder (closed by the caller afterwards).
            on_encoder_failed: ffmpeg stopped taking frames; later frames are discarded.
            on_time_limit: the timeline is full; later frames are discarded.
            on_idle: called after each frame and at least every 0.25 s (journal updates).
        """
        live: LiveEncoder | None = encoder
        previous: Frame | None = None
        while True:
            try:
                item = self._frames.get(timeout=0.25)
            except queue.Empty:
                on_idle()
                continue
            if item is None:
                return
            t_ns, frame = item
            timeline = self._timeline
            if timeline is None or timeline.full or live is None:
                continue  # after the time limit or a failed encoder: capture is being stopped
            with self._lock:
                placement = timeline.place(t_ns)
            try:
                for _ in range(placement.repeat_previous):
                    assert previous is not None
                    live.write(previous)
                if placement.write:
                    live.write(frame)
                    previous = frame
                    self._delay_sum_ns -= placement.offset_ns
                    self._delay_count += 1
            except EncoderError as exc:
                log.info("Live encoder stopped: %s %s", exc, exc.detail)
                on_encoder_failed(exc)
                live = None
            if timeline.full:
                on_time_limit()
            on_idle()
