"""What the reviewer asks the server to do from the window: decide with a note, comment, record how a
consent wording is known, save the CSV.

Each request runs off the UI thread; once it succeeds the list and the shown submission are loaded again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from recorder.review import ReviewClient
from ui.i18n import translate
from ui.review.background import RunRequest
from ui.review.detail_loader import DetailLoader
from ui.review.detail_panel import DetailPanel
from ui.review.list_loader import ListLoader


class ReviewActions:
    """Decisions, comments and the metadata CSV for the window.

    Args:
        client: the review API client.
        detail_panel: the shown submission (its note, comment box and player position).
        lists: reloads the list after a decision.
        details: reloads the shown submission after a change.
        run: runs a request off the UI thread.
        export_dir: where the CSV is offered to be saved.
        parent: the window (for the save dialog).
    """

    def __init__(
        self,
        client: ReviewClient,
        detail_panel: DetailPanel,
        lists: ListLoader,
        details: DetailLoader,
        run: RunRequest,
        export_dir: Path,
        parent: QWidget,
    ) -> None:
        self.client = client
        self.detail_panel = detail_panel
        self.lists = lists
        self.details = details
        self._run = run
        self.export_dir = export_dir
        self.parent = parent
        # Asks (title, question) -> True to go on; tests answer it themselves.
        # (A plain comment: lupdate would take a "#:" one here for the next translated string.)
        self.confirm: Callable[[str, str], bool] = self._ask

    def _ask(self, title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self.parent)
        box.setAccessibleName(title)
        box.setAccessibleDescription(question)
        go = box.addButton(translate("ReviewWindow", "Decide anyway"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(translate("ReviewWindow", "Watch first"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)  # the safe answer on Return
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is go

    def decide(self, decision: str, note: str) -> None:
        detail = self.detail_panel.detail
        if detail is None:
            return
        submission_id = detail.submission_id
        unwatched = self.detail_panel.unwatched_answers()
        if unwatched and not self.confirm(
            translate("ReviewWindow", "Not watched yet"),
            translate(
                "ReviewWindow", "You have not watched answer {numbers} yet. Decide anyway without watching?"
            ).format(numbers=", ".join(str(n) for n in unwatched)),
        ):
            return

        def done(_result: object) -> None:
            if (
                self.detail_panel.detail is not None
                and self.detail_panel.detail.submission_id == submission_id
            ):
                self.detail_panel.decision.clear_note()
            self.lists.reload()
            if self.details.wanted == submission_id:
                self.details.load(submission_id)

        self._run(
            "decision",
            lambda: self.client.decide(submission_id, decision, note),
            done,
            lambda: self.decide(decision, note),
        )

    def undo_decision(self) -> None:
        """Undo the last decision on the shown submission (the server keeps both in the audit trail)."""
        detail = self.detail_panel.detail
        if detail is None:
            return
        submission_id = detail.submission_id

        def done(_status: object) -> None:
            self.lists.reload()
            if self.details.wanted == submission_id:
                self.details.load(submission_id)

        self._run(
            "undo decision",
            lambda: self.client.undo_decision(submission_id),
            done,
            self.undo_decision,
        )

    def record_wording(self, reason: str) -> None:
        """Record on the server how the shown submission's not-verified wording is known, then reload it."""
        detail = self.detail_panel.detail
        if detail is None:
            return
        submission_id = detail.submission_id

        def done(_result: object) -> None:
            self.detail_panel.consent.wording_reason.clear()
            if self.details.wanted == submission_id:
                self.details.load(submission_id)

        self._run(
            "wording",
            lambda: self.client.confirm_wording(submission_id, reason),
            done,
            lambda: self.record_wording(reason),
        )

    def comment_from_box(self) -> None:
        text = self.detail_panel.comments.text.text().strip()
        if text:
            self.comment(text)
        else:
            self.detail_panel.comments.text.setFocus()

    def comment(self, text: str) -> None:
        detail, take_id = self.detail_panel.detail, self.detail_panel.current_take_id()
        if detail is None or take_id is None:
            return
        at_ms = self.detail_panel.player.position_ms
        submission_id = detail.submission_id

        def done(_result: object) -> None:
            self.detail_panel.comments.clear_text()
            if self.details.wanted == submission_id:
                self.details.load(submission_id)

        self._run(
            "comment",
            lambda: self.client.comment(take_id, at_ms, text),
            done,
            lambda: self.comment(text),
        )

    def ask_where_to_save_csv(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self.parent,
            translate("ReviewWindow", "Save the metadata CSV"),
            str(self.export_dir / "voicebooth-submissions.csv"),
            translate("ReviewWindow", "CSV files (*.csv)"),
        )
        if path:
            self.save_server_csv(Path(path))

    def save_server_csv(self, path: Path) -> None:
        self._run(
            "csv",
            lambda: self.client.download_csv(path),
            lambda _p: None,
            lambda: self.save_server_csv(path),
        )
