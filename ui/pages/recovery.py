"""Start-up recovery: answers left behind by a crash are offered back, never silently lost.

Shown first when the data folder holds a session that was not sent or takes interrupted mid-recording
(:meth:`recorder.flow.SubmissionSession.interrupted`); the session finds, finishes, continues and
deletes them, the page shows what it found and asks.

* A session (the person had given consent and recorded in the app): **Continue and send** finishes any
  interrupted take of it up to its last written frame, restores the details, consent and answers, and opens
  the review; **Delete these answers** removes the folder after asking. Next ("Start a new recording")
  leaves it for the next start, so someone else on a shared PC is never stuck with another person's video.
* Takes without a session (e.g. a killed ``voicebooth record``): **Save what was recorded** finishes them in
  their folder (named on screen); **Delete it** removes them.

Long work (recovery, deleting) runs in the background.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton

from recorder.flow import FlowState, Step
from recorder.flow.saved import SavedSession
from recorder.flow.session import SubmissionSession
from ui.core_messages import error_text
from ui.i18n import translate
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.tasks import tasks
from ui.widgets.focus import focus_soon

log = logging.getLogger(__name__)


@register_page(Step.RECOVERY)
class RecoveryPage(Page):
    """Offers to continue a session left by a crash, or to save or delete interrupted recordings."""

    CONTEXT = "RecoveryPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.session: SavedSession | None = None
        self.found: list[Path] = []
        self.looked = False
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
        if self.session is not None:
            return translate("RecoveryPage", "Your answers were not sent")
        return translate("RecoveryPage", "A recording was interrupted")

    def retranslate(self) -> None:
        super().retranslate()
        if self.session is not None:
            count = len(list((self.session.folder / "takes").glob("*/journal.json")))
            self.explain.setText(
                translate(
                    "RecoveryPage",
                    "Voicebooth closed before this video was sent. The answers are still on this computer "
                    "({count} recording(s)). If they are yours, continue: you will see them before "
                    "sending. If they are not yours, choose Start a new recording; they will be offered "
                    "again next time.",
                ).format(count=count)
            )
            self.recover_button.setText(translate("RecoveryPage", "Continue and send"))
            self.recover_button.setAccessibleName(translate("RecoveryPage", "Continue and send"))
            self.recover_button.setAccessibleDescription(
                translate(
                    "RecoveryPage", "Saves what was recorded and shows your answers, ready to check and send."
                )
            )
            self.delete_button.setText(translate("RecoveryPage", "Delete these answers"))
            self.delete_button.setAccessibleName(translate("RecoveryPage", "Delete these answers"))
        else:
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
            self.delete_button.setAccessibleName(
                translate("RecoveryPage", "Delete the unfinished recordings")
            )
        self.delete_button.setAccessibleDescription(
            translate("RecoveryPage", "Removes them from this computer for good, after asking.")
        )
        self.progress.setAccessibleName(translate("RecoveryPage", "Saving progress"))
        self.progress.setAccessibleDescription(translate("RecoveryPage", "Saving what was recorded"))

    def enter(self, state: FlowState) -> None:
        if not self.looked:
            self.looked = True
            try:
                self.session, self.found = self.ctx.session.interrupted()
            except OSError as error:
                self.show_error(str(error))
            self.retranslate()
            focus_soon(self.recover_button)
        self._update_buttons()

    def nav(self, state: FlowState) -> Nav:
        if self.session is not None:
            return Nav(
                back=False,
                cancel=False,
                next_enabled=not self.busy,
                next_label=translate("RecoveryPage", "Start a new recording"),
            )
        return Nav(back=False, cancel=False, next_enabled=self.done or not self.found)

    def _update_buttons(self) -> None:
        pending = (self.session is not None or bool(self.found)) and not self.done
        self.recover_button.setEnabled(pending and not self.busy)
        self.delete_button.setEnabled(pending and not self.busy)
        self.nav_changed.emit()

    def _busy(self) -> None:
        self.busy = True
        self.show_error(None)
        self.progress.show()
        self.progress.setRange(0, 0)  # busy indicator: recovery has no finer progress
        self._update_buttons()

    def _recover(self) -> None:
        session = self.session
        if session is None:
            found = list(self.found)
            self._busy()
            tasks().run(
                lambda _job: SubmissionSession.recover(found),
                owner=self,
                on_success=self._recovered,
                name="recover takes",
            )
            return
        mine = [t for t in self.found if session.folder in t.parents]
        self._busy()
        tasks().run(
            lambda _job: SubmissionSession.recover(mine),
            owner=self,
            on_success=lambda outcome: self._continue(session, outcome),
            name="recover session",
        )

    def _continue(self, session: SavedSession, outcome: object) -> None:
        """The session's takes are finished: restore it and go to the review."""
        assert isinstance(outcome, tuple)
        _saved, problems = outcome
        self.busy = False
        self.progress.hide()
        if not session.restored_model().kept:
            self.show_error(
                translate("RecoveryPage", "Nothing could be saved from these recordings.")
                + " "
                + " ".join(error_text(p) for p in problems)
            )
            self._update_buttons()
            return
        self.done = True
        if session.model.locale != self.ctx.translations.locale:
            self.ctx.translations.set_locale(session.model.locale)
        self.window_fire(lambda: self.ctx.session.resume(session))

    def _recovered(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        saved, problems = outcome
        self.busy = False
        self.done = True
        self.progress.hide()
        folders = sorted({str(t.parent.parent) for t in self.found})
        lines = [
            translate(
                "RecoveryPage",
                "Saved {count} recording(s) on this computer, in: {folder}. Choose Next to start.",
            ).format(count=saved, folder=", ".join(folders))
        ]
        lines += [
            translate("RecoveryPage", "Could not save one: {reason}").format(reason=error_text(p))
            for p in problems
        ]
        self.result_label.setText("\n".join(lines))
        self._update_buttons()

    def _delete(self) -> None:
        confirm = getattr(self.window(), "confirm", None)
        if callable(confirm) and not confirm(
            translate("RecoveryPage", "Delete these recordings?"),
            translate("RecoveryPage", "They will be removed from this computer and cannot be brought back."),
            translate("RecoveryPage", "Yes, delete them"),
            translate("RecoveryPage", "No, keep them"),
        ):
            return
        targets = [self.session.folder] if self.session is not None else list(self.found)
        self._busy()
        tasks().run(
            lambda _job: SubmissionSession.delete_folders(targets),
            owner=self,
            on_success=lambda _r: self._deleted(),
            name="delete recovered",
        )

    def _deleted(self) -> None:
        self.busy = False
        self.done = True
        self.progress.hide()
        self.session = None
        self.found = []
        self.retranslate()
        self.result_label.setText(translate("RecoveryPage", "Deleted. Choose Next to start."))
        self._update_buttons()
