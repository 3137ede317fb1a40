"""The "Are you still there?" screen: shown over the flow when a person has not used the app for a while.

It replaces the page (so nothing of the person stays readable on a shared screen), offers "Yes, I am still
here" (the default, focused) and "No, delete and start again", and in booth mode counts down to the
discard in words.

Signals:
    still_here(): the person answered Yes.
    start_again(): the person answered No (delete everything of theirs).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import Retranslating, translate
from ui.widgets.remaining_bar import format_clock


class StillTherePanel(Retranslating, QWidget):
    """The question, what happens next, and the two answers."""

    still_here = Signal()
    start_again = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.booth = False
        self.seconds_left: int | None = None
        self.title_label = QLabel()
        self.title_label.setObjectName("PageTitle")
        self.title_label.setWordWrap(True)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("Lead")
        self.countdown_label.setWordWrap(True)
        self.yes_button = QPushButton()
        self.yes_button.setObjectName("PrimaryButton")
        self.yes_button.setDefault(True)
        self.no_button = QPushButton()
        self.yes_button.clicked.connect(self.still_here.emit)
        self.no_button.clicked.connect(self.start_again.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.yes_button)
        buttons.addWidget(self.no_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        for widget in (self.title_label, self.text_label, self.countdown_label):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate()

    def show_question(self, *, booth: bool, seconds_left: int | None) -> None:
        """Update the wording for booth mode (with the seconds left) or the gentle question outside it."""
        self.booth = booth
        self.seconds_left = seconds_left
        self.retranslate()

    def retranslate(self) -> None:
        title = translate("StillTherePanel", "Are you still there?")
        self.title_label.setText(title)
        self.title_label.setAccessibleName(title)
        self.setAccessibleName(title)
        if self.booth:
            text = translate(
                "StillTherePanel",
                "Nobody has used Voicebooth for a while. To protect your privacy, everything you entered "
                "and recorded will be deleted from this computer, and nothing will be sent, unless you "
                "answer.",
            )
        else:
            text = translate(
                "StillTherePanel",
                "Nobody has used Voicebooth for a while, so your details and answers are hidden. Choose "
                "Yes to carry on where you were. Nothing is deleted unless you choose to start again.",
            )
        self.text_label.setText(text)
        self.setAccessibleDescription(text)
        seconds = self.seconds_left
        self.countdown_label.setVisible(self.booth and seconds is not None)
        if self.booth and seconds is not None:
            self.countdown_label.setText(
                translate("StillTherePanel", "Deleting in {time}").format(time=format_clock(seconds))
            )
        self.yes_button.setText(translate("StillTherePanel", "&Yes, I am still here"))
        self.yes_button.setAccessibleName(translate("StillTherePanel", "Yes, I am still here"))
        self.yes_button.setAccessibleDescription(
            translate("StillTherePanel", "Carry on where you were. Nothing is deleted.")
        )
        self.no_button.setText(translate("StillTherePanel", "No, &delete and start again"))
        self.no_button.setAccessibleName(translate("StillTherePanel", "No, delete and start again"))
        self.no_button.setAccessibleDescription(
            translate(
                "StillTherePanel",
                "Deletes the details, consent answers and recordings of this person from this computer. "
                "Nothing is sent.",
            )
        )

    def focus_answer(self) -> None:
        """Put the keyboard on the safe answer."""
        self.yes_button.setFocus(Qt.FocusReason.OtherFocusReason)
