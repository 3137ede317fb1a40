"""The campaign's call to action on Done: its words, its address and a QR code that a real decoder
(``zbarimg``) reads back as the pack's address, at 1366x768; none without one; nothing needs the network."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.campaign import PACKS_DIR, load_campaign
from recorder.flow import Step
from tests.e2e.test_done_codes import decode_qr_codes
from tests.helpers.flow_app import make_context
from ui.main_window import MainWindow
from ui.pages.done import DonePage

pytestmark = pytest.mark.usefixtures("strict_logs", "english_afterwards")
AHP = PACKS_DIR / "ahp-support-worker-week" / "campaign.toml"


def done_page(qtbot: QtBot, tmp_path: Path, pack: Path | None) -> tuple[MainWindow, DonePage]:
    ctx = make_context(tmp_path, campaign_path=pack)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.pages[Step.DONE]
    assert isinstance(page, DonePage)
    window.stack.setCurrentWidget(page)
    page.retranslate()
    return window, page


def test_the_call_to_action_scans_to_the_packs_address(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = done_page(qtbot, tmp_path, AHP)
    action = load_campaign(AHP).call_to_action
    assert action is not None
    assert page.action_qr.isVisibleTo(window) and page.action_label.isVisibleTo(window)
    assert page.action_label.text() == f"{action.text.get('en')}\n{action.url}"
    shot = tmp_path / "done-call-to-action.png"
    assert window.grab().save(str(shot))
    assert action.url in decode_qr_codes(shot)
    assert page.action_qr.accessibleName() == f"QR code that opens {action.url}"


def test_no_call_to_action_without_one_in_the_pack(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = done_page(qtbot, tmp_path, None)
    assert not page.action_qr.isVisibleTo(window) and not page.action_label.isVisibleTo(window)
