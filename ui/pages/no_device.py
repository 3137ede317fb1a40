"""The panel shown instead of the preview when the camera or microphone cannot be used, with what to do."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import translate


class Missing(enum.Enum):
    """Which device is the problem."""

    UNSET = "unset"  # never shown
    CAMERA = "camera"
    MICROPHONE = "microphone"
    BOTH = "both"


class NoDevicePanel(QWidget):
    """Says which device is missing, the system's reason, and the steps to try; offers Try again.

    Signals:
        retry(): the person fixed something and wants to try again.
    """

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing = Missing.UNSET
        self.reasons: list[str] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.steps_label = QLabel()
        self.steps_label.setWordWrap(True)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    def show_problem(self, missing: Missing, reasons: list[str]) -> None:
        """Show the problem; ``reasons`` are the sources' own plain-English messages."""
        self.missing = missing
        self.reasons = [r for r in reasons if r]
        self.retranslate()

    def retranslate(self) -> None:
        headings = {
            Missing.UNSET: "",
            Missing.CAMERA: translate("NoDevicePanel", "We cannot use your camera"),
            Missing.MICROPHONE: translate("NoDevicePanel", "We cannot use your microphone"),
            Missing.BOTH: translate("NoDevicePanel", "We cannot use your camera or your microphone"),
        }
        self.heading.setText(headings[self.missing])
        self.reason_label.setText("\n".join(self.reasons))
        self.steps_label.setText(
            translate(
                "NoDevicePanel",
                "What to do:\n"
                "• Check the camera or headset is plugged in, then choose it in the list above.\n"
                "• Close other programs that may be using it, such as Teams, Zoom or Skype.\n"
                "• If your computer asks whether Voicebooth may use the camera or microphone, choose Allow.\n"
                "• Then choose Try again. If it still does not work, ask your IT service desk.",
            )
        )
        self.retry_button.setText(translate("NoDevicePanel", "&Try again"))
        self.retry_button.setAccessibleName(translate("NoDevicePanel", "Try the camera and microphone again"))
        self.setAccessibleName(self.heading.text())
