"""The review list at a week's volume: pages load as the view reaches the end, posters only for rows on
screen, a bounded poster cache, and the selection kept through re-sorting (the real list panel, offscreen)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from recorder.campaign import load_campaign
from recorder.review import SubmissionPage, SubmissionSummary
from recorder.review.models import PersonField, TakeInfo
from ui.review.list_model import POSTERS_KEPT
from ui.review.list_panel import ListPanel

TOTAL = 1000
PER_PAGE = 100
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def summary(index: int) -> SubmissionSummary:
    """Submission ``index`` (0 is the newest), with one take."""
    return SubmissionSummary(
        submission_id=f"sub-{index:04d}",
        reference=f"VB{index:06d}",
        status=("received", "approved", "rejected")[index % 3],
        received_utc=START - timedelta(minutes=index),
        person=(PersonField("name", f"Person {TOTAL - index:04d}", True),),
        takes=(TakeInfo(f"take-{index:04d}", "love-role", "", 1.0),),
    )


def page(number: int) -> SubmissionPage:
    first = (number - 1) * PER_PAGE
    items = tuple(summary(i) for i in range(first, min(TOTAL, first + PER_PAGE)))
    return SubmissionPage(items, TOTAL, number, PER_PAGE, {"received": TOTAL})


class Server:
    """Answers the panel's requests for the next page as the list loader does (one page per request)."""

    def __init__(self, panel: ListPanel) -> None:
        self.panel = panel
        self.asked = 0
        self.posters: list[str] = []
        panel.load_more_requested.connect(self.next_page)
        panel.poster_wanted.connect(lambda submission_id, _take: self.posters.append(submission_id))

    def next_page(self) -> None:
        self.asked += 1
        self.panel.show_page(page(self.asked + 1), append=True)


def open_panel(qtbot: QtBot) -> tuple[ListPanel, Server]:
    panel = ListPanel(load_campaign(), "en")
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    server = Server(panel)
    panel.show_page(page(1))
    panel.show()
    qtbot.waitExposed(panel)
    return panel, server


def test_scrolling_to_the_end_loads_every_page_once_and_asks_posters_only_for_rows_on_screen(
    qtbot: QtBot,
) -> None:
    panel, server = open_panel(qtbot)
    qtbot.wait(50)
    shown_first = len(set(server.posters))
    assert 0 < shown_first < 20  # the rows on screen, not the hundred loaded
    bar = panel.tree.verticalScrollBar()
    while panel.model.rowCount() < TOTAL or bar.value() < bar.maximum():
        bar.setValue(bar.maximum())
        qtbot.wait(5)
    assert server.asked == TOTAL // PER_PAGE - 1  # each page once, and nothing after the last
    assert not panel.model.canFetchMore(QModelIndex()) and not panel.more_button.isVisible()
    assert [s.submission_id for s in panel.items] == [summary(i).submission_id for i in range(TOTAL)]
    assert len(set(server.posters)) < 20 * (TOTAL // PER_PAGE)  # the end of each page, not every row


def test_the_keyboard_reaches_the_next_page_and_the_load_more_button_still_works(qtbot: QtBot) -> None:
    panel, server = open_panel(qtbot)
    loaded = panel.model.rowCount()  # the view may fill itself a page ahead when first laid out
    panel.more_button.click()
    loaded += PER_PAGE
    assert panel.model.rowCount() == loaded and server.asked == loaded // PER_PAGE - 1
    panel.select(summary(loaded - 2).submission_id)
    panel.step(1)  # onto the last loaded row: the next page is asked for
    assert panel.model.rowCount() == loaded + PER_PAGE
    assert panel.selected_id() == summary(loaded - 1).submission_id
    panel.step(1)
    assert panel.selected_id() == summary(loaded).submission_id


def test_the_poster_cache_keeps_the_most_recent_and_repaints_only_their_rows(qtbot: QtBot) -> None:
    panel, _server = open_panel(qtbot)
    picture = QPixmap(96, 54)
    for index in range(PER_PAGE):
        panel.set_thumbnail(summary(index).submission_id, picture)
    for index in range(3 * POSTERS_KEPT):  # posters of rows not loaded (yet): kept, then dropped
        panel.set_thumbnail(f"elsewhere-{index}", picture)
    assert len(panel.thumbnails) == POSTERS_KEPT
    assert next(reversed(panel.thumbnails)) == f"elsewhere-{3 * POSTERS_KEPT - 1}"


def test_sorting_keeps_the_selected_submission_selected_and_in_view(qtbot: QtBot) -> None:
    panel, _server = open_panel(qtbot)
    chosen = summary(37).submission_id
    assert panel.select(chosen)
    changes: list[str] = []
    panel.selection_changed.connect(changes.append)
    panel.sort.setCurrentIndex(panel.sort.findData("name"))
    assert panel.selected_id() == chosen and changes == []
    loaded = panel.model.rowCount()
    assert panel.items[0].display_name == f"Person {TOTAL - loaded + 1:04d}"  # what was loaded, by name
    panel.tree.scrollTo(panel.tree.currentIndex(), QAbstractItemView.ScrollHint.EnsureVisible)
    panel.show_page(page(1))  # a reload keeps it too, without telling the window it changed
    assert panel.selected_id() == chosen and changes == []


def test_a_page_appended_adds_rows_without_a_reset_and_keeps_selection_and_scroll_position(
    qtbot: QtBot,
) -> None:
    panel, _server = open_panel(qtbot)
    loaded = panel.model.rowCount()
    chosen = summary(loaded // 2).submission_id
    assert panel.select(chosen)
    bar = panel.tree.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    assert scrolled > 0
    events: list[str] = []
    panel.model.modelReset.connect(lambda: events.append("reset"))
    panel.model.layoutChanged.connect(lambda: events.append("layout"))
    panel.model.rowsInserted.connect(lambda _parent, first, last: events.append(f"rows {first}-{last}"))
    changes: list[str] = []
    panel.selection_changed.connect(changes.append)
    panel.show_page(page(loaded // PER_PAGE + 1), append=True)
    assert events == [f"rows {loaded}-{loaded + PER_PAGE - 1}"]  # one insert at the end, no reset, no re-sort
    assert panel.model.rowCount() == loaded + PER_PAGE
    assert panel.selected_id() == chosen and changes == []
    assert bar.value() == scrolled
