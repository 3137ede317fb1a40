"""The background-work bridge (ui/tasks.py): outcomes on the UI thread, never into a deleted owner,
drained on quit."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.qt import wait_for_all
from ui.tasks import Job, tasks


def test_outcome_and_progress_arrive_on_the_ui_thread(qtbot: QtBot) -> None:
    ui_thread = threading.get_ident()
    owner = QWidget()
    qtbot.addWidget(owner)
    seen: dict[str, object] = {}

    def work(job: Job) -> int:
        seen["worker"] = threading.get_ident()
        job.progress(0.5)
        return 42

    def ok(value: object) -> None:
        seen["value"], seen["callback"] = value, threading.get_ident()

    def progressed(fraction: float) -> None:
        seen["progress"], seen["progress_thread"] = fraction, threading.get_ident()

    tasks().run(work, owner=owner, on_success=ok, on_progress=progressed, name="answer")
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42 and seen["callback"] == ui_thread and seen["worker"] != ui_thread
    assert seen["progress"] == 0.5 and seen["progress_thread"] == ui_thread


def test_a_failure_reaches_on_failure(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    errors: list[BaseException] = []

    def work(_job: Job) -> None:
        raise OSError("disk full")

    tasks().run(work, owner=owner, on_failure=errors.append, name="fail")
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], OSError)


def test_a_result_for_an_owner_deleted_meanwhile_is_logged_and_dropped(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The window closes (and its C++ object is deleted) while the work runs: nothing is emitted into it."""
    caplog.set_level(logging.INFO, logger="ui.tasks")
    owner = QWidget()
    release = threading.Event()
    delivered: list[object] = []
    orphaned: list[object] = []

    task = tasks().run(
        lambda _job: release.wait(10) and "result",
        owner=owner,
        on_success=delivered.append,
        on_failure=delivered.append,
        name="send submission",
    )
    task.on_orphan = orphaned.append
    owner.deleteLater()
    qtbot.waitUntil(task.owner_gone, timeout=5000)  # deleted on the Qt side
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert delivered == [] and orphaned == ["result"]
    assert "send submission finished after its owner was gone; the result was dropped" in caplog.text


def test_a_python_owner_held_weakly(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ui.tasks")

    class Owner:
        pass

    delivered: list[object] = []
    owner = Owner()
    release = threading.Event()
    task = tasks().run(
        lambda _job: release.wait(10), owner=owner, on_success=delivered.append, name="finish take"
    )
    del owner  # the only reference: the task must not keep it alive
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert delivered == [] and "finish take finished after its owner was gone" in caplog.text


def test_quitting_sets_every_cancel_event_and_drains_the_pool(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    stopped: list[str] = []

    def long_work(job: Job) -> None:
        deadline = time.monotonic() + 30
        while not job.cancel.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
        stopped.append(job.name)

    mine = threading.Event()
    tasks().run(long_work, owner=owner, name="one")
    tasks().run(long_work, owner=owner, name="two", cancel=mine)
    manager = tasks()
    started = time.monotonic()
    assert manager.shutdown(timeout_ms=10_000)
    assert time.monotonic() - started < 5 and sorted(stopped) == ["one", "two"] and mine.is_set()
    manager._closed = False  # the next test's tasks are not cancelled at once
    assert wait_for_all()


def test_work_must_be_started_from_the_ui_thread(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    errors: list[BaseException] = []
    manager = tasks()

    def elsewhere() -> None:
        try:
            manager.run(lambda _job: None, owner=owner, name="from a worker")
        except RuntimeError as error:
            errors.append(error)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join(5)
    assert errors and "UI thread" in str(errors[0])
