"""The prompt page's controls after a take: what the check found, watch back, keep, record again and trim.

Shown in the CHECK and WATCH_BACK phases of :class:`recorder.flow.Phase`. The panel shows a
:class:`recorder.takes.pipeline.FinishedTake` and opens or closes its own trim controls; the page connects the
buttons to the flow machine and runs the trim. Texts use the ``PromptPage`` translation context.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from recorder.takes.pipeline import FinishedTake
from ui.i18n import translate
from ui.lengths import format_length
from ui.pages.prompt.recording_panels import panel_layout
from ui.pages.take_problems import translated_problem
from ui.widgets.focus import focus_soon
from ui.widgets.trim import TrimControl


def check_summary(finished: FinishedTake) -> list[str]:
    """The lines that tell the person what the take check found, translated (problems or "no problems")."""
    if finished.problems:
        problems = [translated_problem(p) for p in finished.problems]
        lines = [translate("PromptPage", "We noticed:"), *(f"⚠ {p}" for p in problems)]
        lines.append(translate("PromptPage", "You can keep it anyway, or record it again."))
        return lines
    return [
        translate("PromptPage", "✓ Your answer was recorded ({length}). No problems found.").format(
            length=format_length(finished.duration_s)
        )
    ]


class CheckPanel(QWidget):
    """The take check's findings, Keep / Watch it back / Record again / Trim, and the trim controls."""

    def __init__(self) -> None:
        super().__init__()
        layout = panel_layout(self)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.watch_button = QPushButton()
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("PrimaryButton")
        self.retake_button = QPushButton()
        self.trim_button = QPushButton()
        self.trim_button.setCheckable(True)
        self.trim_button.toggled.connect(self._trim_toggled)
        self.trim = TrimControl()
        self.trim.hide()
        self.apply_trim_button = QPushButton()
        self.apply_trim_button.hide()
        self._shown: FinishedTake | None = None  # whose findings are on screen (for a language change)
        self._on_timeline: FinishedTake | None = None  # the take the trim timeline is for
        self._timeline_loaded = False  # its pictures fetched (only once the person opens the trim)
        layout.addWidget(self.problems_label)
        # Two rows, so the buttons never run off a narrow window: go on (keep, watch), or change it.
        for pair in ((self.keep_button, self.watch_button), (self.retake_button, self.trim_button)):
            row_layout = QHBoxLayout()
            for button in pair:
                row_layout.addWidget(button)
            row_layout.addStretch(1)
            layout.addLayout(row_layout)
        self.trim.summary_row.addWidget(self.apply_trim_button)
        layout.addWidget(self.trim)

    def show_result(self, finished: FinishedTake) -> None:
        """Say what the check found about ``finished`` and let the trim controls cut up to its length."""
        self._shown = finished
        self._show_findings(finished)
        if finished is not self._on_timeline:
            self._on_timeline = finished
            self.trim.set_duration(finished.duration_s)
            self._timeline_loaded = False
            if self.trim_button.isChecked():
                self._load_timeline()

    def _show_findings(self, finished: FinishedTake) -> None:
        lines = check_summary(finished)
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setAccessibleName(" ".join(lines))

    def show_trimming(self) -> None:
        """A trim is being made: say so, and refuse a second Apply until it is done."""
        self.apply_trim_button.setEnabled(False)
        self._shown = None
        self.problems_label.setText(translate("PromptPage", "Trimming your answer…"))

    def retranslate(self) -> None:
        """Set every text and accessible name in the current language (the findings shown too)."""
        if self._shown is not None:
            self._show_findings(self._shown)
        self.watch_button.setText(translate("PromptPage", "▶ Watch it back (Alt+W)"))
        self.watch_button.setAccessibleName(translate("PromptPage", "Watch your answer back"))
        self.watch_button.setAccessibleDescription(
            translate("PromptPage", "Plays your answer from the start. Shortcut: Alt+W.")
        )
        self.keep_button.setText(translate("PromptPage", "✓ Keep this answer (Alt+K)"))
        self.keep_button.setAccessibleName(translate("PromptPage", "Keep this answer"))
        self.keep_button.setAccessibleDescription(
            translate("PromptPage", "Keeps this answer and goes on. Nothing is sent yet. Shortcut: Alt+K.")
        )
        self.retake_button.setText(translate("PromptPage", "↺ Record again (Alt+R)"))
        self.retake_button.setAccessibleName(translate("PromptPage", "Record this answer again"))
        self.retake_button.setAccessibleDescription(
            translate(
                "PromptPage", "Deletes this recording, after asking, and records again. Shortcut: Alt+R."
            )
        )
        self.trim_button.setText(translate("PromptPage", "✂ Trim start or end (Alt+T)"))
        self.trim_button.setAccessibleName(translate("PromptPage", "Trim the start or end"))
        self.trim_button.setAccessibleDescription(
            translate(
                "PromptPage", "Shows or hides the timeline for cutting the start or end. Shortcut: Alt+T."
            )
        )
        self.apply_trim_button.setText(translate("PromptPage", "Apply the trim"))
        self.apply_trim_button.setAccessibleName(translate("PromptPage", "Apply the trim"))
        self.apply_trim_button.setAccessibleDescription(
            translate("PromptPage", "Keeps only the part between the start and end handles.")
        )
        self.trim.retranslate()

    def _trim_toggled(self, on: bool) -> None:
        self.trim.setVisible(on)
        self.problems_label.setVisible(not on)  # room for the timeline on a 768-pixel screen
        self.apply_trim_button.setVisible(on)
        if on:
            self._load_timeline()
            focus_soon(self.trim.start_handle)

    def _load_timeline(self) -> None:
        taken = self._on_timeline
        if taken is not None and not self._timeline_loaded:
            self._timeline_loaded = True
            self.trim.load(taken.mp4_path, taken.duration_s)
