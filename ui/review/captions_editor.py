"""Burned-in captions for an export: tick, type or load an SRT, and see at once whether it can be used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recorder.export import Cue, SrtError, parse_srt
from ui.i18n import translate
from ui.review.style import show_label_text

SRT_EXAMPLE = "1\n00:00:00,000 --> 00:00:03,000\n"


class CaptionsEditor(QWidget):
    """The captions tick box, the SRT text, Load SRT file… and a line saying what is wrong or how many.

    Args:
        duration_ms: the chosen answer's length (captions must end within it), None when unknown.
        parent: the export dialog.
    """

    def __init__(self, duration_ms: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._duration_ms = duration_ms
        self.check = QCheckBox()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(SRT_EXAMPLE + "…")
        self.text.setEnabled(False)
        self.text.setFixedHeight(120)
        self.load_button = QPushButton()
        self.load_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.check, 1)
        row.addWidget(self.load_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text)
        layout.addWidget(self.status)
        self.check.toggled.connect(self._toggled)
        self.text.textChanged.connect(self.check_captions)
        self.load_button.clicked.connect(self._choose_file)

    def retranslate(self) -> None:
        self.check.setText(translate("ExportDialog", "Burn in captions (SRT)"))
        self.check.setAccessibleName(translate("ExportDialog", "Burn in captions"))
        self.text.setAccessibleName(translate("ExportDialog", "Captions in SRT format"))
        self.load_button.setText(translate("ExportDialog", "Load SRT file…"))
        self.load_button.setAccessibleName(translate("ExportDialog", "Load captions from an SRT file"))
        self.check.setAccessibleDescription(
            translate("ExportDialog", "Draws the captions below onto the picture.")
        )
        self.text.setAccessibleDescription(
            translate(
                "ExportDialog", "Numbered captions, each with a time line like 00:00:01,000 --> 00:00:03,000."
            )
        )
        self.load_button.setAccessibleDescription(
            translate("ExportDialog", "Replaces the captions above with the file's.")
        )
        self.check_captions()

    @property
    def wanted(self) -> bool:
        return self.check.isChecked()

    def cues(self) -> list[Cue]:
        """The captions to burn in (empty when not wanted); call :meth:`check_captions` first."""
        return parse_srt(self.text.toPlainText()) if self.wanted else []

    def set_running(self, running: bool) -> None:
        """Nothing can be changed while an export runs."""
        self.check.setEnabled(not running)
        self.text.setEnabled(not running and self.wanted)
        self.load_button.setEnabled(not running and self.wanted)

    def _toggled(self, on: bool) -> None:
        self.text.setEnabled(on)
        self.load_button.setEnabled(on)
        if on and not self.text.toPlainText():
            self.text.setPlainText(SRT_EXAMPLE)
        self.check_captions()

    def check_captions(self) -> bool:
        """Validate the captions; shows the problem or how many captions there are. True when usable."""
        if not self.wanted:
            self.status.clear()
            self.status.setObjectName("")
            return True
        try:
            cues = parse_srt(self.text.toPlainText(), duration_ms=self._duration_ms())
        except SrtError as error:
            self._show_status(str(error), bad=True)
            return False
        if not cues:
            self._show_status(translate("ExportDialog", "Type the captions, or load an SRT file."), bad=True)
            return False
        self._show_status(translate("ExportDialog", "{n} captions ready.").format(n=len(cues)), bad=False)
        return True

    def _show_status(self, text: str, bad: bool) -> None:
        show_label_text(self.status, text, style_name="Error" if bad else "Hint")

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            translate("ExportDialog", "Load captions"),
            "",
            translate("ExportDialog", "Captions (*.srt)"),
        )
        if path:
            self.load_srt(Path(path))

    def load_srt(self, path: Path) -> None:
        """Tick captions and show the file's text (a file that is not text is refused with a message)."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            self._show_status(
                translate("ExportDialog", "That file could not be read as text. Choose an .srt file."),
                bad=True,
            )
            return
        self.check.setChecked(True)
        self.text.setPlainText(text)
