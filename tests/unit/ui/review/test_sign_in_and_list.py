"""Review mode against a real intake server (offscreen): signing in (wrong password, stored sign-in,
expired sign-in), the list's filters, counts, sort, thumbnails, and refresh keeping the selection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import requests
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from recorder.review import SubmissionPage
from tests.helpers.qt import StrictLogs, wait_for_all
from tests.helpers.server import IntakeServer
from tests.integration.review.seed import (
    MemoryKeyring,
    Seeded,
    decide_directly,
    deliverable,
    expire_sign_ins,
    seed,
)
from tests.unit.ui.review.conftest import make_services, open_signed_in, sign_in_through_dialog, wait_for_list
from ui.review.services import ReviewServices
from ui.review.window import ReviewWindow

OpenWindow = Callable[[ReviewServices], ReviewWindow]


def seed_three(server: IntakeServer, folder: Path) -> list[Seeded]:
    clip = deliverable(folder)
    return [
        seed(server, clip, name="Priya Shah", prompt_id="love-role", job_title="Porter"),
        seed(server, clip, name="Owen Price", prompt_id="nhs-better"),
        seed(server, clip, name="Mair Evans", prompt_id="love-role"),
    ]


def names(window: ReviewWindow) -> list[str]:
    model = window.list_panel.model
    return [str(model.index(row, 0).data()).split("\n")[0] for row in range(model.rowCount())]


def test_wrong_password_keeps_the_dialog_and_stores_nothing(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    memory_keyring: MemoryKeyring,
) -> None:
    window = open_window(services)
    window.start()
    sign_in_through_dialog(qtbot, window, "reviewer", "wrong password")
    dialog = window._sign_in
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=20_000)
    assert "not right" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.password.text() == "" and dialog.username.text() == "reviewer"

    def unsquashed() -> bool:  # the message never squashes the fields (they scroll on a small screen)
        return all(f.height() >= f.sizeHint().height() for f in (dialog.username, dialog.password))

    qtbot.waitUntil(unsquashed, timeout=5000)
    dialog.username.clear()
    dialog.sign_in_button.click()  # both empty: a link per field in the summary, each message at its field
    links = [link.text() for link in dialog.error_summary.links]
    assert links == ["Enter your user name", "Enter your password"]
    assert dialog.username_group.property("error") is True and dialog.password_group.property("error") is True
    qtbot.waitUntil(unsquashed, timeout=5000)
    dialog.error_summary.links[1].click()
    assert dialog.password.hasFocus()
    qtbot.keyClicks(dialog.username, "reviewer")  # fixed: its message goes at once
    assert dialog.username_group.property("error") is False
    assert [link.text() for link in dialog.error_summary.links] == ["Enter your password"]
    assert memory_keyring.secrets == {}
    assert not window.client.signed_in
    sign_in_through_dialog(qtbot, window, *intake_server.reviewer)
    qtbot.waitUntil(lambda: window._sign_in is None, timeout=20_000)
    assert window.client.signed_in and len(memory_keyring.secrets) == 1
    assert "Signed in as reviewer" in window.who_label.text()


def test_a_stored_sign_in_opens_straight_to_the_list(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    seed(intake_server, deliverable(tmp_path), name="Sam")
    services.client.sign_in(*intake_server.reviewer)
    fresh = make_services(intake_server.url, tmp_path / "exports2")
    try:
        window = open_window(fresh)
        window.start()
        wait_for_list(qtbot, window, 1)
        assert window._sign_in is None
        window.close()
    finally:
        wait_for_all(20_000)
        fresh.close()


def test_an_expired_sign_in_asks_again_then_retries(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    strict_logs: StrictLogs,
) -> None:
    strict_logs.expect("Could not open media|401 Unauthorized")  # the player is refused as well
    seed(intake_server, deliverable(tmp_path), name="Sam")
    window = open_signed_in(qtbot, open_window, services, intake_server, 1)
    qtbot.waitUntil(lambda: window._sign_in is None and len(memory_keyring.secrets) == 1, timeout=20_000)
    old_token = window.client.http.token
    expire_sign_ins(intake_server)  # the server's own clock now finds this sign-in expired
    answer = requests.get(
        f"{intake_server.url}/api/v1/review/submissions",
        headers={"Authorization": f"Bearer {old_token}"},
        timeout=10,
    )
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "token_expired"
    window.reload()
    qtbot.waitUntil(lambda: window._sign_in is not None and window._sign_in.isVisible(), timeout=20_000)
    dialog = window._sign_in
    assert dialog is not None and "sign-in has ended" in dialog.reason_label.text()
    qtbot.waitUntil(lambda: memory_keyring.secrets == {}, timeout=10_000)  # the dead token is not kept
    window.list_panel.show_page(SubmissionPage((), 0, 1, 1, {}))  # so the list only fills on a retry
    sign_in_through_dialog(qtbot, window, *intake_server.reviewer)
    wait_for_list(qtbot, window, 1)  # the reload that failed ran again after signing in
    assert window.client.http.token not in (None, old_token)
    assert len(memory_keyring.secrets) == 1
    assert all(old_token not in stored for stored in memory_keyring.secrets.values())
    assert window.banner.message == ""


def test_filters_counts_and_sort(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    _priya, owen, _mair = seed_three(intake_server, tmp_path)
    decide_directly(intake_server, owen, "approved")
    window = open_signed_in(qtbot, open_window, services, intake_server, 3)
    panel = window.list_panel
    assert "New: 2" in panel.counts_label.text() and "Approved: 1" in panel.counts_label.text()
    assert "(2)" in panel.status.itemText(panel.status.findData("received"))

    panel.status.setCurrentIndex(panel.status.findData("approved"))
    wait_for_list(qtbot, window, 1)
    assert names(window) == ["Owen Price"]
    panel.status.setCurrentIndex(0)
    wait_for_list(qtbot, window, 3)

    panel.prompt.setCurrentIndex(panel.prompt.findData("nhs-better"))
    wait_for_list(qtbot, window, 1)
    assert names(window) == ["Owen Price"]
    panel.prompt.setCurrentIndex(0)
    wait_for_list(qtbot, window, 3)

    qtbot.keyClicks(panel.search, "porter")  # job titles are searched too
    wait_for_list(qtbot, window, 1)
    assert names(window) == ["Priya Shah"]
    panel.search.clear()
    panel.search.returnPressed.emit()
    wait_for_list(qtbot, window, 3)

    panel.until.setDate(QDate.fromString((date.today() - timedelta(days=1)).isoformat(), "yyyy-MM-dd"))
    panel.until_check.setChecked(True)
    wait_for_list(qtbot, window, 0)
    panel.until_check.setChecked(False)
    panel.since.setDate(QDate.currentDate())
    panel.since_check.setChecked(True)
    wait_for_list(qtbot, window, 3)

    panel.sort.setCurrentIndex(panel.sort.findData("name"))
    assert names(window) == ["Mair Evans", "Owen Price", "Priya Shah"]
    panel.sort.setCurrentIndex(panel.sort.findData("status"))
    assert names(window)[-1] == "Owen Price"  # new ones first, then approved


def test_refresh_keeps_the_selection_and_thumbnails_arrive(
    qtbot: QtBot,
    intake_server: IntakeServer,
    services: ReviewServices,
    open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    seeded = seed_three(intake_server, tmp_path)
    window = open_signed_in(qtbot, open_window, services, intake_server, 3)
    qtbot.waitUntil(lambda: len(window.list_panel.thumbnails) == 3, timeout=20_000)
    icon = window.list_panel.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    window.list_panel.select(seeded[1].submission_id)
    qtbot.waitUntil(
        lambda: (
            window.detail_panel.detail is not None
            and window.detail_panel.detail.submission_id == seeded[1].submission_id
        ),
        timeout=20_000,
    )
    seed(intake_server, deliverable(tmp_path / "more"), name="Newcomer")
    window.refresh()
    wait_for_list(qtbot, window, 4)
    assert window.list_panel.selected_id() == seeded[1].submission_id
    assert window.detail_panel.detail is not None
    assert window.detail_panel.detail.submission_id == seeded[1].submission_id
