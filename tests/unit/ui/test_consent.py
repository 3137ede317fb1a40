"""Consent: explicit choices; no way on without the required ones; the hash is of the text shown."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Step
from tests.helpers.flow_app import make_context
from ui.main_window import MainWindow
from ui.pages.base import PAGE_REGISTRY, Page
from ui.pages.consent import ConsentPage

pytestmark = pytest.mark.usefixtures("strict_logs", "english_afterwards")


class NextStep(Page):
    """Stands in for the device check so these tests stay about consent (and open no camera)."""


@pytest.fixture(autouse=True)
def _plain_next_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(PAGE_REGISTRY, Step.DEVICE_CHECK, NextStep)


def open_consent(qtbot: QtBot, tmp_path: Path, locale: str = "en") -> tuple[MainWindow, ConsentPage]:
    ctx = make_context(tmp_path)
    win = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(win)
    win.show()
    if locale != "en":
        win.pages[Step.WELCOME].choose_language(locale)  # type: ignore[attr-defined]
    win.go(Event.NEXT)
    win.go(Event.NEXT)
    page = win.current_page
    assert isinstance(page, ConsentPage)
    return win, page


def test_shows_every_section_of_the_campaign_consent(qtbot: QtBot, tmp_path: Path) -> None:
    _win, page = open_consent(qtbot, tmp_path)
    version = page.ctx.campaign.consent
    shown = [label.text() for label in page.bodies]
    assert shown == [s.body.get("en") for s in version.sections]
    assert "(required)" in page.choice_labels["record_and_use"].text()
    assert "(required)" not in page.choice_labels["social_media"].text()


def test_cannot_continue_without_answers_or_with_a_required_no(qtbot: QtBot, tmp_path: Path) -> None:
    win, page = open_consent(qtbot, tmp_path)
    assert not win.go(Event.NEXT)
    assert page.error_label.text().count("Answer Yes or No:") == 3  # one line per question in the summary
    page.choices["record_and_use"].no.click()
    page.choices["social_media"].yes.click()
    page.choices["contact_me"].no.click()
    # Answered: those problems went at once; the required question answered No is a problem still.
    assert len(page.error_summary.links) == 1
    assert page.choice_groups["social_media"].property("error") is False
    assert not win.go(Event.NEXT)
    assert page.error_label.text().count("\n") == 0  # only the required question that was answered No
    assert "(required)" in page.error_label.text() and "nothing has been recorded" in page.error_label.text()
    assert page.choice_groups["record_and_use"].property("error") is True
    assert page.choice_groups["social_media"].property("error") is False
    assert win.ctx.machine.model.consent is None and win.ctx.machine.state.step is Step.CONSENT


def test_consent_record_has_choices_and_hash_of_the_wording_shown(qtbot: QtBot, tmp_path: Path) -> None:
    win, page = open_consent(qtbot, tmp_path)
    page.choices["record_and_use"].yes.click()
    page.choices["social_media"].no.click()
    page.choices["contact_me"].yes.click()
    assert win.go(Event.NEXT)
    consent = win.ctx.machine.model.consent
    assert consent is not None and win.ctx.machine.state.step is Step.DEVICE_CHECK
    assert consent.version_id == "staff-voices-consent-v3"
    assert consent.choices == {"record_and_use": True, "social_media": False, "contact_me": True}
    shown_parts = []
    for heading, body in zip(page.headings, page.bodies, strict=True):
        shown_parts += [heading.text(), body.text()]
    shown_parts += [f"[ ] {page.ctx.campaign.consent.choices[i].label.get('en')}" for i in range(3)]
    assert consent.text_sha256 == hashlib.sha256("\n\n".join(shown_parts).encode()).hexdigest()
    win.go(Event.BACK)  # coming back shows the answers given
    assert page.answers() == {"record_and_use": True, "social_media": False, "contact_me": True}


def test_welsh_consent_is_shown_and_hashed_in_welsh(qtbot: QtBot, tmp_path: Path) -> None:
    win, page = open_consent(qtbot, tmp_path, locale="cy")
    assert page.bodies[0].text().startswith("Hoffem recordio")
    assert page.choices["record_and_use"].yes.text() == "Ie"
    for widget in page.choices.values():
        widget.yes.click()
    assert win.go(Event.NEXT)
    consent = win.ctx.machine.model.consent
    assert consent is not None
    assert consent.text_sha256 == page.ctx.campaign.consent.text_sha256("cy")
