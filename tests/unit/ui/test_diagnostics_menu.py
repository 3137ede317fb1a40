"""Help > Copy diagnostics for IT: a redacted report on the clipboard, built off the UI thread; Welsh menu."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from recorder import logs
from recorder.redact import REDACTOR
from tests.helpers.flow_app import make_context
from ui.diagnostics import HelpMenu, protect_person_details
from ui.main_window import MainWindow

NAME = "Gwenllian Price"
EMPLOYER = "Hywel Dda University Health Board"


@pytest.fixture
def app_logging(tmp_path: Path) -> Iterator[Path]:
    path = logs.setup_logging(log_dir=tmp_path / "logs", console=False)
    assert path is not None
    try:
        yield path
    finally:
        logs.teardown_logging()


class Notes:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> None:
        self.shown.append((title, text))


def test_copy_diagnostics_puts_a_redacted_report_on_the_clipboard(
    qtbot: QtBot, tmp_path: Path, app_logging: Path
) -> None:
    ctx = make_context(tmp_path, extra={"upload_key": "vbk_live_clip_1"})
    win = MainWindow(ctx, confirm=lambda *_: True)
    qtbot.addWidget(win)
    notes = Notes()
    win.help_menu = HelpMenu(win, ctx.config, notify=notes)  # the window's menu, with a recording notifier
    unregister = protect_person_details(ctx.machine, ctx.config)
    try:
        # The person types their details; something is logged with them afterwards.
        ctx.machine.model.name.value = NAME
        ctx.machine.model.employer.value = EMPLOYER
        logging.getLogger("ui.test").info(
            "Sending for %s of %s with key %s", NAME, EMPLOYER, "vbk_live_clip_1"
        )
        QGuiApplication.clipboard().setText("before")
        win.help_menu.copy_action.trigger()
        assert not win.help_menu.copy_action.isEnabled()  # busy while the worker builds it
        qtbot.waitUntil(lambda: bool(notes.shown), timeout=10_000)
        report = QGuiApplication.clipboard().text()
    finally:
        unregister()
    assert notes.shown[0][0] == "Diagnostics copied"
    assert win.help_menu.copy_action.isEnabled()
    assert report.startswith("Voicebooth diagnostics")
    assert "== Qt" in report and "Platform: offscreen" in report
    assert "Sending for [redacted personal detail] of [redacted personal detail]" in report
    for secret in ("Gwenllian", "Price", "Hywel Dda", "vbk_live_clip_1"):
        assert secret not in report
        assert secret not in app_logging.read_text(encoding="utf-8")
    assert REDACTOR.redact(NAME) == NAME  # unregistered again: no leak between tests


def test_the_window_has_a_help_menu_that_follows_the_language(
    qtbot: QtBot, tmp_path: Path, english_afterwards: None
) -> None:
    ctx = make_context(tmp_path)
    win = MainWindow(ctx, confirm=lambda *_: True)
    qtbot.addWidget(win)
    titles = [action.text() for action in win.menuBar().actions()]
    assert titles == ["&Help"]
    assert [a.text() for a in win.help_menu.menu.actions()] == [
        "Copy &diagnostics for IT",
        "Open the &log folder",
    ]
    assert ctx.translations.set_locale("cy")
    qtbot.waitUntil(lambda: win.menuBar().actions()[0].text() == "Cymort&h")  # LanguageChange is posted
    assert win.help_menu.copy_action.text() == "Copïo &diagnosteg ar gyfer TG"
