"""Decisions with a note, timecoded comments (activating one seeks the player) and the audit trail.

These widgets only show and collect; the window runs the requests on worker threads.

Signals (DecisionBox):
    decided(str, str): a decision key and the note.
Signals (CommentsView):
    seek_requested(str, int): take id and position in ms of an activated comment.
    comment_requested(str): the text to add at the player's current position.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recorder.review import SubmissionDetail
from ui.i18n import Retranslating, translate
from ui.lengths import format_position
from ui.review.audit_text import audit_lines
from ui.review.style import show_label_text
from ui.review.texts import status_text

#: The decisions a note is required for (the person and the team need to know why).
NOTE_REQUIRED = ("changes_requested", "rejected")


class DecisionBox(Retranslating, QWidget):
    """Approve / request changes / reject, with a note.

    Signals:
        decided(str, str): decision and note, after the note check passed.
    """

    decided = Signal(str, str)
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("SectionTitle")
        self.heading.setWordWrap(True)
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(52)
        self.error_label = QLabel()
        self.error_label.setObjectName("Error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("PrimaryButton")
        self.changes_button = QPushButton()
        self.reject_button = QPushButton()
        self.undo_button = QPushButton()
        self.undo_button.hide()
        # Two by two: low enough for the bar to stay on screen, narrow enough for a 1366x768 laptop at 125 %.
        buttons = QGridLayout()
        buttons.addWidget(self.approve_button, 0, 0)
        buttons.addWidget(self.changes_button, 0, 1)
        buttons.addWidget(self.reject_button, 1, 0)
        buttons.addWidget(self.undo_button, 1, 1)
        buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()  # one line: the bar stays low on a 768-pixel screen
        title_row.addWidget(self.heading)
        title_row.addWidget(self.current_label, 1)
        layout.addLayout(title_row)
        layout.addWidget(self.note)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.approve_button.clicked.connect(lambda: self.decide("approved"))
        self.changes_button.clicked.connect(lambda: self.decide("changes_requested"))
        self.reject_button.clicked.connect(lambda: self.decide("rejected"))
        self.undo_button.clicked.connect(self.undo)
        self._status = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("DecisionBox", "Your decision"))
        self.note.setPlaceholderText(
            translate("DecisionBox", "Note (needed when you request changes or reject)")
        )
        self.note.setAccessibleName(translate("DecisionBox", "Decision note"))
        self.approve_button.setText(translate("DecisionBox", "Approve (Alt+A)"))
        self.approve_button.setAccessibleName(translate("DecisionBox", "Approve"))
        self.changes_button.setText(translate("DecisionBox", "Request changes (Alt+C)"))
        self.changes_button.setAccessibleName(translate("DecisionBox", "Request changes"))
        self.reject_button.setText(translate("DecisionBox", "Reject (Alt+R)"))
        self.reject_button.setAccessibleName(translate("DecisionBox", "Reject"))
        self.note.setAccessibleDescription(
            translate("DecisionBox", "Saved with your decision in the audit trail (Alt+N comes here).")
        )
        self.undo_button.setText(translate("DecisionBox", "Undo last decision (Ctrl+Z)"))
        self.undo_button.setAccessibleName(translate("DecisionBox", "Undo the last decision"))
        self.undo_button.setAccessibleDescription(
            translate(
                "DecisionBox",
                "Puts the status back; the audit trail keeps the decision and the undo (Ctrl+Z).",
            )
        )
        self.approve_button.setAccessibleDescription(
            translate("DecisionBox", "The video may be used (Alt+A).")
        )
        self.changes_button.setAccessibleDescription(
            translate("DecisionBox", "Asks for changes; the note says which (Alt+C).")
        )
        self.reject_button.setAccessibleDescription(
            translate("DecisionBox", "The video will not be used; the note says why (Alt+R).")
        )
        self.current_label.setText(
            translate("DecisionBox", "Status now: {status}").format(status=status_text(self._status))
            if self._status
            else ""
        )

    def show_status(self, status: str, decidable: bool) -> None:
        """Show the current status; buttons work only for submissions that can still be decided."""
        self._status = status
        for button in (self.approve_button, self.changes_button, self.reject_button):
            button.setEnabled(decidable)
        self.note.setEnabled(decidable)
        self.retranslate()

    def show_error(self, message: str) -> None:
        show_label_text(self.error_label, message, hide_when_empty=True)

    def set_undoable(self, undoable: bool) -> None:
        """Offer Undo while the last thing done to the submission is a decision."""
        self.undo_button.setVisible(undoable)

    def undo(self) -> None:
        if self.undo_button.isVisible() and self.undo_button.isEnabled():
            self.undo_requested.emit()

    def decide(self, decision: str) -> None:
        if not self.approve_button.isEnabled():
            return
        note = self.note.toPlainText().strip()
        if decision in NOTE_REQUIRED and not note:
            self.show_error(
                translate("DecisionBox", "Write a note saying why, so the team knows what to do next.")
            )
            self.note.setFocus()
            return
        self.show_error("")
        self.decided.emit(decision, note)

    def clear_note(self) -> None:
        self.note.clear()


class CommentsView(Retranslating, QWidget):
    """The comments on the submission's takes; Enter or a click on one seeks the player there.

    Signals:
        seek_requested(str, int): take id and position (ms).
        comment_requested(str): text to add at the player's position.
    """

    seek_requested = Signal(str, int)
    comment_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("SectionTitle")
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setMinimumHeight(90)
        self.list.setWordWrap(True)  # a long comment is read whole, not cut at the edge
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text = QLineEdit()
        self.add_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.text)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.add_button.clicked.connect(self._add)
        self.text.returnPressed.connect(self._add)
        self._position_ms = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("CommentsView", "Comments (click one to jump to its time)"))
        self.list.setAccessibleName(translate("CommentsView", "Comments"))
        self.text.setPlaceholderText(translate("CommentsView", "Comment at the current time"))
        self.text.setAccessibleName(translate("CommentsView", "New comment"))
        self.add_button.setText(
            translate("CommentsView", "Add at {time} (Alt+M)").format(time=format_position(self._position_ms))
        )
        self.add_button.setAccessibleName(translate("CommentsView", "Add the comment at the current time"))
        self.list.setAccessibleDescription(
            translate("CommentsView", "Enter on a comment jumps the video to it.")
        )
        self.text.setAccessibleDescription(
            translate("CommentsView", "Enter adds it at the video's position.")
        )
        self.add_button.setAccessibleDescription(
            translate("CommentsView", "Saves the comment at the video's position (Alt+M).")
        )

    def set_position(self, position_ms: int) -> None:
        if position_ms // 1000 != self._position_ms // 1000:
            self._position_ms = position_ms
            self.retranslate()
        self._position_ms = position_ms

    def show_detail(self, detail: SubmissionDetail | None) -> None:
        self.list.clear()
        if detail is None:
            return
        prompts = {t.take_id: i + 1 for i, t in enumerate(detail.summary.takes)}
        for comment in sorted(detail.comments, key=lambda c: (prompts.get(c.take_id, 0), c.at_ms)):
            text = translate("CommentsView", "Answer {n} at {time}: {text} ({who})").format(
                n=prompts.get(comment.take_id, "?"),
                time=format_position(comment.at_ms),
                text=comment.text,
                who=comment.reviewer,
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (comment.take_id, comment.at_ms))
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        take_id, at_ms = item.data(Qt.ItemDataRole.UserRole)
        self.seek_requested.emit(str(take_id), int(at_ms))

    def _add(self) -> None:
        text = self.text.text().strip()
        if text:
            self.comment_requested.emit(text)

    def clear_text(self) -> None:
        self.text.clear()


class AuditView(Retranslating, QWidget):
    """The submission's audit trail, oldest first, in plain words (read-only; see ui/review/audit_text.py)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("SectionTitle")
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setMinimumHeight(90)
        self.list.setWordWrap(True)  # a long comment is read whole, not cut at the edge
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)  # a note can be long; the whole sentence stays readable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self._detail: SubmissionDetail | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("AuditView", "Audit trail"))
        self.list.setAccessibleName(translate("AuditView", "Audit trail"))
        self.list.setAccessibleDescription(
            translate("AuditView", "Everything done to this submission, oldest first: when, who, what.")
        )
        self._fill()

    def show_detail(self, detail: SubmissionDetail | None) -> None:
        self._detail = detail
        self._fill()

    def _fill(self) -> None:
        """One line per event in the current language (again after a language change)."""
        self.list.clear()
        if self._detail is not None:
            self.list.addItems(audit_lines(self._detail))
