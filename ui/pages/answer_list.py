"""The review screen's list of questions: each kept answer with its thumbnail and length, or "not answered".

Every question of the campaign is listed, so a question skipped earlier can still be answered from here.
Each row has one button: record the answer again, or answer it now.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from recorder.campaign import Campaign
from recorder.flow import FlowMachine
from ui.i18n import translate
from ui.widgets.remaining_bar import format_clock

THUMB_WIDTH_PX = 192
THUMB_HEIGHT_PX = 108


class AnswerList(QWidget):
    """One row per question: thumbnail (or an empty frame), the question and length, and a button.

    Signals:
        redo_requested(int): the person wants to (re)record the question with this index.
    """

    redo_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(12)
        self.buttons: list[QPushButton] = []
        self.thumbnails: list[QLabel] = []

    def fill(self, machine: FlowMachine, campaign: Campaign, locale: str) -> None:
        """Rebuild the rows from the machine's kept takes (in the current language)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = []
        self.thumbnails = []
        for index, prompt_id in enumerate(machine.prompt_ids):
            prompt_text = campaign.prompt(prompt_id).text.get(locale)
            kept = machine.model.kept.get(prompt_id)
            thumb = QLabel()
            thumb.setObjectName("Thumbnail")
            thumb.setFixedSize(THUMB_WIDTH_PX, THUMB_HEIGHT_PX)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setFrameShape(QFrame.Shape.Box)
            number = f"{index + 1}. {prompt_text}"
            if kept is not None:
                poster = Path(kept.take_dir) / "poster.jpg"
                pixmap = QPixmap(str(poster)) if poster.exists() else QPixmap()
                if pixmap.isNull():
                    thumb.setText(translate("CheckAndSendPage", "(no picture)"))
                else:
                    thumb.setPixmap(
                        pixmap.scaled(
                            THUMB_WIDTH_PX,
                            THUMB_HEIGHT_PX,
                            Qt.AspectRatioMode.KeepAspectRatio,
                            Qt.TransformationMode.SmoothTransformation,
                        )
                    )
                thumb.setAccessibleName(
                    translate("CheckAndSendPage", "Picture from your answer to: {prompt}").format(
                        prompt=prompt_text
                    )
                )
                text = translate("CheckAndSendPage", "{prompt}\n✓ Answered ({length} long)").format(
                    prompt=number, length=format_clock(kept.duration_s)
                )
                button = QPushButton(translate("CheckAndSendPage", "Record again"))
                button.setAccessibleName(
                    translate("CheckAndSendPage", "Record your answer again to: {prompt}").format(
                        prompt=prompt_text
                    )
                )
                button.setAccessibleDescription(
                    translate(
                        "CheckAndSendPage",
                        "Goes back to this question. Your answer is kept until you record a new one.",
                    )
                )
            else:
                thumb.setText(translate("CheckAndSendPage", "No answer"))
                thumb.setAccessibleName(translate("CheckAndSendPage", "No answer"))
                text = translate("CheckAndSendPage", "{prompt}\nNot answered: it will not be sent.").format(
                    prompt=number
                )
                button = QPushButton(translate("CheckAndSendPage", "Answer it now"))
                button.setAccessibleName(
                    translate("CheckAndSendPage", "Answer this question now: {prompt}").format(
                        prompt=prompt_text
                    )
                )
                button.setAccessibleDescription(
                    translate("CheckAndSendPage", "Goes to this question so you can record an answer.")
                )
            label = QLabel(text)
            label.setWordWrap(True)
            button.clicked.connect(lambda _checked=False, i=index: self.redo_requested.emit(i))
            self.grid.addWidget(thumb, index, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(label, index, 1)
            self.grid.addWidget(button, index, 2, Qt.AlignmentFlag.AlignVCenter)
            self.buttons.append(button)
            self.thumbnails.append(thumb)
        self.grid.setColumnStretch(1, 1)

    def set_buttons_enabled(self, enabled: bool) -> None:
        for button in self.buttons:
            button.setEnabled(enabled)
