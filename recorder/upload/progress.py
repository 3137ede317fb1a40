"""Progress snapshots for the UI: bytes sent, smoothed rate and time left (signal-free, any thread)."""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


class Stage(enum.StrEnum):
    """How far a send is: bytes going out, the server checking the whole submission, or done."""

    UPLOADING = "uploading"
    CONFIRMING = "confirming"
    DONE = "done"


@dataclass(frozen=True)
class TransferProgress:
    """A frozen snapshot.

    Attributes:
        submission_id: which submission is being sent.
        bytes_sent: bytes the server has (plus the part of the current chunk on the wire).
        bytes_total: bytes of every file of the submission.
        rate_bytes_s: smoothed sending rate (0 until measured).
        eta_s: estimated seconds left (None until a rate is known).
        stage: how far the send is.
    """

    submission_id: str
    bytes_sent: int
    bytes_total: int
    rate_bytes_s: float
    eta_s: float | None
    stage: Stage = Stage.UPLOADING


class ProgressMeter:
    """Turns byte counts into snapshots, calling ``report`` at most every ``interval_s``.

    Args:
        submission_id: the submission.
        bytes_total: its size.
        report: receives snapshots (from the uploading thread).
        clock: monotonic seconds (a fake in tests).
        half_life_s: smoothing of the rate.
    """

    def __init__(
        self,
        submission_id: str,
        bytes_total: int,
        report: Callable[[TransferProgress], None] | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        interval_s: float = 0.2,
        half_life_s: float = 2.0,
    ) -> None:
        self.submission_id = submission_id
        self.bytes_total = bytes_total
        self._report = report
        self._clock = clock
        self._interval_s = interval_s
        self._half_life_s = half_life_s
        self._lock = threading.Lock()
        self._confirmed = 0
        self._in_flight = 0
        self._rate = 0.0
        self._last_t = clock()
        self._last_bytes = 0
        self._last_report_t = float("-inf")

    @property
    def bytes_sent(self) -> int:
        return min(self.bytes_total, self._confirmed + self._in_flight)

    def set_confirmed(self, confirmed_bytes: int) -> None:
        """The server has ``confirmed_bytes`` of the whole submission (resets in-flight bytes)."""
        with self._lock:
            self._confirmed = confirmed_bytes
            self._in_flight = 0
        self._tick(force=True)

    def add_sent(self, size_bytes: int) -> None:
        """``size_bytes`` more went onto the network (not yet confirmed)."""
        with self._lock:
            self._in_flight += size_bytes
        self._tick()

    def finish(self, stage: Stage) -> None:
        """Report a snapshot with ``stage`` (confirming, done)."""
        self._emit(stage)

    def snapshot(self, stage: Stage = Stage.UPLOADING) -> TransferProgress:
        sent = self.bytes_sent
        rate = self._rate
        eta = (self.bytes_total - sent) / rate if rate > 0 else None
        return TransferProgress(self.submission_id, sent, self.bytes_total, rate, eta, stage)

    def _tick(self, *, force: bool = False) -> None:
        now = self._clock()
        with self._lock:
            dt = now - self._last_t
            sent = self.bytes_sent
            if dt >= 0.05:
                instant = max(0, sent - self._last_bytes) / dt
                weight = 0.5 ** (dt / self._half_life_s)
                self._rate = instant if self._rate == 0 else weight * self._rate + (1 - weight) * instant
                self._last_t, self._last_bytes = now, sent
            elif sent < self._last_bytes:
                self._last_bytes = sent
            due = force or now - self._last_report_t >= self._interval_s
            if due:
                self._last_report_t = now
        if due:
            self._emit(Stage.UPLOADING)

    def _emit(self, stage: Stage) -> None:
        if self._report is not None:
            self._report(self.snapshot(stage))
