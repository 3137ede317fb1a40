"""Accessibility of review mode: every interactive control on every review screen (window, export and
withdraw dialogs) has an accessible name and a Tab stop, in English and in Welsh (same check as
tests/unit/ui/test_accessibility.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.server import IntakeServer
from tests.integration.review.seed import decide_directly, deliverable, seed
from tests.unit.ui.review.conftest import sign_in_through_dialog, wait_for_list
from tests.unit.ui.test_accessibility import unnamed_interactive
from ui.i18n import Translations
from ui.review.services import ReviewServices
from ui.review.sign_in import SignInDialog
from ui.review.window import ReviewWindow

OpenWindow = Callable[[ReviewServices], ReviewWindow]


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_every_review_control_is_named_and_reachable(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
    locale: str,
    english_afterwards: None,
) -> None:
    seeded = seed(intake_server, deliverable(tmp_path), name="Priya Shah")
    decide_directly(intake_server, seeded, "approved")
    Translations(tmp_path / "qm").set_locale(locale)
    window = open_window(services)
    window.start()
    qtbot.waitUntil(lambda: window._sign_in is not None and window._sign_in.isVisible(), timeout=10_000)
    assert window._sign_in is not None
    assert unnamed_interactive(window._sign_in) == []
    sign_in_through_dialog(qtbot, window, *intake_server.reviewer)
    wait_for_list(qtbot, window, 1)
    qtbot.waitUntil(lambda: window.detail_panel.export_button.isEnabled(), timeout=20_000)
    window.banner.show_problem("example", retry=lambda: None)
    assert unnamed_interactive(window) == [], f"review window ({locale})"
    window.open_export()
    dialog = window.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    dialog.captions_check.setChecked(True)
    assert unnamed_interactive(dialog) == [], f"export dialog ({locale})"
    assert window.accessibleName() and dialog.accessibleName()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    window.open_withdraw()
    withdraw = window.withdraw_dialog
    assert withdraw is not None
    qtbot.waitUntil(withdraw.isVisible, timeout=5_000)
    withdraw.show_error("example")
    assert unnamed_interactive(withdraw) == [], f"withdraw dialog ({locale})"
    assert withdraw.accessibleName() and withdraw.withdraw_button.accessibleDescription()
    withdraw.reject()


def test_sign_in_dialog_without_a_password_store_says_so(qtbot: QtBot, services: ReviewServices) -> None:
    services.client.tokens.persistent = False
    dialog = SignInDialog(services.client)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.store_label.isVisible()
    assert "sign in again" in dialog.store_label.text()
    assert unnamed_interactive(dialog) == []
