"""Welcome: the language switch (English / Cymraeg) on the first screen, what will happen, how long."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recorder.flow import Step
from tests.helpers.flow_app import make_context
from ui.main_window import MainWindow
from ui.pages.welcome import WelcomePage

pytestmark = pytest.mark.usefixtures("strict_logs", "english_afterwards")


def test_welcome_says_what_happens_and_how_long(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = make_context(tmp_path)
    page = WelcomePage(ctx)
    qtbot.addWidget(page)
    assert "Thank you for taking part in Staff voices" in page.lead.text()
    steps = page.steps.text()
    assert steps.startswith("1. ") and "5. " in steps and "(2 in all), up to 60 seconds" in steps
    # Two 60 s answers + 3 minutes of reading and checking = 5 minutes.
    assert page.estimated_minutes() == 5 and "about 5 minutes" in page.duration.text()


def test_switching_to_welsh_and_back_with_the_keyboard(qtbot: QtBot, tmp_path: Path) -> None:
    win = MainWindow(make_context(tmp_path), confirm=lambda *_a: True)
    qtbot.addWidget(win)
    win.show()
    page = win.current_page
    assert isinstance(page, WelcomePage)
    cymraeg = page.language_buttons["cy"]
    cymraeg.setFocus()
    qtbot.keyClick(cymraeg, Qt.Key.Key_Space)
    assert win.ctx.machine.model.locale == "cy" and win.ctx.translations.locale == "cy"
    assert page.title_label.text() == "Rhannwch eich profiad ar fideo"
    assert "Diolch am gymryd rhan yn Lleisiau staff" in page.lead.text()  # campaign text in Welsh too
    qtbot.waitUntil(lambda: win.next_button.text() == "&Dechrau")
    assert win.cancel_button.text() == "&Canslo" and win.windowTitle().startswith("Voicebooth – Lleisiau")
    assert win.pages[Step.ABOUT_YOU].title_label.text() == "Amdanoch chi"  # pages not shown yet follow
    assert cymraeg.isChecked() and not page.language_buttons["en"].isChecked()
    english = page.language_buttons["en"]
    english.setFocus()
    qtbot.keyClick(english, Qt.Key.Key_Space)
    assert page.title_label.text() == "Share your experience on video"
    qtbot.waitUntil(lambda: win.next_button.text() == "&Start")
    assert win.ctx.machine.model.locale == "en"


def test_language_names_are_autonyms_and_accessible(qtbot: QtBot, tmp_path: Path) -> None:
    page = WelcomePage(make_context(tmp_path))
    qtbot.addWidget(page)
    assert {code: b.text() for code, b in page.language_buttons.items()} == {
        "en": "✓ English",
        "cy": "Cymraeg",
    }
    assert all(b.accessibleName() for b in page.language_buttons.values())


def test_the_ahp_pack_shows_its_organiser_and_dates_in_both_languages(qtbot: QtBot, tmp_path: Path) -> None:
    from recorder.campaign import PACKS_DIR

    ctx = make_context(tmp_path, campaign_path=PACKS_DIR / "ahp-support-worker-week" / "campaign.toml")
    win = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(win)
    page = win.current_page
    assert isinstance(page, WelcomePage)
    assert page.organisation.text() == "Organiser: CSP Associate Network \u00b7 25\u201329 November 2026"
    assert "Thank you for taking part in AHP Support Worker Week" in page.lead.text()
    page.choose_language("cy")
    assert page.organisation.text() == "Trefnydd: Rhwydwaith Cyswllt y CSP \u00b7 25\u201329 Tachwedd 2026"
    assert "Wythnos Gweithwyr Cymorth AHP" in page.lead.text()
    page.choose_language("en")
