"""The Done page shows the reference code and how to withdraw, and Start again resets the flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Step
from tests.helpers.flow_app import drive_to_check_and_send, make_context
from ui.main_window import MainWindow
from ui.pages.done_sheet import printer_available

pytestmark = pytest.mark.usefixtures("strict_logs")


def _window_at_done(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    ctx = make_context(tmp_path)
    machine = ctx.machine
    take_dir = tmp_path / "take"
    take_dir.mkdir()
    drive_to_check_and_send(machine, take_dir)
    machine.fire(Event.SEND)
    # The window opens on Sending; the send itself is the e2e test's job, so the machine is told it worked.
    machine.sent("VB-ABCD-1234")
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    return window


def test_done_shows_reference_and_withdrawal(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window_at_done(qtbot, tmp_path)
    page = window.current_page
    assert type(page).__name__ == "DonePage"
    assert page.reference_label.text() == "VB-ABCD-1234"  # type: ignore[attr-defined]
    assert "V B - A B C D" in page.reference_label.accessibleName()  # type: ignore[attr-defined]
    withdraw = page.withdraw_label.text()  # type: ignore[attr-defined]
    assert "withdraw" in withdraw.lower() and "reference code" in withdraw
    assert "Your communications team" in withdraw  # the campaign's own contact
    assert "do not need this computer" in withdraw  # a shared PC: nobody has to come back to it
    shown = " ".join(w.text() for w in page.findChildren(QLabel))  # type: ignore[union-attr]
    assert "token" not in shown.lower()  # the reference code is the only code the person is given
    assert not window.back_button.isVisible() and not window.next_button.isVisible()
    # Print is offered only where a printer exists (none on CI: no CUPS queue).
    assert page.print_button.isHidden() is not printer_available()  # type: ignore[attr-defined]
    # No withdrawal code in the outbox for this send (the test told the machine it was sent): the page says
    # to use the reference code with the contact, shows no withdrawal QR code, and prints only the reference.
    assert not page.withdrawal_qr.content() and not page.withdrawal_label.isVisibleTo(page)  # type: ignore[attr-defined]
    assert page.reference_qr.content() == "VB-ABCD-1234"  # type: ignore[attr-defined]
    assert [b.code for b in page.sheet().blocks] == ["VB-ABCD-1234"]  # type: ignore[attr-defined]


def test_start_again_returns_to_welcome_and_forgets(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window_at_done(qtbot, tmp_path)
    window.show()
    page = window.current_page
    page.again_button.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(page.again_button, " ")  # type: ignore[attr-defined]
    assert window.ctx.machine.state.step is Step.WELCOME
    assert window.ctx.machine.model.reference is None
