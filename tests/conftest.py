"""Fixtures for every test."""

import sys
import threading
from collections.abc import Iterator
from types import TracebackType

import pytest

from recorder.redact import REDACTOR

#: Messages of a result emitted into a deleted Qt object: each one means a lost outcome.
DELETED_OBJECT_MESSAGES = ("Signal source has been deleted", "Internal C++ object", "already deleted")
#: How long a test's leftover background work may take to finish before the test fails.
DRAIN_S = 15


@pytest.fixture(autouse=True)
def _forget_registered_people() -> Iterator[None]:
    """The app registers people and secrets with the process-wide log redactor (as it must); forget them
    after each test, so no name leaks into another test's expectations in the same worker."""
    yield
    REDACTOR.clear()


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Put the app back into English after every test: the translator is process-wide, so a test (or a random
    journey) that switched to Welsh would otherwise leave the next test in the same worker reading Welsh."""
    yield
    if "ui.i18n" in sys.modules:
        from ui.i18n import in_source_language, reset_to_source_language

        if not in_source_language():
            reset_to_source_language()


@pytest.fixture(autouse=True)
def _no_lost_results() -> Iterator[None]:
    """Fail a test that leaves background work running, or whose work hit a deleted Qt object.

    Exceptions printed by PySide from a pool thread ("Signal source has been deleted", "Internal C++ object
    already deleted") go through ``sys.excepthook``; they are caught here and fail the test that caused them.
    """
    seen: list[str] = []
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        seen.append(f"{kind.__name__}: {value}")
        previous_hook(kind, value, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        seen.append(f"{args.exc_type.__name__}: {args.exc_value}")
        previous_thread_hook(args)

    sys.excepthook, threading.excepthook = hook, thread_hook
    try:
        yield
    finally:
        sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook
    problems = [m for m in seen if any(word in m for word in DELETED_OBJECT_MESSAGES)]
    if "ui.tasks" in sys.modules:
        from ui.tasks import current_tasks

        manager = current_tasks()
        if manager is not None and manager.running():
            names = manager.running()
            if not manager.wait_for_all(DRAIN_S * 1000):
                problems.append(f"background work still running {DRAIN_S} s after the test: {names}")
    if problems:
        pytest.fail("Lost or leaked background work:\n" + "\n".join(problems))
