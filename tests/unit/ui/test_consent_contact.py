"""Consent's "You may contact me": how to contact the person is asked only after a Yes, says what it is for,
is optional, is checked before going on (the field with the problem gets the focus), and goes into the
manifest only with that Yes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Step
from tests.unit.ui.test_consent import _plain_next_page, open_consent

__all__ = ["_plain_next_page"]

pytestmark = pytest.mark.usefixtures("strict_logs", "english_afterwards")


def answer_all(page: object, contact: bool) -> None:
    for choice_id, answer in page.choices.items():  # type: ignore[attr-defined]
        (answer.no if choice_id == "contact_me" and not contact else answer.yes).click()


def test_contact_details_are_asked_only_after_yes_and_say_what_for(qtbot: QtBot, tmp_path: Path) -> None:
    _win, page = open_consent(qtbot, tmp_path)
    details = page.contact_details
    assert not details.isVisible()
    page.choices["contact_me"].yes.click()
    assert details.isVisible()
    assert "only to ask you about how your video is used" in details.purpose.text()
    assert "never published" in details.purpose.text() and "deleted with your video" in details.purpose.text()
    assert details.email.accessibleName() == "Email address (optional)"
    page.choices["contact_me"].no.click()
    assert not details.isVisible()


@pytest.mark.parametrize(
    ("email", "phone", "problem"),
    [
        ("sam@", "", "email address in the correct format"),
        ("", "123", "Enter a phone number"),
        ("sam at nhs.uk", "07700 900 982", "email address in the correct format"),
    ],
)
def test_a_detail_that_cannot_be_right_stops_next_at_that_field(
    qtbot: QtBot, tmp_path: Path, email: str, phone: str, problem: str
) -> None:
    win, page = open_consent(qtbot, tmp_path)
    answer_all(page, contact=True)
    qtbot.keyClicks(page.contact_details.email, email)
    qtbot.keyClicks(page.contact_details.phone, phone)
    assert not win.go(Event.NEXT)
    assert win.ctx.machine.state.step is Step.CONSENT and win.ctx.machine.model.consent is None
    assert problem in page.error_label.text()
    assert problem in page.contact_group.message  # the message at the field too, with its red border
    assert win.focusWidget() is page.error_summary and len(page.error_summary.links) == 1  # summary first
    page.error_summary.links[0].click()  # its link moves to the field with the problem
    wrong = page.contact_details.email if "email" in problem else page.contact_details.phone
    assert win.focusWidget() is wrong


def test_valid_or_no_details_go_on_and_only_with_yes(qtbot: QtBot, tmp_path: Path) -> None:
    win, page = open_consent(qtbot, tmp_path)
    answer_all(page, contact=True)
    qtbot.keyClicks(page.contact_details.email, "  sam.jones@example.nhs.uk ")
    qtbot.keyClicks(page.contact_details.phone, "+44 7700  900 982")
    assert win.go(Event.NEXT)
    model = win.ctx.machine.model
    assert model.contact == {"email": "sam.jones@example.nhs.uk", "phone": "+44 7700 900 982"}
    plan = win.ctx.session.send_plan()
    assert plan.contact == model.contact

    win.go(Event.BACK)  # changed their mind: No forgets what was typed
    assert win.current_page is page and page.contact_details.email.text() == "sam.jones@example.nhs.uk"
    page.choices["contact_me"].no.click()
    assert win.go(Event.NEXT)
    assert win.ctx.machine.model.contact == {}
    assert win.ctx.session.send_plan().contact == {}


def test_contact_details_are_optional(qtbot: QtBot, tmp_path: Path) -> None:
    win, page = open_consent(qtbot, tmp_path)
    answer_all(page, contact=True)
    assert win.go(Event.NEXT)
    assert win.ctx.machine.model.contact == {}
