"""About you: optional details, each with its own explicit yes/no for showing it with the video."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Step
from tests.helpers.flow_app import make_context
from ui.main_window import MainWindow
from ui.pages.about_you import AboutYouPage

pytestmark = pytest.mark.usefixtures("strict_logs")


def open_about_you(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, AboutYouPage]:
    win = MainWindow(make_context(tmp_path), confirm=lambda *_a: True)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.go(Event.NEXT)
    page = win.current_page
    assert isinstance(page, AboutYouPage)
    return win, page


def test_everything_is_optional(qtbot: QtBot, tmp_path: Path) -> None:
    win, _page = open_about_you(qtbot, tmp_path)
    assert win.go(Event.NEXT)
    model = win.ctx.machine.model
    assert (model.name.value, model.job_title.value, model.employer.value) == ("", "", "")
    assert not model.has_details()


def test_a_filled_detail_needs_an_explicit_show_answer(qtbot: QtBot, tmp_path: Path) -> None:
    win, page = open_about_you(qtbot, tmp_path)
    name = page.rows["name"]
    assert not name.show.isEnabled()  # nothing typed: nothing to show
    qtbot.keyClicks(name.edit, "  Ceri   Jones ")
    assert name.show.isEnabled() and name.show.value() is None
    assert not win.go(Event.NEXT)
    assert "show your name" in page.error_label.text()
    assert win.ctx.machine.state.step is Step.ABOUT_YOU
    name.show.no.click()
    qtbot.keyClicks(page.rows["job_title"].edit, "Healthcare support worker")
    page.rows["job_title"].show.yes.click()
    assert win.go(Event.NEXT)
    model = win.ctx.machine.model
    assert (model.name.value, model.name.show) == ("Ceri Jones", False)
    assert (model.job_title.value, model.job_title.show) == ("Healthcare support worker", True)
    assert (model.employer.value, model.employer.show) == ("", False)


def test_details_come_back_when_returning_and_clearing_resets_the_answer(
    qtbot: QtBot, tmp_path: Path
) -> None:
    win, page = open_about_you(qtbot, tmp_path)
    page.rows["employer"].edit.setText("Ysbyty Gwynedd")
    page.rows["employer"].show.yes.click()
    win.go(Event.NEXT)
    win.go(Event.BACK)
    assert (
        page.rows["employer"].edit.text() == "Ysbyty Gwynedd" and page.rows["employer"].show.value() is True
    )
    page.rows["employer"].edit.clear()
    assert page.rows["employer"].show.value() is None and not page.rows["employer"].show.isEnabled()


def test_tab_order_runs_top_to_bottom(qtbot: QtBot, tmp_path: Path) -> None:
    win, page = open_about_you(qtbot, tmp_path)
    for key in ("name", "job_title", "employer"):
        page.rows[key].edit.setText("x")
    page.rows["name"].edit.setFocus()
    order = []
    for _ in range(12):
        focused = QApplication.focusWidget()
        assert focused is not None
        order.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    rows = page.rows
    # A yes/no pair is one tab stop (arrow keys choose within it, as in every Qt and Windows dialog).
    expected_prefix = [
        rows["name"].edit,
        rows["name"].show.yes,
        rows["job_title"].edit,
        rows["job_title"].show.yes,
    ]
    assert order[:4] == expected_prefix
    positions = [order.index(rows[k].edit) for k in ("name", "job_title", "employer")]
    assert positions == sorted(positions)
    assert win.next_button in order and order.index(win.next_button) > positions[-1]
    rows["name"].show.yes.setFocus()
    qtbot.keyClick(rows["name"].show.yes, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is rows["name"].show.no
    qtbot.keyClick(rows["name"].show.no, Qt.Key.Key_Space)
    assert rows["name"].show.value() is False


def test_the_problem_is_shown_at_its_field_and_goes_once_answered(qtbot: QtBot, tmp_path: Path) -> None:
    win, page = open_about_you(qtbot, tmp_path)
    row = page.rows["job_title"]
    qtbot.keyClicks(row.edit, "Support worker")
    assert not win.go(Event.NEXT)
    assert row.group.property("error") is True and "job title" in row.group.message
    assert page.rows["name"].group.property("error") is False
    assert page.error_summary.hasFocus() and len(page.error_summary.links) == 1
    page.error_summary.links[0].click()
    assert row.show.yes.hasFocus()
    row.show.no.click()
    assert page.error_summary.isHidden() and row.group.property("error") is False
