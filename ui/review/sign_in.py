"""The sign-in dialog for reviewers: user name and password for the configured intake server.

Signing in runs on a worker thread (:mod:`ui.tasks`); the dialog stays responsive and
shows a plain message on failure (wrong password, server unreachable), keeping what was typed except the
password. The token goes to the OS password store; when there is none, the dialog says sign-ins last only
until the app closes.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recorder.review import ReviewClient, ReviewError
from ui.i18n import Retranslating, translate
from ui.tasks import Task, tasks
from ui.widgets.error_pattern import ErrorGroup, ErrorSummary, FieldProblem, FormErrors
from ui.widgets.window_behaviour import fit_window, scroll_area


class SignInDialog(Retranslating, QDialog):
    """Asks for the reviewer's user name and password and signs in.

    Signals:
        signed_in(): the client holds a fresh token (the dialog has been accepted).
    """

    signed_in = Signal()

    def __init__(self, client: ReviewClient, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.task: Task | None = None
        self.setObjectName("SignInDialog")
        self.setMinimumWidth(520)
        self.title_label = QLabel()
        self.title_label.setObjectName("PageTitle")
        self.reason_label = QLabel(reason)
        self.reason_label.setObjectName("Lead")
        self.reason_label.setWordWrap(True)
        self.reason_label.setVisible(bool(reason))
        self.server_label = QLabel()
        self.server_label.setObjectName("Hint")
        self.server_label.setWordWrap(True)
        self.username = QLineEdit(client.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label = QLabel()
        self.password_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.error_summary = ErrorSummary()  # NHS pattern: problems at the top, each field's at the field
        self.error_label = self.error_summary
        self.errors = FormErrors(self.error_summary)
        self.username_group = ErrorGroup()
        self.username_group.add(self.username_label)
        self.username_group.add(self.username)
        self.password_group = ErrorGroup()
        self.password_group.add(self.password_label)
        self.password_group.add(self.password)
        self.store_label = QLabel()
        self.store_label.setObjectName("Hint")
        self.store_label.setWordWrap(True)
        self.store_label.setVisible(not client.tokens.persistent)
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("PrimaryButton")
        self.sign_in_button.setDefault(True)
        self.quit_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        content = QWidget()  # scrolls on a small screen; the title and the buttons stay
        fields = QVBoxLayout(content)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.setSpacing(12)
        for widget in (
            self.error_summary,
            self.reason_label,
            self.server_label,
            self.username_group,
            self.password_group,
            self.store_label,
        ):
            fields.addWidget(widget)
        fields.addStretch(1)
        self.fields_area = scroll_area(content)
        layout.addWidget(self.fields_area, 1)
        layout.addLayout(buttons)
        self.sign_in_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self._return_in_username = False
        self.username.returnPressed.connect(self._to_password)
        self.username.textChanged.connect(self._recheck)
        self.password.textChanged.connect(self._recheck)
        self.quit_button.clicked.connect(self.reject)
        self.retranslate()
        (self.password if self.username.text() else self.username).setFocus()

    def retranslate(self) -> None:
        title = translate("SignInDialog", "Sign in to review")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.title_label.setText(title)
        self.server_label.setText(
            translate("SignInDialog", "Intake server: {server}").format(
                server=self.client.server_url or translate("SignInDialog", "(not set)")
            )
        )
        self.username_label.setText(translate("SignInDialog", "User name"))
        self.password_label.setText(translate("SignInDialog", "Password"))
        self.username.setAccessibleName(translate("SignInDialog", "User name"))
        self.password.setAccessibleName(translate("SignInDialog", "Password"))
        self.sign_in_button.setText(translate("SignInDialog", "Sign in"))
        self.sign_in_button.setAccessibleName(translate("SignInDialog", "Sign in"))
        self.quit_button.setText(translate("SignInDialog", "Close review mode"))
        self.quit_button.setAccessibleName(translate("SignInDialog", "Close review mode"))
        self.username.setAccessibleDescription(
            translate(
                "SignInDialog", "The reviewer account name you were given. Enter moves to the password."
            )
        )
        self.password.setAccessibleDescription(translate("SignInDialog", "Enter signs in."))
        self.sign_in_button.setAccessibleDescription(
            translate("SignInDialog", "Checks your name and password with the intake server.")
        )
        self.quit_button.setAccessibleDescription(
            translate("SignInDialog", "Closes review mode without signing in.")
        )
        self.store_label.setText(
            translate(
                "SignInDialog",
                "This computer has no secure password store, so you will need to sign in again "
                "next time you open review mode.",
            )
        )

    def show_error(self, message: str) -> None:
        """A problem with signing in that belongs to no field (wrong password, server unreachable)."""
        self.errors.show_general(message)
        self._fit_contents()

    def _to_password(self) -> None:
        """Return in the user name goes on to the password (the dialog's default button sees it next)."""
        self._return_in_username = True
        self.password.setFocus()
        QTimer.singleShot(0, self, self._return_handled)

    def _return_handled(self) -> None:
        self._return_in_username = False

    def problems(self) -> list[FieldProblem]:
        found = []
        if not self.username.text().strip():
            message = translate("SignInDialog", "Enter your user name")
            found.append(FieldProblem(self.username_group, self.username, message))
        if not self.password.text():
            message = translate("SignInDialog", "Enter your password")
            found.append(FieldProblem(self.password_group, self.password, message))
        return found

    def _recheck(self, _text: str) -> None:
        self.errors.recheck()
        self._fit_contents()

    def _fit_contents(self) -> None:
        """Grow to show a message that appeared, as far as the screen allows (then the fields scroll; they
        are never squashed: wrapped text is taller than a layout's minimum size says)."""
        fields = self.fields_area.widget()
        layout = fields.layout() if fields is not None else None
        if layout is None:
            return
        extra = (
            layout.totalHeightForWidth(self.fields_area.viewport().width())
            - self.fields_area.viewport().height()
        )
        if extra > 0:
            self.resize(self.width(), self.height() + extra)
            fit_window(self)  # kept inside the screen (taskbar excluded), moved up if need be

    def submit(self) -> None:
        """Sign in on a worker thread with what was typed."""
        if self.task is not None and not self.task.done:
            return
        username, password = self.username.text(), self.password.text()
        if self._return_in_username:  # the same Return that moved on to the password: not a submit
            self._return_in_username = False
            return
        problems = self.problems()
        if problems:
            self.errors.show(problems, check=self.problems)
            self._fit_contents()
            return
        self.errors.clear()
        self.sign_in_button.setEnabled(False)
        self.sign_in_button.setText(translate("SignInDialog", "Signing in…"))
        self.task = tasks().run(
            lambda _job: self.client.sign_in(username, password),
            owner=self,
            on_success=self._done,
            on_failure=self._failed,
            name="sign-in",
        )

    def _done(self, _result: object) -> None:
        self.password.clear()
        self.signed_in.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.retranslate()
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, ReviewError):
            self.show_error(str(error))
        else:
            self.show_error(translate("SignInDialog", "Signing in failed unexpectedly. Please try again."))
