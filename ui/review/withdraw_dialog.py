"""Withdraw at the person's request: says plainly that the videos are deleted for good, asks for a note,
then withdraws on a worker thread (:meth:`recorder.review.ReviewClient.withdraw`).

The person's route to withdraw is their reference code, given to the campaign's contact (the Done page and
the consent wording say so); this is where that contact acts on it. Cancel is the default button, so
Enter never deletes anything by accident; the note box takes Tab to move on.

Signals:
    withdrawn(object): the :class:`recorder.review.Withdrawal` the server answered with.
    signed_out(object, object): a :class:`SignedOutError` and a retry function (the window signs in again).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recorder.review import ReviewClient, SignedOutError, SubmissionDetail, Withdrawal
from ui.i18n import Retranslating, translate
from ui.review.errors import can_retry, error_message
from ui.review.style import show_label_text
from ui.review.texts import friendly_time
from ui.tasks import Task, tasks

NOTE_MAX_CHARS = 2000


def withdrawn_message(result: Withdrawal) -> str:
    """What the reviewer is told once the server has answered."""
    if result.already:
        return translate(
            "WithdrawDialog",
            "This submission had already been withdrawn on {when}; its videos had been deleted.",
        ).format(when=friendly_time(result.withdrawn_utc))
    return translate(
        "WithdrawDialog",
        "Withdrawn. Its videos were deleted from the server. Remember to delete any copies you exported "
        "and take down posts that used them.",
    )


class WithdrawDialog(Retranslating, QDialog):
    """Confirms and performs a withdrawal at the person's request.

    Signals:
        withdrawn(object): the server's :class:`Withdrawal` (also when it had already been withdrawn).
        signed_out(object, object): the error and a function that tries again once signed in.
    """

    withdrawn = Signal(object)
    signed_out = Signal(object, object)

    def __init__(self, client: ReviewClient, detail: SubmissionDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.detail = detail
        self.task: Task | None = None
        self.result_withdrawal: Withdrawal | None = None
        self.setObjectName("WithdrawDialog")
        self.setMinimumWidth(640)
        self.title_label = QLabel()
        self.title_label.setObjectName("PageTitle")
        self.title_label.setWordWrap(True)
        self.reference_label = QLabel()
        self.reference_label.setObjectName("SectionTitle")
        self.reference_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explain_label = QLabel()
        self.explain_label.setWordWrap(True)
        self.after_label = QLabel()
        self.after_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.note_label.setBuddy(self.note)
        self.error_label = QLabel()
        self.error_label.setObjectName("Error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("DangerButton")
        self.withdraw_button.setAutoDefault(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (self.title_label, self.reference_label, self.explain_label, self.after_label,
                       self.note_label, self.note, self.error_label, self.status_label):  # fmt: skip
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.withdraw_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self._failed_once = False
        self.retranslate()
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- texts ----------------------------------------------------------------------------------------

    def _reference(self) -> str:
        return self.detail.summary.reference or self.detail.submission_id[:8]

    def retranslate(self) -> None:
        title = translate("WithdrawDialog", "Withdraw at the person's request")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.title_label.setText(title)
        self.reference_label.setText(
            translate("WithdrawDialog", "Reference code: {reference}").format(reference=self._reference())
        )
        self.explain_label.setText(
            translate(
                "WithdrawDialog",
                "Do this only when the person in the video asks, for example by giving you this code. It "
                "deletes every video of this submission from the server now and for good, and removes the "
                "person's details. It cannot be undone. The code, the consent record and the audit trail "
                "are kept.",
            )
        )
        self.after_label.setText(
            translate(
                "WithdrawDialog",
                "Afterwards, also delete any copies you exported or downloaded, and take down posts that "
                "used the video.",
            )
        )
        self.note_label.setText(
            translate(
                "WithdrawDialog",
                "Note for the audit trail (needed): how and when the person asked. Please do not write "
                "their phone number or e-mail address.",
            )
        )
        self.note.setPlaceholderText(
            translate("WithdrawDialog", "For example: phoned the comms team on Monday and read out the code.")
        )
        self.note.setAccessibleName(translate("WithdrawDialog", "Note: how the person asked to withdraw"))
        self.note.setAccessibleDescription(
            translate("WithdrawDialog", "Needed. Saved in the audit trail with your name.")
        )
        self.withdraw_button.setText(
            translate("WithdrawDialog", "Try again")
            if self._failed_once
            else translate("WithdrawDialog", "Withdraw and delete the videos")
        )
        self.withdraw_button.setAccessibleName(
            translate("WithdrawDialog", "Withdraw and delete the videos for good")
        )
        self.withdraw_button.setAccessibleDescription(
            translate(
                "WithdrawDialog", "Deletes every video of this submission from the server now. No undo."
            )
        )
        self.cancel_button.setText(translate("WithdrawDialog", "Cancel"))
        self.cancel_button.setAccessibleName(translate("WithdrawDialog", "Cancel, keep the videos"))
        self.cancel_button.setAccessibleDescription(
            translate("WithdrawDialog", "Closes this window; nothing is deleted.")
        )

    # --- work -----------------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        show_label_text(self.error_label, message, hide_when_empty=True)
        self._fit()

    def _fit(self) -> None:
        """Tall enough for every wrapped text at the current width (adjustSize stops at 2/3 of the screen)."""
        layout = self.layout()
        if layout is not None and self.isVisible():
            needed_px = layout.heightForWidth(self.width())
            if needed_px > self.height():
                self.resize(self.width(), needed_px)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()
        self.activateWindow()  # typing goes to the note at once, also when the window was just re-activated
        self.note.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _set_running(self, running: bool) -> None:
        for widget in (self.note, self.withdraw_button, self.cancel_button):
            widget.setEnabled(not running)
        show_label_text(
            self.status_label,
            translate("WithdrawDialog", "Withdrawing… deleting the videos on the server.") if running else "",
        )

    def submit(self) -> None:
        """Check the note here, then withdraw on a worker thread."""
        if self.task is not None and not self.task.done:
            return
        note = self.note.toPlainText().strip()
        if not note:
            self.show_error(
                translate("WithdrawDialog", "Write a note saying how the person asked, then try again.")
            )
            self.note.setFocus()
            return
        if len(note) > NOTE_MAX_CHARS:
            self.show_error(
                translate(
                    "WithdrawDialog", "The note is too long. Please keep it under {n} characters."
                ).format(n=NOTE_MAX_CHARS)
            )
            self.note.setFocus()
            return
        self.show_error("")
        self._set_running(True)
        submission_id = self.detail.submission_id
        self.task = tasks().run(
            lambda _job: self.client.withdraw(submission_id, note),
            on_success=self._succeeded,
            on_failure=self._failed,
            name="withdraw",
            owner=self,
        )

    def _retry_if_open(self) -> None:
        """Withdraw again after signing in, unless the reviewer closed this dialog meanwhile."""
        if shiboken6.isValid(self) and self.isVisible():
            self.submit()

    def _succeeded(self, result: object) -> None:
        assert isinstance(result, Withdrawal)
        self.result_withdrawal = result
        self._set_running(False)
        self.withdrawn.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, SignedOutError):
            self.signed_out.emit(error, self._retry_if_open)
        message = error_message(error)
        if can_retry(error):
            self._failed_once = True
            message = translate("WithdrawDialog", "{problem} Trying again does no harm.").format(
                problem=message
            )
        self.retranslate()
        self.show_error(message)
        (self.withdraw_button if can_retry(error) else self.cancel_button).setFocus()
