"""The review window's top bar: who is signed in where, and the Refresh, metadata CSV and Sign out buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n import translate


class TopBar(QFrame):
    """Who is signed in, and the window-wide buttons (the window connects their ``clicked``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.who_label = QLabel()
        self.who_label.setObjectName("Hint")
        self.who_label.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.csv_button = QPushButton()
        self.sign_out_button = QPushButton()
        row = QHBoxLayout(self)
        row.addWidget(self.who_label, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.csv_button)
        row.addWidget(self.sign_out_button)

    def retranslate(self, username: str, server_url: str, signed_in: bool) -> None:
        """Texts in the current language, naming ``username`` at ``server_url`` when signed in."""
        self.who_label.setText(
            translate("ReviewWindow", "Signed in as {user} at {server}").format(
                user=username, server=server_url
            )
            if signed_in
            else translate("ReviewWindow", "Not signed in")
        )
        self.refresh_button.setText(translate("ReviewWindow", "Refresh (F5)"))
        self.refresh_button.setAccessibleName(translate("ReviewWindow", "Refresh the list"))
        self.csv_button.setText(translate("ReviewWindow", "Download metadata CSV"))
        self.csv_button.setAccessibleName(
            translate("ReviewWindow", "Download the metadata of all submissions")
        )
        self.sign_out_button.setText(translate("ReviewWindow", "Sign out"))
        self.sign_out_button.setVisible(signed_in)  # nothing to sign out of
        self.sign_out_button.setAccessibleName(translate("ReviewWindow", "Sign out"))
        self.refresh_button.setAccessibleDescription(
            translate("ReviewWindow", "Loads the list again; the chosen submission stays chosen.")
        )
        self.csv_button.setAccessibleDescription(
            translate(
                "ReviewWindow", "Saves a spreadsheet of every received submission, without withdrawn ones."
            )
        )
        self.sign_out_button.setAccessibleDescription(
            translate("ReviewWindow", "Ends your sign-in and removes it from this computer (Ctrl+Shift+Q).")
        )
