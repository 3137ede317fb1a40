"""Start-up recovery: offers to finish recordings interrupted by a crash, and resumes unsent submissions.

Shown first when :func:`recorder.takes.recovery.find_interrupted` found takes. The person can recover them
(each is finished up to its last written frame, in the background) or delete them; either way the flow then
continues at Welcome. Recovered takes stay in their submission folder on this computer; they are not sent,
because the consent that went with them was not recorded before the crash.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton

from recorder.flow import FlowState, Step
from recorder.takes.recovery import find_interrupted, recover_take
from ui.i18n import translate
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.widgets.focus import focus_soon
from ui.workers import ProgressFn, run_in_background

log = logging.getLogger(__name__)


@register_page(Step.RECOVERY)
class RecoveryPage(Page):
    """Offers to recover or delete interrupted recordings."""

    CONTEXT = "RecoveryPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.found: list[Path] = []
        self.busy = False
        self.done = False
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.recover_button = QPushButton()
        self.recover_button.setObjectName("PrimaryButton")
        self.recover_button.clicked.connect(self._recover)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self._delete)
        row = QHBoxLayout()
        row.addWidget(self.recover_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.body.addWidget(self.explain)
        self.body.addLayout(row)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.result_label)
        self.body.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return translate("RecoveryPage", "A recording was interrupted")

    def retranslate(self) -> None:
        super().retranslate()
        self.explain.setText(
            translate(
                "RecoveryPage",
                "Voicebooth closed while recording last time. Found {count} unfinished recording(s). "
                "We can save what was recorded, or delete it.",
            ).format(count=len(self.found))
        )
        self.recover_button.setText(translate("RecoveryPage", "Save what was recorded"))
        self.recover_button.setAccessibleName(translate("RecoveryPage", "Save what was recorded"))
        self.recover_button.setAccessibleDescription(
            translate("RecoveryPage", "Finishes the interrupted recordings up to where they stopped.")
        )
        self.delete_button.setText(translate("RecoveryPage", "Delete it"))
        self.delete_button.setAccessibleName(translate("RecoveryPage", "Delete the unfinished recordings"))
        self.delete_button.setAccessibleDescription(
            translate("RecoveryPage", "Removes them from this computer for good.")
        )
        self.progress.setAccessibleName(translate("RecoveryPage", "Saving progress"))

    def enter(self, state: FlowState) -> None:
        if not self.found and not self.done:
            try:
                self.found = list(find_interrupted(self.ctx.data_dir))
            except OSError as error:
                self.show_error(str(error))
            self.retranslate()
            focus_soon(self.recover_button)
        self._update_buttons()

    def nav(self, state: FlowState) -> Nav:
        return Nav(back=False, cancel=False, next_enabled=self.done or not self.found)

    def _update_buttons(self) -> None:
        pending = bool(self.found) and not self.done
        self.recover_button.setEnabled(pending and not self.busy)
        self.delete_button.setEnabled(pending and not self.busy)
        self.nav_changed.emit()

    def _recover(self) -> None:
        found = list(self.found)
        self.busy = True
        self.progress.show()
        self.progress.setRange(0, 0)  # busy indicator: recovery has no finer progress
        self._update_buttons()

        def work(_progress: ProgressFn) -> tuple[int, list[str]]:
            saved, problems = 0, []
            for take_dir in found:
                try:
                    recover_take(take_dir)
                    saved += 1
                except Exception as error:  # one broken take must not stop the others
                    log.warning("Recovering %s failed: %s", take_dir.name, error)
                    problems.append(str(error))
            return saved, problems

        run_in_background(work, on_success=self._recovered, name="recover takes", owner=self)

    def _recovered(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        saved, problems = outcome
        self.busy = False
        self.done = True
        self.progress.hide()
        lines = [
            translate(
                "RecoveryPage", "Saved {count} recording(s) on this computer. Choose Next to start."
            ).format(count=saved)
        ]
        lines += [
            translate("RecoveryPage", "Could not save one: {reason}").format(reason=p) for p in problems
        ]
        self.result_label.setText("\n".join(lines))
        self._update_buttons()

    def _delete(self) -> None:
        for take_dir in self.found:
            shutil.rmtree(take_dir, ignore_errors=True)
        self.done = True
        self.result_label.setText(translate("RecoveryPage", "Deleted. Choose Next to start."))
        self._update_buttons()
