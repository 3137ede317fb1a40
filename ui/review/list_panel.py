"""The left-hand side of review mode: filters, counts per status, and the submissions with thumbnails.

Filters go to the server (status, prompt, date range, text); the rows are a
:class:`~ui.review.list_model.SubmissionListModel` (pages fetched as the reviewer scrolls, posters only for
rows on screen), which sorts what was loaded because the list API has no sort parameter. Changing a filter
asks the window to reload (``filters_changed``; text waits 400 ms after the last key). The list keeps the
selected submission across reloads when it is still there (:meth:`show_page`).

Signals:
    filters_changed(): the filters changed; reload.
    selection_changed(str): the selected submission id ("" for none).
    load_more_requested(): the next page is wanted (Load more, or the view reached the end of the list).
    poster_wanted(str, str): a row on screen has no poster yet (submission id, take id).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QSize, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from recorder.campaign import Campaign
from recorder.review import ListFilter, SubmissionPage, SubmissionSummary
from recorder.review.models import STATUSES
from ui.i18n import Retranslating, translate
from ui.review.list_model import ID_ROLE, SORTS, SubmissionListModel
from ui.review.texts import status_text

THUMB_SIZE = QSize(96, 54)


class ListPanel(Retranslating, QWidget):
    """Filters and the submissions list.

    Signals:
        filters_changed(): reload needed.
        selection_changed(str): selected submission id, or "".
        load_more_requested(): next page wanted.
        poster_wanted(str, str): a row on screen has no poster yet (submission id, take id).
    """

    filters_changed = Signal()
    selection_changed = Signal(str)
    load_more_requested = Signal()
    poster_wanted = Signal(str, str)

    def __init__(self, campaign: Campaign, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.campaign = campaign
        self.language = locale
        self.model = SubmissionListModel(
            QSize(THUMB_SIZE.width() + 120, THUMB_SIZE.height() + 8),
            lambda submission_id, take_id: self.poster_wanted.emit(submission_id, take_id),
            self.load_more_requested.emit,
        )
        self.status = QComboBox()
        self.prompt = QComboBox()
        self.search = QLineEdit()
        self.since_check = QCheckBox()
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.until_check = QCheckBox()
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.sort = QComboBox()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("Hint")
        self.counts_label.setWordWrap(True)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setHeaderHidden(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )  # the name elides, the status shows whole
        header.setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )  # the Sort box sorts (keyboard-friendly); rows speak for themselves
        # The status column fits the rows on screen: by default Qt reads 1,000 rows' texts for it again at
        # every change (each poster arriving), which stalls the window once thousands are loaded.
        header.setResizeContentsPrecision(0)
        self.tree.setIconSize(THUMB_SIZE)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.more_button = QPushButton()
        self.more_button.hide()
        self.labels = {name: QLabel() for name in ("status", "prompt", "search", "sort")}
        self.labels["status"].setBuddy(self.status)
        self.labels["prompt"].setBuddy(self.prompt)
        self.labels["search"].setBuddy(self.search)
        self.labels["sort"].setBuddy(self.sort)
        grid = QGridLayout()
        grid.addWidget(self.labels["search"], 0, 0)
        grid.addWidget(self.search, 0, 1, 1, 3)
        grid.addWidget(self.labels["status"], 1, 0)
        grid.addWidget(self.status, 1, 1, 1, 3)
        grid.addWidget(self.labels["prompt"], 2, 0)
        grid.addWidget(self.prompt, 2, 1, 1, 3)
        grid.addWidget(self.since_check, 3, 0)
        grid.addWidget(self.since, 3, 1)
        grid.addWidget(self.until_check, 3, 2)
        grid.addWidget(self.until, 3, 3)
        grid.addWidget(self.labels["sort"], 4, 0)
        grid.addWidget(self.sort, 4, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(grid)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.more_button)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(400)
        self._search_timer.timeout.connect(self.filters_changed.emit)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.status.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.prompt.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.since_check.toggled.connect(self._dates_toggled)
        self.until_check.toggled.connect(self._dates_toggled)
        self.since.dateChanged.connect(lambda _d: self.filters_changed.emit())
        self.until.dateChanged.connect(lambda _d: self.filters_changed.emit())
        self.sort.currentIndexChanged.connect(lambda _i: self.model.resort(self.sort_key()))
        self._quiet = False  # the current row is being restored after a reload: no selection_changed
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.more_button.clicked.connect(lambda: self.model.fetchMore(QModelIndex()))
        self._counts: dict[str, int] = {}
        self._fill_combos()
        self.retranslate()

    # --- texts ----------------------------------------------------------------------------------------

    def _fill_combos(self) -> None:
        for combo in (self.status, self.prompt, self.sort):
            combo.blockSignals(True)
        status, prompt, sort = self.status.currentData(), self.prompt.currentData(), self.sort.currentData()
        self.status.clear()
        self.status.addItem(translate("ListPanel", "All statuses"), "")
        for key in STATUSES:
            count = self._counts.get(key)
            label = status_text(key) if count is None else f"{status_text(key)} ({count})"
            self.status.addItem(label, key)
        self.prompt.clear()
        self.prompt.addItem(translate("ListPanel", "All questions"), "")
        for p in self.campaign.prompts:
            self.prompt.addItem(p.text.get(self.language), p.id)
        self.sort.clear()
        names = {
            "newest": translate("ListPanel", "Newest first"),
            "oldest": translate("ListPanel", "Oldest first"),
            "name": translate("ListPanel", "Name A to Z"),
            "status": translate("ListPanel", "Status"),
        }
        for key in SORTS:
            self.sort.addItem(names[key], key)
        for combo, value in ((self.status, status), (self.prompt, prompt), (self.sort, sort)):
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def retranslate(self) -> None:
        self._fill_combos()
        self.labels["search"].setText(translate("ListPanel", "Search"))
        self.labels["status"].setText(translate("ListPanel", "Status"))
        self.labels["prompt"].setText(translate("ListPanel", "Question"))
        self.labels["sort"].setText(translate("ListPanel", "Sort"))
        self.search.setPlaceholderText(translate("ListPanel", "Name, job, workplace or reference"))
        self.search.setAccessibleName(translate("ListPanel", "Search submissions (Ctrl+F)"))
        self.status.setAccessibleName(translate("ListPanel", "Show submissions with status"))
        self.prompt.setAccessibleName(translate("ListPanel", "Show answers to question"))
        self.sort.setAccessibleName(translate("ListPanel", "Sort submissions"))
        self.since_check.setText(translate("ListPanel", "From"))
        self.since_check.setAccessibleName(translate("ListPanel", "Only submissions received from a date"))
        self.until_check.setText(translate("ListPanel", "To"))
        self.until_check.setAccessibleName(translate("ListPanel", "Only submissions received up to a date"))
        self.since.setAccessibleName(translate("ListPanel", "Received from date"))
        self.until.setAccessibleName(translate("ListPanel", "Received up to date"))
        self.tree.setAccessibleName(translate("ListPanel", "Submissions (Alt+Down next, Alt+Up previous)"))
        self.more_button.setText(translate("ListPanel", "Load more"))
        self.more_button.setAccessibleName(translate("ListPanel", "Load more submissions"))
        self.more_button.setAccessibleDescription(translate("ListPanel", "Adds the next page to the list."))
        self.search.setAccessibleDescription(
            translate("ListPanel", "The list shows matching submissions as you type.")
        )
        self.status.setAccessibleDescription(translate("ListPanel", "Each status shows how many there are."))
        self.prompt.setAccessibleDescription(
            translate("ListPanel", "Only submissions answering this question.")
        )
        self.sort.setAccessibleDescription(translate("ListPanel", "The order of the list."))
        for check in (self.since_check, self.until_check):
            check.setAccessibleDescription(translate("ListPanel", "Tick to filter by this date."))
        for edit in (self.since, self.until):
            edit.setAccessibleDescription(
                translate("ListPanel", "Year, month and day; the arrow keys change the part with the cursor.")
            )
        self.tree.setAccessibleDescription(
            translate("ListPanel", "Arrow keys choose a submission; its video and consent show on the right.")
        )
        self._show_counts()
        self.model.retranslate()

    # --- filters --------------------------------------------------------------------------------------

    def list_filter(self, page: int = 1) -> ListFilter:
        return ListFilter(
            status=str(self.status.currentData() or ""),
            prompt_id=str(self.prompt.currentData() or ""),
            since=self.since.date().toString("yyyy-MM-dd") if self.since_check.isChecked() else "",
            until=self.until.date().toString("yyyy-MM-dd") if self.until_check.isChecked() else "",
            q=self.search.text(),
            page=page,
        )

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.filters_changed.emit()

    def _dates_toggled(self) -> None:
        self.since.setEnabled(self.since_check.isChecked())
        self.until.setEnabled(self.until_check.isChecked())
        self.filters_changed.emit()

    # --- contents -------------------------------------------------------------------------------------

    @property
    def items(self) -> list[SubmissionSummary]:
        """The submissions loaded so far, in list order."""
        return self.model.summaries

    @property
    def total(self) -> int:
        """How many submissions match the filters on the server."""
        return self.model.total

    @property
    def thumbnails(self) -> Mapping[str, QIcon]:
        """The posters kept (submission id to icon)."""
        return self.model.posters

    def sort_key(self) -> str:
        return str(self.sort.currentData() or "newest")

    def show_page(self, page: SubmissionPage, append: bool = False) -> None:
        """Show ``page`` (replacing, or appended for Load more), keeping the selection when possible."""
        keep = self.selected_id()
        self.model.sort_key = self.sort_key()
        if append:
            self.model.append(page.items, page.total)
        else:
            self._quiet = True
            self.model.replace(page.items, page.total)
            row = self.model.row_of(keep) if keep else -1
            if row >= 0:
                self._set_current(row)
            self._quiet = False
            if (row < 0) != (keep == ""):
                self.selection_changed.emit(self.selected_id())
        self._counts = dict(page.counts)
        self._fill_combos()
        self._show_counts()
        self.more_button.setVisible(len(self.items) < self.total)

    def _show_counts(self) -> None:
        parts = [f"{status_text(k)}: {self._counts[k]}" for k in STATUSES if self._counts.get(k)]
        shown = translate("ListPanel", "Showing {shown} of {total}.").format(
            shown=len(self.items), total=self.total
        )
        self.counts_label.setText(f"{shown} " + " · ".join(parts))

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self.selection_changed.emit(self.selected_id())

    def _set_current(self, row: int) -> None:
        self.tree.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(self.model.index(row, 0))

    def set_thumbnail(self, submission_id: str, pixmap: QPixmap) -> None:
        self.model.set_poster(submission_id, pixmap)

    def selected_id(self) -> str:
        current = self.tree.currentIndex()
        return str(current.data(ID_ROLE)) if current.isValid() else ""

    def select(self, submission_id: str) -> bool:
        row = self.model.row_of(submission_id)
        if row < 0:
            return False
        self._set_current(row)
        return True

    def step(self, offset: int) -> None:
        """Select the next (1) or previous (-1) submission (the next page loads at the end of the list)."""
        count = self.model.rowCount()
        if not count:
            return
        current = self.tree.currentIndex()
        row = current.row() if current.isValid() else -1
        if row + offset >= count - 1:
            self.model.fetchMore(QModelIndex())
        self._set_current(max(0, min(self.model.rowCount() - 1, row + offset)))

    def summary(self, submission_id: str) -> SubmissionSummary | None:
        return self.model.summary(submission_id)
