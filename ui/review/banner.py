"""A plain-English problem message across the top of the review window, with Try again and Dismiss."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n import Retranslating, translate


class ErrorBanner(Retranslating, QFrame):
    """Shows one problem at a time; Try again re-runs what failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewBanner")
        self.label = QLabel()
        self.label.setObjectName("Error")
        self.label.setWordWrap(True)
        self.retry_button = QPushButton()
        self.dismiss_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.dismiss_button)
        self._retry: Callable[[], None] | None = None
        self.retry_button.clicked.connect(self._on_retry)
        self.dismiss_button.clicked.connect(self.clear)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.retry_button.setText(translate("ReviewBanner", "Try again"))
        self.retry_button.setAccessibleName(translate("ReviewBanner", "Try again"))
        self.dismiss_button.setText(translate("ReviewBanner", "Dismiss"))
        self.dismiss_button.setAccessibleName(translate("ReviewBanner", "Dismiss this message"))
        self.retry_button.setAccessibleDescription(translate("ReviewBanner", "Does what failed once more."))
        self.dismiss_button.setAccessibleDescription(translate("ReviewBanner", "Hides the message."))

    def show_problem(self, message: str, retry: Callable[[], None] | None = None) -> None:
        """Show ``message``; with ``retry`` a Try again button runs it (and hides the message)."""
        self._retry = retry
        self.label.setText(message)
        self.label.setAccessibleName(message)
        self.retry_button.setVisible(retry is not None)
        self.show()
        (self.retry_button if retry is not None else self.dismiss_button).setFocus()

    def clear(self) -> None:
        self._retry = None
        self.label.clear()
        self.hide()

    @property
    def message(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _on_retry(self) -> None:
        retry = self._retry
        self.clear()
        if retry is not None:
            retry()
