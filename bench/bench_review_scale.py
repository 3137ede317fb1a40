"""Benchmark: the review window at a week's volume (5,000 submissions), measured on the UI thread.

The server is seeded once through the intake API with small real clips (bench/review_seed.py; the data folder
is kept in build/bench-review/COUNT/ and reused). A real ReviewWindow (offscreen Qt, real HTTP to the real
server on 127.0.0.1, the app's own sessions and client) then, signed in with a stored sign-in:

1. opens and shows the first page;
2. filters (status "Approved", then all statuses again);
3. scrolls the whole list from top to bottom a screen at a time, as a reviewer dragging the scroll bar would,
   until every submission is listed (clicking "Load more" whenever a list without lazy loading shows it),
   and back to the top;
4. opens a submission from the middle of the list (its detail and consent shown).

Between steps 3 and 4 (not measured as a step) it times one full garbage collection: what the UI thread
would wait whenever Python's collector decides a full one is due, with the whole list loaded.

Measured throughout: the longest event-loop stall on the UI thread (a 5 ms precise QTimer heartbeat; a
stall is how late a beat came), per step; and this process's RSS while scrolling (first screenful loaded,
half the list, the whole list, after scrolling back: flat means it does not grow with the list).
Each round's start-up heap (window built) is frozen out of the garbage collector, as the app's review entry
does.
Reference, in the same script and alternating rounds: the same window against an empty server doing the same
steps (its stalls are what opening and painting the window costs anyway). Target: no stall over 100 ms.

Run: flock /tmp/voicebooth-bench.lock .venv/bin/python bench/bench_review_scale.py [--count 5000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import psutil
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review_seed import listed, seeded_server

from tests.helpers.server import DEFAULT_PACK, IntakeServer
from tests.integration.review.seed import MemoryKeyring
from tests.unit.ui.review.conftest import make_services
from ui.pauses import freeze_start_up_heap
from ui.review.window import ReviewWindow
from ui.tasks import tasks

MB = 1024 * 1024
BEAT_MS = 5


class Heartbeat:
    """The longest lateness of a 5 ms timer on the UI thread, per named step.

    With it, per step: the UI thread's own CPU time during that longest stall (far below the stall means the
    thread was waiting, for the GIL or for a core on a loaded machine, not working) and the longest garbage
    collection (on any thread: it holds the GIL, so the UI thread waits for all of it).
    """

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.clock = QElapsedTimer()
        self.last = 0
        self.last_cpu_s = 0.0
        self.worst: dict[str, float] = {}
        self.busy: dict[str, float] = {}  # UI-thread CPU ms within the worst stall
        self.gc_worst: dict[str, float] = {}
        self.step = ""
        self._gc_started = 0.0
        gc.callbacks.append(self._collected)

    def start(self, step: str) -> None:
        self.step = step
        self.worst.setdefault(step, 0.0)
        self.busy.setdefault(step, 0.0)
        self.gc_worst.setdefault(step, 0.0)
        self.clock.start()
        self.last = 0
        self.last_cpu_s = time.thread_time()
        self.timer.start()

    def _beat(self) -> None:
        now = self.clock.elapsed()
        cpu_s = time.thread_time()
        late = now - self.last - BEAT_MS
        self.last = now
        if late >= self.worst[self.step]:
            self.worst[self.step] = float(late)
            self.busy[self.step] = (cpu_s - self.last_cpu_s) * 1000
        self.last_cpu_s = cpu_s

    def _collected(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif self.step and self.timer.isActive():
            pause_ms = (time.perf_counter() - self._gc_started) * 1000
            self.gc_worst[self.step] = max(self.gc_worst[self.step], pause_ms)

    def stop(self) -> None:
        self.timer.stop()


def spin(until: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Runs the event loop until ``until()`` (checked every 10 ms) or fails after ``timeout_s``."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    check = QTimer()
    check.setInterval(10)

    def tick() -> None:
        if until() or time.monotonic() > deadline:
            loop.quit()

    check.timeout.connect(tick)
    check.start()
    loop.exec()
    check.stop()
    if not until():
        raise RuntimeError(f"timed out waiting for {what}")


def settle(seconds: float) -> None:
    """Runs the event loop for ``seconds`` (background results arrive and are painted)."""
    end = time.monotonic() + seconds
    spin(lambda: time.monotonic() >= end, seconds + 5, "the clock")


def rows(window: ReviewWindow) -> int:
    return window.list_panel.tree.model().rowCount()


def listed_total(window: ReviewWindow) -> int:
    return window.list_panel.total


def run_round(server: IntakeServer, expected: int, beat: Heartbeat, export_dir: Path) -> dict[str, float]:
    """One pass of the four steps on a fresh window; returns stalls (ms) and RSS samples (MB)."""
    services = make_services(server.url, export_dir)
    services.client.sign_in(*server.reviewer)  # the stored sign-in the window resumes
    me = psutil.Process()
    figures: dict[str, float] = {}
    window = ReviewWindow(services)
    freeze_start_up_heap()  # as `voicebooth --review` does with its window built (ui/review/app.py)
    try:
        beat.worst.clear()
        beat.busy.clear()
        beat.gc_worst.clear()
        beat.start("open")
        window.show()
        window.start()
        spin(lambda: rows(window) > 0 or (expected == 0 and window.list_panel.total == 0 and
                                          window.lists.task is not None and window.lists.task.done),
             120, "the first page")  # fmt: skip
        settle(1.0)
        figures["rss_first_mb"] = me.memory_info().rss / MB
        beat.start("filter")
        window.list_panel.status.setCurrentIndex(window.list_panel.status.findData("approved"))
        spin(lambda: window.list_panel.list_filter().status == "approved" and window.lists.task is not None
             and window.lists.task.done, 120, "the filtered list")  # fmt: skip
        settle(0.5)
        window.list_panel.status.setCurrentIndex(0)
        spin(lambda: window.lists.task is not None and window.lists.task.done and
                     listed_total(window) == expected, 120, "the whole list again")  # fmt: skip
        settle(0.5)
        beat.start("scroll")
        bar = window.list_panel.tree.verticalScrollBar()
        half = False
        started = time.monotonic()
        while rows(window) < expected or bar.value() < bar.maximum():
            if time.monotonic() - started > 1200:
                raise RuntimeError(f"scrolling stopped at {rows(window)} of {expected}")
            more = getattr(window.list_panel, "more_button", None)
            if more is not None and more.isVisible() and bar.value() >= bar.maximum():
                more.click()  # a list without lazy loading: the reviewer clicks Load more
            bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
            settle(0.05)
            if not half and rows(window) >= expected // 2:
                half = True
                figures["rss_half_mb"] = me.memory_info().rss / MB
        settle(1.0)
        figures["rss_all_mb"] = me.memory_info().rss / MB
        while bar.value() > 0:
            bar.setValue(max(0, bar.value() - bar.pageStep()))
            settle(0.02)
        settle(1.0)
        figures["rss_back_mb"] = me.memory_info().rss / MB
        figures["scroll_s"] = time.monotonic() - started
        beat.stop()  # not a step: what a full collection would cost the UI thread now, the whole list loaded
        collecting = time.perf_counter()
        gc.collect()
        figures["full_gc_ms"] = (time.perf_counter() - collecting) * 1000
        beat.start("detail")
        if expected:
            model = window.list_panel.tree.model()
            middle = model.index(rows(window) // 2, 0)
            wanted = str(middle.data(Qt.ItemDataRole.UserRole))
            window.list_panel.select(wanted)
            spin(lambda: window.detail_panel.detail is not None
                 and window.detail_panel.detail.submission_id == wanted, 120, "the detail")  # fmt: skip
        settle(1.5)
        beat.stop()
        figures.update({f"stall_{step}_ms": ms for step, ms in beat.worst.items()})
        figures.update({f"busy_{step}_ms": ms for step, ms in beat.busy.items()})
        figures.update({f"gc_{step}_ms": ms for step, ms in beat.gc_worst.items()})
    finally:
        window.close()
        tasks().wait_for_all(30_000)
        services.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    keyring.set_keyring(MemoryKeyring())
    full = seeded_server(args.count)
    count = listed(full)  # at least --count (a folder seeded further is used whole)
    with tempfile.TemporaryDirectory() as tmp:
        empty = IntakeServer.start(Path(tmp) / "empty", campaigns=[DEFAULT_PACK])
        beat = Heartbeat()
        ours: list[dict[str, float]] = []
        reference: list[dict[str, float]] = []
        try:
            for number in range(args.rounds):
                reference.append(run_round(empty, 0, beat, Path(tmp) / "exports"))
                between_rounds()
                ours.append(run_round(full, count, beat, Path(tmp) / "exports"))
                between_rounds()
                print(f"round {number + 1}: ours {fmt(ours[-1])}", flush=True)
                print(f"         empty {fmt(reference[-1])}", flush=True)
        finally:
            empty.stop()
            full.stop()
    report(ours, reference, count)
    del app


def between_rounds() -> None:
    """Leaves the next round as a fresh start of the app would find it, outside the measured steps.

    The closed window (cyclic garbage through its signal connections) was frozen with the rest of that
    round's start-up; the app quits with its window, so here it is given back to the collector and collected.
    """
    gc.unfreeze()
    gc.collect()


def fmt(figures: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.0f}" for name, value in figures.items())


def report(ours: list[dict[str, float]], reference: list[dict[str, float]], count: int) -> None:
    steps = ("open", "filter", "scroll", "detail")
    print(
        f"\nlongest UI-thread stall per step (ms; best of {len(ours)} rounds), {count} submissions vs empty:"
    )
    worst = 0.0
    for step in steps:
        mine = min(r[f"stall_{step}_ms"] for r in ours)
        empty = min(r[f"stall_{step}_ms"] for r in reference)
        worst = max(worst, mine)
        best_round = min(ours, key=lambda r: r[f"stall_{step}_ms"])
        print(f"  {step:7s} ours {mine:6.0f}   empty window {empty:6.0f}   ratio {mine / max(empty, 1):.1f}x"
              f"   (UI thread busy {best_round[f'busy_{step}_ms']:.0f} ms of it; longest GC "
              f"{max(r[f'gc_{step}_ms'] for r in ours):.0f} ms)")  # fmt: skip
    best = min(ours, key=lambda r: max(r[f"stall_{s}_ms"] for s in steps))
    growth = best["rss_back_mb"] - best["rss_first_mb"]
    print(f"RSS while scrolling (MB): first page {best['rss_first_mb']:.0f}, half listed "
          f"{best.get('rss_half_mb', 0):.0f}, all listed {best['rss_all_mb']:.0f}, back at the top "
          f"{best['rss_back_mb']:.0f} (growth {growth:+.0f})")  # fmt: skip
    print(
        f"scrolling the whole list took {best['scroll_s']:.1f} s; RSS per listed submission "
        f"{(best['rss_all_mb'] - best['rss_first_mb']) * MB / max(count, 1) / 1024:.1f} KiB"
    )
    print(f"a full garbage collection with the whole list loaded (due now and then, on any thread, holding "
          f"the GIL): {min(r['full_gc_ms'] for r in ours):.0f} ms")  # fmt: skip
    print(f"target: no stall over 100 ms: {'met' if worst <= 100 else 'NOT met'} (worst {worst:.0f} ms)")
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"machine: {uptime}")


if __name__ == "__main__":
    main()
