"""The detail screen against a real server: the clip plays through the local proxy (frames reach the
player), seek and speed; the consent record; decisions with notes land in the server's audit trail;
timecoded comments seek the player; a missing clip and an unreachable server give plain messages with
Try again."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from tests.helpers.qt import StrictLogs
from tests.helpers.server import IntakeServer
from tests.integration.review.seed import Seeded, audit_actions, deliverable, seed
from tests.unit.ui.review.conftest import open_signed_in, wait_for_list
from ui.review.services import ReviewServices
from ui.review.window import ReviewWindow

OpenWindow = Callable[[ReviewServices], ReviewWindow]


@pytest.fixture
def one(intake_server: IntakeServer, tmp_path: Path) -> Seeded:
    return seed(intake_server, deliverable(tmp_path, duration_s=2.0), name="Priya Shah", job_title="Porter")


def showing(qtbot: QtBot, window: ReviewWindow, seeded: Seeded) -> None:
    window.list_panel.select(seeded.submission_id)
    qtbot.waitUntil(
        lambda: (
            window.detail_panel.detail is not None
            and window.detail_panel.detail.submission_id == seeded.submission_id
        ),
        timeout=20_000,
    )


def test_the_clip_streams_into_the_player_with_seek_and_speed(
    qtbot: QtBot, intake_server: IntakeServer, services: ReviewServices, open_window: OpenWindow, one: Seeded
) -> None:
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    showing(qtbot, window, one)
    player = window.detail_panel.player
    assert player.player.source().toString().startswith("http://127.0.0.1:")
    qtbot.waitUntil(lambda: player.frames_shown > 0, timeout=20_000)  # the paused first frame
    qtbot.waitUntil(lambda: player.player.duration() > 1500, timeout=10_000)
    player.set_speed(2.0)
    assert player.player.playbackRate() == 2.0
    before = player.frames_shown
    player.toggle()
    qtbot.waitUntil(lambda: player.frames_shown > before + 10, timeout=20_000)
    player.toggle()
    player.seek(1500)
    qtbot.waitUntil(lambda: abs(player.position_ms - 1500) < 200, timeout=10_000)
    assert "0:01 / 0:02" in player.time_label.text()


def test_consent_and_person_are_shown_as_recorded(
    qtbot: QtBot, intake_server: IntakeServer, services: ReviewServices, open_window: OpenWindow, one: Seeded
) -> None:
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    showing(qtbot, window, one)
    consent = window.detail_panel.consent
    assert "current" in consent.state_label.text()
    assert consent.use_label.text() == "May be used: internal communications and public social media."
    assert not consent.wording_record_button.isVisibleTo(window)  # the server verified the wording
    assert "staff-voices-consent-v3" in consent.facts_label.text() and re.search(
        r"Expires: \w{3} \d{1,2} \w{3} 20\d\d, \d\d:\d\d", consent.facts_label.text()
    )
    choices = consent.choices_label.text()
    assert "✓ Yes: I agree to be recorded" in choices and "✗ No: You may contact me" in choices
    assert "exactly the words the person was shown (the intake server's record)" in (
        consent.verified_label.text()
    )
    assert consent.wording.toPlainText().startswith("Why we are asking")
    assert "Name: Priya Shah (may be shown with the video)" in consent.person_label.text()
    assert "Job title: Porter (NOT to be shown)" in consent.person_label.text()
    assert not window.detail_panel.export_button.isEnabled()  # not approved yet


def test_reviewers_see_how_to_contact_a_person_who_agreed(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    contact = {"email": "mair.evans@example.nhs.uk", "phone": "07700 900 982"}
    mair = seed(intake_server, deliverable(tmp_path, duration_s=2.0), name="Mair Evans", contact=contact)
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    showing(qtbot, window, mair)
    people = window.detail_panel.consent.person_label.text()
    assert "Email: mair.evans@example.nhs.uk (only to contact them about how their video is used)" in people
    assert "Phone: 07700 900 982 (only to contact them" in people
    assert "✓ Yes: You may contact me" in window.detail_panel.consent.choices_label.text()


def test_decisions_with_notes_reach_the_audit_trail(
    qtbot: QtBot, intake_server: IntakeServer, services: ReviewServices, open_window: OpenWindow, one: Seeded
) -> None:
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    showing(qtbot, window, one)
    box = window.detail_panel.decision
    box.reject_button.click()  # no note: refused here, nothing sent
    assert box.error_label.isVisible() and "Write a note" in box.error_label.text()
    assert [a["action"] for a in audit_actions(intake_server, one.submission_id)].count("decision") == 0
    box.note.setPlainText("Lovely answer, approved for the campaign")
    box.approve_button.click()
    qtbot.waitUntil(
        lambda: window.detail_panel.detail is not None and window.detail_panel.detail.status == "approved",
        timeout=20_000,
    )
    trail = audit_actions(intake_server, one.submission_id)
    decisions = [a for a in trail if a["action"] == "decision"]
    assert len(decisions) == 1 and decisions[0]["actor"] == "reviewer"
    assert decisions[0]["detail"] == {"from": "received", "to": "approved"}
    detail = window.detail_panel.detail
    assert detail.decisions[-1].note == "Lovely answer, approved for the campaign"
    assert any(window.detail_panel.audit.list.item(i).text().endswith(  # type: ignore[union-attr]
                   " — reviewer approved it. Note: Lovely answer, approved for the campaign")
               for i in range(window.detail_panel.audit.list.count()))  # fmt: skip
    assert box.note.toPlainText() == ""
    qtbot.waitUntil(lambda: window.list_panel.model.index(0, 1).data() == "Approved", timeout=20_000)
    assert window.detail_panel.export_button.isEnabled()


def test_comments_are_timecoded_and_clicking_one_seeks(
    qtbot: QtBot, intake_server: IntakeServer, services: ReviewServices, open_window: OpenWindow, one: Seeded
) -> None:
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    showing(qtbot, window, one)
    player = window.detail_panel.player
    qtbot.waitUntil(lambda: player.player.duration() > 1500, timeout=20_000)
    player.seek(1200)
    qtbot.waitUntil(lambda: abs(player.position_ms - 1200) < 150, timeout=10_000)
    comments = window.detail_panel.comments
    comments.text.setText("Great smile here")
    comments.add_button.click()
    qtbot.waitUntil(lambda: comments.list.count() == 1, timeout=20_000)
    assert "at 0:01: Great smile here (reviewer)" in comments.list.item(0).text()  # type: ignore[union-attr]
    assert comments.text.text() == ""
    player.seek(0)
    qtbot.waitUntil(lambda: player.position_ms < 150, timeout=10_000)
    item = comments.list.item(0)
    assert item is not None
    rect = comments.list.visualItemRect(item)
    qtbot.mouseClick(comments.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(player.position_ms - 1200) < 150, timeout=10_000)
    assert ("reviewer", "comment") in [
        (a["actor"], a["action"]) for a in audit_actions(intake_server, one.submission_id)
    ]


def test_a_clip_missing_on_the_server_is_explained_with_try_again(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    one: Seeded,
    strict_logs: StrictLogs,
    tmp_path: Path,
) -> None:
    strict_logs.expect("Could not open media|HTTP error|Server returned")
    (media,) = (intake_server.data_dir / "media").glob("*.mp4")
    kept = tmp_path / "kept.mp4"
    media.rename(kept)  # the server lost the file (disk fault, half-finished restore...)
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    showing(qtbot, window, one)
    qtbot.waitUntil(lambda: bool(window.banner.message), timeout=20_000)
    assert "not on the server any more" in window.banner.message
    assert window.detail_panel.player.player.mediaStatus() == QMediaPlayer.MediaStatus.InvalidMedia
    assert window.banner.retry_button.isVisible()
    kept.rename(media)  # restored
    window.banner.retry_button.click()
    qtbot.waitUntil(lambda: window.detail_panel.player.frames_shown > 0, timeout=20_000)
    assert window.banner.message == ""


def test_server_unreachable_then_try_again(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    one: Seeded,
    strict_logs: StrictLogs,
) -> None:
    strict_logs.expect("Could not open media|Server returned|HTTP error")  # the player loses its stream too
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    intake_server.stop()
    window.refresh()
    qtbot.waitUntil(lambda: bool(window.banner.message), timeout=30_000)
    assert "127.0.0.1 is not accepting connections (it may be down)" in window.banner.message
    assert window.banner.retry_button.isVisible()
    intake_server.launch()
    window.banner.retry_button.click()
    qtbot.waitUntil(lambda: window.banner.message == "", timeout=10_000)
    wait_for_list(qtbot, window, 1)
    assert window.list_panel.selected_id() == "" or window.list_panel.selected_id() == one.submission_id


def test_deciding_unwatched_asks_first_and_the_last_decision_can_be_undone(
    qtbot: QtBot, intake_server: IntakeServer, services: ReviewServices, open_window: OpenWindow, one: Seeded
) -> None:
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    showing(qtbot, window, one)
    asked: list[str] = []
    window.review_actions.confirm = lambda _title, question: asked.append(question) or False
    box = window.detail_panel.decision
    assert not box.undo_button.isVisible()  # nothing decided yet
    box.approve_button.click()
    assert asked and "answer 1" in asked[0]  # not watched: asked, and "Watch first" sent nothing
    assert [a["action"] for a in audit_actions(intake_server, one.submission_id)].count("decision") == 0
    player = window.detail_panel.player
    player.toggle()
    qtbot.waitUntil(lambda: player.playing, timeout=20_000)
    box.approve_button.click()
    assert len(asked) == 1  # watched: no question
    panel = window.detail_panel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.status == "approved", timeout=20_000)
    qtbot.waitUntil(box.undo_button.isVisible, timeout=5000)
    box.undo_button.click()
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.status == "received", timeout=20_000)
    trail = [a for a in audit_actions(intake_server, one.submission_id) if a["action"].startswith("decision")]
    assert [(a["action"], a["detail"]) for a in trail] == [
        ("decision", {"from": "received", "to": "approved"}),
        ("decision_undone", {"from": "approved", "to": "received"}),
    ]
    assert not box.undo_button.isVisible()  # an undo is not undone again: decide anew instead
