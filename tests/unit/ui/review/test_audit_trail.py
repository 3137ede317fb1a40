"""The audit trail in the detail panel reads as plain words against a real server: who, what, when in the
computer's local time and the note; never a raw key (``changes_requested``), an ISO time or an id.
In Welsh too."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from tests.helpers.server import IntakeServer
from tests.integration.review.seed import Seeded, audit_actions, decide_directly, deliverable, seed
from tests.unit.ui.review.conftest import open_signed_in
from ui.i18n import Translations
from ui.review.services import ReviewServices
from ui.review.window import ReviewWindow

OpenWindow = Callable[[ReviewServices], ReviewWindow]
#: What must never reach a reviewer's eyes: ISO times, server keys with underscores, bare UTC marks.
RAW = re.compile(r"\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}|\bZ\b|UTC|_|\{|\}|→")


@pytest.fixture
def india_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock is UTC+05:30, so local time visibly differs from the server's UTC."""
    monkeypatch.setenv("TZ", "IST-05:30")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def local(at_utc: str) -> str:
    """How the trail should show a server time, in local time: ``Wed 25 Nov 2026, 17:33``."""
    moment = datetime.fromisoformat(at_utc.replace("Z", "+00:00")).astimezone()
    return f"{moment:%a} {moment.day} {moment:%b} {moment.year}, {moment:%H:%M}"


def shown(window: ReviewWindow) -> list[str]:
    trail = window.detail_panel.audit.list
    return [trail.item(i).text() for i in range(trail.count())]  # type: ignore[union-attr]


def open_detail(qtbot: QtBot, window: ReviewWindow, seeded: Seeded, events: int) -> list[str]:
    window.list_panel.select(seeded.submission_id)
    qtbot.waitUntil(
        lambda: (
            window.detail_panel.detail is not None
            and window.detail_panel.detail.submission_id == seeded.submission_id
            and len(shown(window)) == events
        ),
        timeout=20_000,
    )
    return shown(window)


def test_every_audit_entry_reads_as_plain_words_in_local_time(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
    india_time: None,
) -> None:
    clip = deliverable(tmp_path)
    kept = seed(intake_server, clip, name="Priya Shah")
    gone = seed(intake_server, clip, name="Owen Price")
    headers = {"Authorization": f"Bearer {intake_server.login()}"}
    decide_directly(intake_server, kept, "changes_requested", "Please say which ward you work on.")
    response = requests.post(
        f"{intake_server.url}/api/v1/review/takes/{kept.take_ids[0]}/comments",
        json={"at_ms": 1250, "text": "Lovely smile here"},
        headers=headers,
        timeout=30,
    )
    assert response.status_code == 201, response.text
    decide_directly(intake_server, kept, "approved")
    exported = requests.get(
        f"{intake_server.url}/api/v1/review/takes/{kept.take_ids[0]}/export",
        params={"use": "internal"},
        headers=headers,
        timeout=30,
    )
    assert exported.status_code == 200, exported.text
    unverified = seed(intake_server, clip, name="Ffion", campaign_id="before-publishing")
    response = requests.post(
        f"{intake_server.url}/api/v1/review/submissions/{unverified.submission_id}/wording",
        json={"reason": "The signed paper form shows version 2."},
        headers=headers,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    response = requests.post(
        f"{intake_server.url}/api/v1/review/submissions/{gone.submission_id}/withdraw",
        json={"note": "She phoned the comms office and read out her code."},
        headers=headers,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    trail = audit_actions(intake_server, kept.submission_id)
    assert [a["action"] for a in trail] == [
        "created", "take_attached", "received", "decision", "comment", "decision", "export_download"
    ]  # fmt: skip

    window = open_signed_in(qtbot, open_window, services, intake_server, 3)
    lines = open_detail(qtbot, window, kept, len(trail))
    whens = [local(a["at_utc"]) for a in trail]
    assert lines == [
        f"{whens[0]} — The app started sending it.",
        f"{whens[1]} — The app finished uploading answer 1.",
        f"{whens[2]} — Received in full and checked; reference {kept.reference}.",
        f"{whens[3]} — reviewer asked for changes. Note: Please say which ward you work on.",
        f"{whens[4]} — reviewer commented on answer 1 at 0:01. “Lovely smile here”",
        f"{whens[5]} — reviewer approved it.",
        f"{whens[6]} — reviewer fetched answer 1 to export for internal use only.",
    ]
    utc_clock = datetime.fromisoformat(trail[0]["at_utc"].replace("Z", "+00:00")).strftime("%H:%M")
    assert not lines[0].split(" — ")[0].endswith(utc_clock), "the time is the computer's, not UTC"

    withdrawn = open_detail(qtbot, window, gone, len(audit_actions(intake_server, gone.submission_id)))
    assert withdrawn[-1].endswith(
        " — reviewer withdrew it at the person's request; video files deleted: 1. "
        "Note: She phoned the comms office and read out her code."
    )
    confirmed = open_detail(
        qtbot, window, unverified, len(audit_actions(intake_server, unverified.submission_id))
    )
    assert confirmed[-1].endswith(
        " — reviewer recorded how the consent wording is known. Note: The signed paper form shows version 2."
    )
    for line in lines + withdrawn + confirmed:
        assert not RAW.search(line.replace(kept.reference, "").replace(gone.reference, "")), line
        for seeded in (kept, gone):
            assert seeded.submission_id not in line and seeded.take_ids[0] not in line, line


def test_the_audit_trail_follows_the_language(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    one = seed(intake_server, deliverable(tmp_path), name="Mair Evans")
    decide_directly(intake_server, one, "rejected", "A patient can be seen in the background.")
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    english = open_detail(qtbot, window, one, 4)
    assert english[-1].endswith(" — reviewer rejected it. Note: A patient can be seen in the background.")
    translations = Translations(tmp_path / "qm")
    try:
        assert translations.set_locale("cy")
        qtbot.waitUntil(lambda: shown(window) != english, timeout=20_000)
        welsh = shown(window)
        assert welsh[-1].endswith(
            " — Gwrthododd reviewer ef. Nodyn: A patient can be seen in the background."
        )
        assert welsh[0].endswith(" — Dechreuodd yr ap ei anfon.")
        assert not RAW.search(welsh[-1].replace(one.reference, ""))
    finally:
        assert translations.set_locale("en")
    qtbot.waitUntil(lambda: shown(window) == english, timeout=20_000)
