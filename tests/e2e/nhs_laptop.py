"""The real main window as a shared NHS laptop shows it (1366×768, the app's look), over the real server,
with demo devices and 2 s prompts; for the end-to-end tests that take screenshots of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.ports import Clock
from tests.e2e.conftest import Intake
from tests.helpers.flow_app import make_context, short_campaign
from ui.main_window import MainWindow
from ui.theme import stylesheet


def open_window(
    qtbot: QtBot, tmp_path: Path, intake: Intake, *, idle_clock: Clock | None = None, **settings: object
) -> MainWindow:
    """Shown, active, sending to ``intake``; ``settings`` go on the command-line layer (``booth_mode``...)."""
    ctx = make_context(
        tmp_path,
        campaign_path=short_campaign(tmp_path, max_duration_s=2, countdown_s=1),
        extra={"server_url": intake.url, "upload_key": intake.upload_key, **settings},
    )
    window = MainWindow(
        ctx, confirm=lambda *_a: pytest.fail("nothing should need confirming"), idle_clock=idle_clock
    )
    qtbot.addWidget(window)
    window.setStyleSheet(stylesheet())  # the app's look, for the screenshots (this window only)
    window.resize(1366, 768)
    window.show()
    qtbot.waitActive(window)
    return window
