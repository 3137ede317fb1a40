"""The main window over the flow machine: keyboard navigation, validation, confirmations and closing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Step
from tests.helpers.flow_app import make_context
from tests.helpers.qt import StrictLogs
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("strict_logs")


class Answers:
    """A stand-in for the yes/no dialog that records the questions and gives a fixed answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str, yes: str, no: str) -> bool:
        self.asked.append((title, text))
        return self.answer


def window(qtbot: QtBot, tmp_path: Path, answers: Answers) -> MainWindow:
    win = MainWindow(make_context(tmp_path), confirm=answers)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def alt(qtbot: QtBot, win: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(win, key, Qt.KeyboardModifier.AltModifier)


def test_keyboard_shortcuts_move_through_the_flow(qtbot: QtBot, tmp_path: Path) -> None:
    win = window(qtbot, tmp_path, Answers(True))
    machine = win.ctx.machine
    assert type(win.current_page).__name__ == "WelcomePage"
    assert not win.back_button.isVisible() and not win.cancel_button.isVisible()
    assert win.next_button.text() == "&Start"
    alt(qtbot, win, Qt.Key.Key_Right)
    assert machine.state.step is Step.ABOUT_YOU and win.stack.currentWidget() is win.pages[Step.ABOUT_YOU]
    alt(qtbot, win, Qt.Key.Key_Right)
    assert machine.state.step is Step.CONSENT
    alt(qtbot, win, Qt.Key.Key_Left)
    alt(qtbot, win, Qt.Key.Key_Left)
    assert machine.state.step is Step.WELCOME


def test_next_is_refused_while_the_page_is_invalid(qtbot: QtBot, tmp_path: Path) -> None:
    win = window(qtbot, tmp_path, Answers(True))
    win.go(Event.NEXT)
    win.go(Event.NEXT)
    assert win.ctx.machine.state.step is Step.CONSENT
    assert not win.go(Event.NEXT)  # nothing answered
    page = win.current_page
    assert page.error_label.isVisible() and "Answer Yes or No" in page.error_label.text()
    assert win.ctx.machine.state.step is Step.CONSENT


def test_cancel_asks_before_deleting_and_respects_no(qtbot: QtBot, tmp_path: Path) -> None:
    answers = Answers(False)
    win = window(qtbot, tmp_path, answers)
    machine = win.ctx.machine
    win.go(Event.NEXT)
    about = win.current_page
    about.rows["name"].edit.setText("Ceri Jones")  # type: ignore[attr-defined]
    about.rows["name"].show.set_value(True)  # type: ignore[attr-defined]
    win.go(Event.NEXT)  # commits the details
    assert machine.model.name.value == "Ceri Jones"
    win.cancel_button.setFocus()
    qtbot.keyClick(win.cancel_button, Qt.Key.Key_Space)
    assert len(answers.asked) == 1
    title, text = answers.asked[0]
    assert "start again" in title.lower() and "details you entered" in text
    assert machine.state.step is Step.CONSENT and machine.model.name.value == "Ceri Jones"
    answers.answer = True
    win.cancel_button.click()
    assert machine.state.step is Step.WELCOME and machine.model.name.value == ""


def test_cancel_with_nothing_entered_does_not_ask(qtbot: QtBot, tmp_path: Path) -> None:
    answers = Answers(False)
    win = window(qtbot, tmp_path, answers)
    win.go(Event.NEXT)
    win.cancel_button.click()
    assert answers.asked == [] and win.ctx.machine.state.step is Step.WELCOME


def test_closing_mid_way_asks_and_can_be_refused(qtbot: QtBot, tmp_path: Path) -> None:
    answers = Answers(False)
    win = window(qtbot, tmp_path, answers)
    machine = win.ctx.machine
    machine.fire(Event.NEXT)
    machine.fire(Event.NEXT)
    machine.give_consent("v", "0" * 64, {"record_and_use": True})
    assert not win.close()
    assert win.isVisible() and "Close Voicebooth" in answers.asked[-1][0]
    answers.answer = True
    assert win.close()


def test_settings_opens_from_the_keyboard(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = window(qtbot, tmp_path, Answers(True))
    opened: list[bool] = []
    monkeypatch.setattr("ui.settings_dialog.SettingsDialog.exec", lambda self: opened.append(True) or 0)
    qtbot.keyClick(win, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert opened == [True]


def test_every_step_has_its_own_page(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.pages import base
    from ui.pages.catalogue import PAGE_MODULES

    win = window(qtbot, tmp_path, Answers(True))
    assert set(PAGE_MODULES) == set(Step)
    built = {type(win.pages[step]).__name__ for step in Step}  # each built when first asked for
    assert set(base.PAGE_REGISTRY) == set(Step)
    assert built >= {
        "RecoveryPage",
        "WelcomePage",
        "AboutYouPage",
        "ConsentPage",
        "DeviceCheckPage",
        "PromptPage",
        "CheckAndSendPage",
        "DonePage",
    }


def test_unexpected_flow_error_is_shown_plainly(qtbot: QtBot, tmp_path: Path) -> None:
    win = window(qtbot, tmp_path, Answers(True))
    assert not win.go(Event.SEND)  # not possible on Welcome
    assert "not possible right now" in win.current_page.error_label.text()


def test_a_screen_that_fails_to_start_shows_a_plain_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict_logs: StrictLogs
) -> None:
    from ui.pages.about_you import AboutYouPage

    strict_logs.expect("could not start")

    def broken(self: AboutYouPage, state: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(AboutYouPage, "enter", broken)
    win = window(qtbot, tmp_path, Answers(True))
    win.go(Event.NEXT)
    page = win.current_page
    assert isinstance(page, AboutYouPage) and "Something went wrong" in page.error_label.text()
    assert win.back_button.isVisible()  # the way back still works
    win.go(Event.BACK)
    assert win.ctx.machine.state.step is Step.WELCOME


def test_closing_after_agreeing_to_lose_answers_deletes_them_now(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.helpers.flow_app import drive_to_check_and_send

    answers = Answers(False)
    ctx = make_context(tmp_path)
    folder = ctx.session.ensure_folder()
    take = folder / "takes" / "t1"
    take.mkdir(parents=True)
    drive_to_check_and_send(ctx.machine, take)
    win = MainWindow(ctx, confirm=answers)
    qtbot.addWidget(win)
    win.show()
    assert not win.close() and folder.exists()  # "No, stay": nothing happens
    assert "the answers you have recorded and kept" in answers.asked[-1][1]
    answers.answer = True
    assert win.close()
    assert not folder.exists()  # gone from the shared computer, not left for a later start
