"""Booth mode through the whole flow: a real window (1366×768), demo devices, the real outbox and the real
intake server, and a fake clock for the idle timeout only (the camera and microphone keep real time).

A person records and keeps an answer, then walks away: after 3 minutes "Are you still there?" replaces the
page and counts down 60 seconds, then everything of theirs is deleted and the deletion checked — no file of
theirs remains, the outbox holds nothing, the server has nothing — and the form is empty for the next person.
The next person sends; Done returns to Welcome by itself after 2 minutes, forgetting the codes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recorder.flow import Phase, Step
from recorder.flow.discard import DiscardCheck
from recorder.flow.idle import IdleAction
from tests.e2e.conftest import Intake
from tests.e2e.driver import KeyboardDriver
from tests.e2e.nhs_laptop import open_window
from tests.helpers.clock import FakeClock
from tests.helpers.qt import StrictLogs
from ui.pages.done import DonePage

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "test-output" / "booth"


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def record_one_answer(driver: KeyboardDriver, name: str) -> None:
    """Welcome → details → consent → device check → the first answer recorded and kept."""
    window = driver.window
    driver.wait_step(Step.WELCOME)
    driver.settle()
    driver.next()
    driver.wait_step(Step.ABOUT_YOU)
    about = window.current_page
    driver.tab_to(about.rows["name"].edit)  # type: ignore[attr-defined]
    driver.type_text(name)
    driver.tab_to(about.rows["name"].show.yes)  # type: ignore[attr-defined]
    driver.key(Qt.Key.Key_Space)
    driver.next()
    driver.wait_step(Step.CONSENT)
    for answer in window.current_page.choices.values():  # type: ignore[attr-defined]
        driver.tab_to(answer.yes)
        driver.key(Qt.Key.Key_Space)
    driver.next()
    driver.wait_step(Step.DEVICE_CHECK)
    driver.settle(600)
    driver.next()
    driver.answer_prompt(1)  # recorded, stopped with Space, kept with Alt+K
    driver.wait_step(Step.PROMPT, Phase.READ)


@pytest.mark.slow
def test_booth_mode_discards_an_idle_person_and_done_resets(
    qtbot: QtBot, tmp_path: Path, intake: Intake, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("No RHI backend|No audio device detected")
    clock = FakeClock()
    window = open_window(qtbot, tmp_path, intake, idle_clock=clock, booth_mode=True)
    ctx = window.ctx
    guard = window.idle
    # Booth mode: nothing the next person could change or open.
    assert window.booth and not window.settings_button.isVisible()
    assert not window.help_menu.open_logs_action.isVisible()

    driver = KeyboardDriver(window)
    record_one_answer(driver, "Sam Jones")
    folder = ctx.session.folder
    assert folder is not None and any(p.name == "deliverable.mp4" for p in files_under(folder))
    prompt_page = window.current_page

    # 2 min 59 s without a key press: nothing yet.
    clock.advance_s(179)
    assert guard.check().action is IdleAction.NONE and not guard.asking
    clock.advance_s(1)
    status = guard.check()
    assert status.action is IdleAction.ASK and status.seconds_left == 60
    assert window.stack.currentWidget() is guard.panel and not window.nav_bar.isVisible()
    assert guard.panel.yes_button.hasFocus()
    clock.advance_s(18)
    guard.check()
    assert guard.panel.countdown_label.text() == "Deleting in 0:42"
    OUT.mkdir(parents=True, exist_ok=True)
    qtbot.wait(150)
    assert window.grab().save(str(OUT / "still-there-1366x768.png"))
    # A stray mouse movement is not an answer: only Yes keeps the session.
    qtbot.mouseMove(window, window.rect().center())
    clock.advance_s(42)
    with qtbot.waitSignal(guard.discarded, timeout=20_000) as signal:
        assert guard.check().action is IdleAction.DISCARD
    check = signal.args[0]
    assert isinstance(check, DiscardCheck) and check.complete

    # Everything of that person is gone, and nothing was sent.
    assert ctx.machine.state.step is Step.WELCOME and window.current_page is window.pages[Step.WELCOME]
    assert window.nav_bar.isVisible() and prompt_page is not window.stack.currentWidget()
    assert not folder.exists()
    assert files_under(ctx.data_dir / "submissions") == []
    assert ctx.machine.model.consent is None and not ctx.machine.model.kept
    assert ctx.services.outbox().list() == []
    headers = {"Authorization": f"Bearer {intake.reviewer_token()}"}
    listing = requests.get(f"{intake.url}/api/v1/review/submissions", headers=headers, timeout=10).json()
    assert listing["items"] == []
    # The form is empty for the next person.
    driver.settle()
    driver.next()
    driver.wait_step(Step.ABOUT_YOU)
    assert window.current_page.rows["name"].edit.text() == ""  # type: ignore[attr-defined]
    driver.back()

    # The next person sends; Done goes back to Welcome by itself after 2 minutes, forgetting the codes.
    reference = driver.run(name="Alex Morgan")
    done = window.current_page
    assert isinstance(done, DonePage) and done.reference_label.text() == reference
    clock.advance_s(119)
    assert guard.check().action is IdleAction.NONE and ctx.machine.state.step is Step.DONE
    clock.advance_s(1)
    assert guard.check().action is IdleAction.FINISH
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.WELCOME, timeout=5_000)
    assert (
        done.withdrawal_code is None and not done.reference_label.text() and not done.reference_qr.content()
    )
    window.current_page.leave()
