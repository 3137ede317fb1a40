"""What the random journeys need besides the window: the server behind a closable port, watching, figures.

:class:`Watch` collects, between two steps of a journey, every warning our loggers wrote, every Qt warning
and every exception raised in a callback (Qt prints those and carries on, so without it they pass
unseen); :meth:`Watch.problems` hands back what is not allowed and forgets the rest. :func:`server_takes`
reads what the intake server holds for a submission from its own database and media folder;
:func:`threads_left` names threads that outlived the app. :class:`Intake` is the server as the journeys
reach it; :class:`Run` counts steps and time for the summary printed at the end.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QtMsgType

from tests.helpers.qt import IGNORED_QT_MESSAGES, OUR_LOGGERS
from tests.helpers.server import IntakeServer
from tests.helpers.tcp_proxy import TcpProxy

#: Qt and log lines of this machine (no GPU, no sound card), not defects of ours.
PLATFORM_NOISE = (
    re.compile(r"No RHI backend|No audio device detected"),
    re.compile(r"Could not open media\. FFmpeg error description: Immediate exit requested"),
    # The offscreen platform removes a closed window's native surfaces; a repaint of the player's video
    # surface already queued reaches it when the event loop next runs (here while the test waits for the
    # closed app's background work) and Qt says so. Nothing is drawn, nothing of ours is wrong.
    re.compile(r"QBackingStore::flush\(\) called for +QVideoWindow\(0x[0-9a-f]+\) +which does not have a"),
)

#: The same, for the end-of-test check of ``strict_logs`` (journeys check step by step with :class:`Watch`).
JOURNEY_NOISE = "No RHI backend|No audio device detected|Immediate exit requested|QBackingStore::flush"


class Watch:
    """Collects log warnings, Qt warnings and callback exceptions; install once per journey.

    Args:
        qtlog: pytest-qt's ``qtlog`` fixture (its records grow through the whole test).
    """

    def __init__(self, qtlog: object) -> None:
        self._qtlog = qtlog
        self._qt_seen = len(getattr(qtlog, "records", []))
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._handler = _Collect(self._add)
        self._previous_hook = sys.excepthook

    def __enter__(self) -> Watch:
        logging.getLogger().addHandler(self._handler)
        sys.excepthook = self._hook
        return self

    def __exit__(self, *_exc: object) -> None:
        logging.getLogger().removeHandler(self._handler)
        sys.excepthook = self._previous_hook

    def _add(self, line: str) -> None:
        with self._lock:
            self._lines.append(line)

    def _hook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        self._add(f"exception {kind.__name__}: {value}")
        self._previous_hook(kind, value, tb)

    def take(self) -> list[str]:
        """Everything seen since the last call."""
        records = list(getattr(self._qtlog, "records", []))
        bad = {QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg}
        qt = [f"Qt {r.type.name}: {r.message}" for r in records[self._qt_seen :] if r.type in bad]
        self._qt_seen = len(records)
        with self._lock:
            lines, self._lines = self._lines, []
        return qt + lines

    def problems(self, allowed: Iterable[re.Pattern[str]] = ()) -> list[str]:
        """What was seen since the last call that neither the platform nor ``allowed`` explains."""
        patterns = (*IGNORED_QT_MESSAGES, *PLATFORM_NOISE, *allowed)
        return [line for line in self.take() if not any(p.search(line) for p in patterns)]


class _Collect(logging.Handler):
    def __init__(self, add: object) -> None:
        super().__init__(logging.WARNING)
        self._add_line = add

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in OUR_LOGGERS:
            self._add_line(f"log {record.levelname} {record.name}: {record.getMessage()}")  # type: ignore[operator]


def threads_left(
    before: set[threading.Thread], ours: tuple[str, ...] = (), timeout_s: float = 10.0
) -> list[str]:
    """Python threads started since ``before`` still running after ``timeout_s``, except foreign (Qt's)
    threads and the test's own (names starting with one of ``ours``)."""
    deadline = time.monotonic() + timeout_s

    def new() -> list[threading.Thread]:
        return [
            t
            for t in set(threading.enumerate()) - before
            if not isinstance(t, threading._DummyThread) and not (ours and t.name.startswith(ours))
        ]

    for thread in new():
        thread.join(max(0.0, deadline - time.monotonic()))
    return sorted(t.name for t in new() if t.is_alive())


@dataclass(frozen=True)
class ServerTake:
    """One take the server holds: the SHA-256 it was told and the SHA-256 of the file it stored."""

    sha256: str
    stored_sha256: str | None


def server_takes(server: IntakeServer, submission_id: str) -> tuple[str | None, list[ServerTake]]:
    """The submission's status and takes in the server's own database and media folder (read-only)."""
    with sqlite3.connect(f"file:{server.data_dir / 'voicebooth.db'}?mode=ro", uri=True) as db:
        row = db.execute("SELECT status FROM submissions WHERE id = ?", (submission_id,)).fetchone()
        takes = db.execute(
            "SELECT sha256, media_id FROM takes WHERE submission_id = ? ORDER BY position", (submission_id,)
        ).fetchall()
    media = server.data_dir / "media"
    held = []
    for sha256, media_id in takes:
        path = media / f"{media_id}.mp4" if media_id else None
        stored = file_sha256(path) if path is not None and path.is_file() else None
        held.append(ServerTake(str(sha256), stored))
    return (None if row is None else str(row[0])), held


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Intake:
    """The real intake server, reached through a port that can be closed: closed, connecting is refused and
    open connections drop, exactly what the app sees when the server is down (at no cost of restarting it;
    real restarts mid-upload are tests/integration/sending/test_server_restart.py's)."""

    server: IntakeServer
    port: TcpProxy

    @property
    def url(self) -> str:
        return self.port.url

    @property
    def down(self) -> bool:
        return self.port.refusing


@dataclass
class Sent:
    """A submission the person saw arrive (Done), with the SHA-256 of each kept answer at Send."""

    submission_id: str
    kept: dict[str, Path] = field(default_factory=dict)  # sha256 -> local deliverable


@dataclass
class Run:
    """What the journeys of one run share, and its figures, printed at the end.

    Attributes:
        shared: a folder for the whole run (the compiled translations, kept as the app keeps them between
            runs in the user's cache folder).
    """

    shared: Path
    journeys: int = 0
    steps: int = 0
    presses: int = 0
    started_s: float = field(default_factory=time.monotonic)
    rule_s: dict[str, list[float]] = field(default_factory=dict)
    seen: Counter[str] = field(default_factory=Counter)

    def timed(self, name: str, seconds: float) -> None:
        self.rule_s.setdefault(name, []).append(seconds)
        self.presses += 1

    def summary(self) -> str:
        elapsed_s = time.monotonic() - self.started_s
        lines = [
            f"{self.journeys} journeys, {self.steps} steps ({self.presses} presses) in {elapsed_s:.0f} s"
        ]
        for name, times in sorted(self.rule_s.items(), key=lambda kv: -sum(kv[1])):
            total = sum(times)
            each_s = total / len(times)
            lines.append(f"  {name:28} {len(times):5} presses {total:7.1f} s  {each_s:.2f} s each")
        lines.append("  seen: " + ", ".join(f"{name} {count}" for name, count in sorted(self.seen.items())))
        return "\n".join(lines)


def timed(fn: Callable[..., None]) -> Callable[..., None]:
    """Count a rule's presses and time for the run's summary."""

    def step(self: Any, **kwargs: object) -> None:
        started = time.monotonic()
        try:
            fn(self, **kwargs)
        finally:
            self.run.timed(fn.__name__, time.monotonic() - started)

    step.__name__ = fn.__name__
    return step
