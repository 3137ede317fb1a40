"""Qt test helpers: fail a test on unexpected Qt warnings or on warnings our own code logs.

Use the ``strict_logs`` fixture (request it, or ``pytestmark = pytest.mark.usefixtures("strict_logs")``
after importing it into the test module). A test that provokes a warning on purpose declares it::

    def test_bad_policy(strict_logs: StrictLogs) -> None:
        strict_logs.expect(r"Configuration: Ignored a setting")
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QtMsgType

#: Qt messages that are noise on the offscreen/xvfb platforms, not defects of ours.
IGNORED_QT_MESSAGES = (
    re.compile(r"This plugin does not support propagateSizeHints"),
    re.compile(r"This plugin does not support raise\(\)"),
    # Stacking a native child window (a video widget's) when a page joins the window later (pages are built
    # when first shown): the offscreen plugin has no window stacking, as for raise() above.
    re.compile(r"This plugin does not support lower\(\)"),
    re.compile(r"QFont::setPointSize: Point size <= 0"),
    # QtMultimedia on machines without a sound server (CI): environment, not our defect.
    re.compile(r"pipewire-0\.3"),
    re.compile(r"PulseAudioService: pa_context_connect\(\) failed"),
)
#: Logger prefixes whose warnings are ours and must be expected explicitly.
OUR_LOGGERS = ("ui", "recorder", "server")


class StrictLogs:
    """Collects expected-warning patterns for the current test."""

    def __init__(self) -> None:
        self.expected: list[re.Pattern[str]] = []

    def expect(self, pattern: str) -> None:
        """Allow warnings whose message matches ``pattern`` (regular expression, searched)."""
        self.expected.append(re.compile(pattern))

    def allowed(self, message: str) -> bool:
        return any(p.search(message) for p in self.expected)


@pytest.fixture
def strict_logs(qtlog: object, caplog: pytest.LogCaptureFixture) -> Iterator[StrictLogs]:
    """Fail the test on unexpected Qt warnings and on WARNING+ records from our loggers."""
    strict = StrictLogs()
    caplog.set_level(logging.WARNING)
    yield strict
    problems: list[str] = []
    bad_types = {QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg}
    for record in getattr(qtlog, "records", []):
        message = str(record.message)
        noise = any(p.search(message) for p in IGNORED_QT_MESSAGES)
        if record.type in bad_types and not noise and not strict.allowed(message):
            problems.append(f"Qt {record.type.name}: {message}")
    # caplog.records would only hold the teardown phase here.
    for log_record in caplog.get_records("setup") + caplog.get_records("call"):
        ours = log_record.name.split(".")[0] in OUR_LOGGERS
        if ours and log_record.levelno >= logging.WARNING and not strict.allowed(log_record.getMessage()):
            problems.append(f"log {log_record.levelname} {log_record.name}: {log_record.getMessage()}")
    if problems:
        pytest.fail(
            "Unexpected warnings (declare expected ones with strict_logs.expect(pattern)):\n"
            + "\n".join(problems)
        )


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    """Put the app back into English after a test that switched language (the translator is global)."""
    from ui.i18n import reset_to_source_language

    yield
    reset_to_source_language()


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until the task manager's pool is idle and deliver the outcomes that arrived (True when idle)."""
    from ui.tasks import current_tasks

    manager = current_tasks()
    return True if manager is None else manager.wait_for_all(timeout_ms)
