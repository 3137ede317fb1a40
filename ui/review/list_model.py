"""The submissions list as a Qt model: pages fetched as the reviewer scrolls, posters only for rows on screen.

A week's volume is thousands of submissions. The view (a ``QTreeView`` with uniform row heights) asks only
for the rows it paints, so the model never builds a widget per submission: a page from the server is one
``beginInsertRows`` (or one re-sort), and :meth:`canFetchMore` / :meth:`fetchMore` ask for the next page when
the view reaches the end of what is loaded. A row's poster is asked for the first time the view paints it
(``want_poster``, fetched on a worker thread by :class:`~ui.review.thumbnails.ThumbnailLoader`) and kept in
a small cache of the most recently shown (:data:`POSTERS_KEPT`), so memory does not grow with the list.

Sorting is done here on what was loaded (the list API orders newest first and has no sort parameter).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap

from recorder.review import SubmissionSummary
from recorder.review.models import STATUSES
from ui.review.texts import status_text

#: Posters kept for rows scrolled away (about ten screens of the list).
POSTERS_KEPT = 200
ID_ROLE = Qt.ItemDataRole.UserRole
SORTS = ("newest", "oldest", "name", "status")
_FAR_PAST = "0000"
Index = QModelIndex | QPersistentModelIndex


def _received(summary: SubmissionSummary) -> str:
    return summary.received_utc.isoformat() if summary.received_utc else _FAR_PAST


def sorted_summaries(items: Iterable[SubmissionSummary], key: str) -> list[SubmissionSummary]:
    """``items`` in the order of the Sort box's ``key`` (newest first for anything unknown)."""
    if key == "oldest":
        return sorted(items, key=_received)
    if key == "name":
        return sorted(items, key=lambda s: (s.display_name.casefold() or "\uffff", s.reference))
    if key == "status":
        return sorted(items, key=lambda s: STATUSES.index(s.status) if s.status in STATUSES else 99)
    return sorted(items, key=_received, reverse=True)


def row_title(summary: SubmissionSummary) -> str:
    """The first column's two lines: name, then reference and when it was received."""
    reference = summary.reference or summary.submission_id[:8]
    when = summary.received_utc.astimezone().strftime("%d %b %H:%M") if summary.received_utc else ""
    second = f"{reference} · {when}" if when else reference
    return f"{summary.display_name}\n{second}" if summary.display_name else second


class SubmissionListModel(QAbstractTableModel):
    """Loaded submissions (name and reference; status), sorted by ``sort_key``.

    Args:
        row_size: each row's size hint (the poster's size plus room for the text).
        want_poster: asked (submission id, first take id) when a row without a poster is painted.
        fetch_more: asked for the next page when the view reaches the end of the loaded rows.
    """

    def __init__(
        self,
        row_size: QSize,
        want_poster: Callable[[str, str], None],
        fetch_more: Callable[[], None],
    ) -> None:
        super().__init__()
        self.summaries: list[SubmissionSummary] = []
        self.total = 0
        self.sort_key = "newest"
        self.posters: OrderedDict[str, QIcon] = OrderedDict()
        self.fetching = False  # a next page was asked for and has not arrived (or failed)
        self._row_of: dict[str, int] = {}
        self._titles: dict[str, str] = {}
        self._row_size = row_size
        self._want_poster = want_poster
        self._fetch_more = fetch_more

    # --- Qt model ---------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.summaries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.summaries):
            return None
        summary = self.summaries[index.row()]
        if role == ID_ROLE:
            return summary.submission_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 1:
                return status_text(summary.status)
            title = self._titles.get(summary.submission_id)
            if title is None:
                title = self._titles[summary.submission_id] = row_title(summary)
            return title
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._poster(summary)
        if role == Qt.ItemDataRole.SizeHintRole and index.column() == 0:
            return self._row_size
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.fetching and len(self.summaries) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.fetching = True
            self._fetch_more()

    # --- contents ---------------------------------------------------------------------------------------

    def replace(self, items: Sequence[SubmissionSummary], total: int) -> None:
        """Show ``items`` instead of what was listed (a new filter or a reload)."""
        self.beginResetModel()
        self.summaries = sorted_summaries(items, self.sort_key)
        self.total = total
        self.fetching = False
        self._titles.clear()
        self._index_rows()
        self.endResetModel()

    def append(self, items: Sequence[SubmissionSummary], total: int) -> None:
        """Add the next page (rows already listed, e.g. moved up by a newer submission, are skipped)."""
        self.fetching = False
        self.total = total
        new = [s for s in items if s.submission_id not in self._row_of]
        if not new:
            return
        if self.sort_key == "newest" and (
            not self.summaries or _received(new[0]) <= _received(self.summaries[-1])
        ):
            first = len(self.summaries)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self.summaries.extend(new)
            self._index_rows(first)
            self.endInsertRows()
            return
        self.resort(extra=new)

    def resort(self, key: str | None = None, extra: Sequence[SubmissionSummary] = ()) -> None:
        """Sort again (by ``key`` when given), adding ``extra`` rows; selection and current row follow."""
        self.layoutAboutToBeChanged.emit()
        if key is not None:
            self.sort_key = key
        kept = self.persistentIndexList()
        kept_ids = [
            self.summaries[i.row()].submission_id if i.row() < len(self.summaries) else "" for i in kept
        ]
        self.summaries = sorted_summaries([*self.summaries, *extra], self.sort_key)
        self._index_rows()
        moved = [
            self.index(self._row_of[sid], i.column()) if sid in self._row_of else QModelIndex()
            for i, sid in zip(kept, kept_ids, strict=True)
        ]
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        """Repaint every row (the status column is in the interface language)."""
        if self.summaries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.summaries) - 1, 1))

    def _index_rows(self, start: int = 0) -> None:
        if start == 0:
            self._row_of = {}
        for row in range(start, len(self.summaries)):
            self._row_of[self.summaries[row].submission_id] = row

    def row_of(self, submission_id: str) -> int:
        """The row of a loaded submission, or -1."""
        return self._row_of.get(submission_id, -1)

    def summary(self, submission_id: str) -> SubmissionSummary | None:
        row = self._row_of.get(submission_id)
        return None if row is None else self.summaries[row]

    # --- posters ----------------------------------------------------------------------------------------

    def _poster(self, summary: SubmissionSummary) -> QIcon | None:
        icon = self.posters.get(summary.submission_id)
        if icon is not None:
            self.posters.move_to_end(summary.submission_id)
            return icon
        if summary.takes:
            self._want_poster(summary.submission_id, summary.takes[0].take_id)
        return None

    def set_poster(self, submission_id: str, pixmap: QPixmap) -> None:
        """A poster arrived: keep it (dropping the longest unseen beyond :data:`POSTERS_KEPT`), repaint."""
        self.posters[submission_id] = QIcon(pixmap)
        self.posters.move_to_end(submission_id)
        while len(self.posters) > POSTERS_KEPT:
            self.posters.popitem(last=False)
        row = self._row_of.get(submission_id)
        if row is not None:
            cell = self.index(row, 0)
            self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])
