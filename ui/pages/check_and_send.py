"""Check and send: every answer (with poster thumbnails), then Send: queue in the outbox and show progress.

The person's :class:`recorder.flow.SubmissionSession` makes a :class:`recorder.flow.session.SendPlan` of the
kept answers on the UI thread; a background task queues it in the outbox (so it survives a closed app), the
session records the submission id on the UI thread, and a second task sends it; progress snapshots come
back as bytes sent, rate and time left. When the app closes while sending, the window says sending
continues at the next start. Back here after a failed or stopped send, a changed answer is queued at once
in place of the older version.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from recorder.flow import Event, FlowState, Step
from recorder.flow.session import SendPlan, send_now
from recorder.upload.errors import UploadCancelled
from ui.core_messages import error_text
from ui.i18n import translate
from ui.pages.answer_list import AnswerList
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.tasks import Job, tasks
from ui.widgets.focus import focus_soon
from ui.widgets.remaining_bar import format_clock
from ui.widgets.slot import LatestSlot

log = logging.getLogger(__name__)

__all__ = ["CheckAndSendPage", "human_bytes"]


def human_bytes(size_bytes: float) -> str:
    """``12.3 MB`` style (decimal units, as people see them in file managers)."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if size_bytes < 1000 or unit == "GB":
            return f"{size_bytes:.0f} {unit}" if unit == "bytes" else f"{size_bytes:.1f} {unit}"
        size_bytes /= 1000
    return f"{size_bytes:.1f} GB"


@register_page(Step.CHECK_AND_SEND, Step.SENDING)
class CheckAndSendPage(Page):
    """Check and send (every question, kept answers with thumbnails, Send) and Sending (progress)."""

    CONTEXT = "CheckAndSendPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self._step: Step | None = None
        self._cancel = threading.Event()
        self._sending = False
        self._started_s = 0.0
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.answers = AnswerList()
        self.answers.redo_requested.connect(self._redo)
        self.shared_label = QLabel()
        self.shared_label.setWordWrap(True)
        self.shared_label.setObjectName("Hint")
        self.send_button = QPushButton()
        self.send_button.setObjectName("PrimaryButton")
        self.send_button.clicked.connect(lambda: self.request(Event.SEND))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self._stop_sending)
        self.stop_button.hide()
        self.body.addWidget(self.intro)
        self.body.addWidget(self.answers)
        self.body.addWidget(self.shared_label)
        self.body.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.status_label)
        self.body.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)
        # Progress snapshots arrive on the sending thread; the newest is shown five times a second.
        self._progress_slot: LatestSlot[object] = LatestSlot()
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(200)
        self._progress_timer.timeout.connect(lambda: self._show_progress(self._progress_slot.take()))
        self.retranslate()

    def title(self) -> str:
        if self._step is Step.SENDING:
            return translate("CheckAndSendPage", "Sending your video")
        return translate("CheckAndSendPage", "Check your answers and send")

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(
            translate(
                "CheckAndSendPage",
                "Here are your answers. You can record any of them again, or answer a question you skipped, "
                "before sending.",
            )
        )
        self.send_button.setText(translate("CheckAndSendPage", "Send my video"))
        self.send_button.setAccessibleName(translate("CheckAndSendPage", "Send my video"))
        self.send_button.setAccessibleDescription(
            translate(
                "CheckAndSendPage",
                "Sends your answers, the details you chose to give and your consent answers to the campaign "
                "team. Nothing is sent before you press it.",
            )
        )
        self.progress.setAccessibleName(translate("CheckAndSendPage", "Sending progress"))
        self.stop_button.setText(translate("CheckAndSendPage", "Stop sending for now"))
        self.stop_button.setAccessibleName(translate("CheckAndSendPage", "Stop sending for now"))
        self.stop_button.setAccessibleDescription(
            translate(
                "CheckAndSendPage",
                "Your video stays on this computer and is sent when you press Send again, or the next time "
                "Voicebooth starts.",
            )
        )
        if self._step is not None:
            self.answers.fill(self.ctx.machine, self.ctx.campaign, self.ctx.locale)
            self.shared_label.setText(self._shared_text())
            if self._step is Step.SENDING and not self._progress_timer.isActive():
                self.status_label.setText(self._sending_note())

    def _shared_text(self) -> str:
        """What will be sent about the person, so nothing comes as a surprise."""
        model = self.ctx.machine.model
        fields = (
            (translate("CheckAndSendPage", "Name"), model.name),
            (translate("CheckAndSendPage", "Job title"), model.job_title),
            (translate("CheckAndSendPage", "Where you work"), model.employer),
        )
        lines = [
            translate("CheckAndSendPage", "{label}: {value} ({shown})").format(
                label=label,
                value=field.value,
                shown=translate("CheckAndSendPage", "may be shown with your video")
                if field.show
                else translate("CheckAndSendPage", "not shown, only for the team"),
            )
            for label, field in fields
            if field.value
        ]
        if not lines:
            return translate("CheckAndSendPage", "You chose not to give any details about yourself.")
        return translate("CheckAndSendPage", "Sent with your video:") + "\n" + "\n".join(lines)

    def _sending_note(self) -> str:
        return translate(
            "CheckAndSendPage",
            "You can close Voicebooth if you need to: sending carries on the next time it starts.",
        )

    def enter(self, state: FlowState) -> None:
        self._step = state.step
        self.title_label.setText(self.title())
        self.setAccessibleName(self.title())
        self.answers.fill(self.ctx.machine, self.ctx.campaign, self.ctx.locale)
        self.shared_label.setText(self._shared_text())
        if state.step is Step.CHECK_AND_SEND:
            self.show_error(self.ctx.machine.model.send_error)
            self.send_button.show()
            self.send_button.setEnabled(bool(self.ctx.machine.model.kept))
            self.progress.hide()
            self.stop_button.hide()
            if not self.ctx.machine.model.kept:
                status = translate("CheckAndSendPage", "Answer at least one question before sending.")
            elif self.ctx.machine.model.send_error:
                status = translate(
                    "CheckAndSendPage", "Your video will stay on this computer until it has been sent."
                )
            else:
                status = ""
            self.status_label.setText(status)
            focus_soon(self.send_button)
            self._replace_queued_version()
        elif state.step is Step.SENDING and not self._sending:
            self.send_button.hide()
            self.answers.set_buttons_enabled(False)
            self.progress.show()
            self.progress.setValue(0)
            self.stop_button.show()
            self.stop_button.setEnabled(True)
            self.status_label.setText(translate("CheckAndSendPage", "Getting ready to send…"))
            focus_soon(self.stop_button)
            self._start_sending()

    def leave(self) -> None:
        if self._sending:
            # The window is closing mid-send: stop between chunks; the outbox resumes at the next start.
            self._cancel.set()
        self._step = None

    def nav(self, state: FlowState) -> Nav:
        if state.step is Step.SENDING:
            return Nav(back=False, next=False, cancel=False)
        return Nav(next=False)

    def _replace_queued_version(self) -> None:
        """After a send failed or was stopped, the person changed an answer: queue the new answers.

        The outbox then sends these next time (at Send, or at the next start if the app is closed) and
        the older version is superseded, never sent as well.
        """
        session = self.ctx.session
        submission_id = self.ctx.machine.model.submission_id
        if submission_id is None or not self.ctx.machine.model.kept:
            return
        plan = session.send_plan()
        outbox = self.ctx.services.outbox

        def work(_job: Job) -> str | None:
            try:
                changed = plan.changed_since(outbox(), submission_id)  # reads the outbox: not here
            except (OSError, sqlite3.Error) as error:  # the outbox file cannot be read: Send will say so
                log.warning("Could not look at the queued submission: %s", error)
                return None
            return plan.queue(outbox(), replace_only=True) if changed else None

        def ok(new_id: object) -> None:
            if new_id is None:
                return  # nothing queued, or the same answers
            session.queued(str(new_id), plan)
            log.info("The queued submission now holds the latest answers")

        def failed(error: BaseException) -> None:
            from recorder.outbox import SendError

            if isinstance(error, SendError) and error.permanent:
                log.info("The queued submission was not replaced: %s", error)  # sent or taken back meanwhile
            else:  # Send builds the same manifest and shows the reason in words
                log.warning("The latest answers could not be queued yet: %s", error)

        tasks().run(work, owner=session, on_success=ok, on_failure=failed, name="queue the latest answers")

    def _redo(self, index: int) -> None:
        self.window_fire(lambda: self.ctx.machine.fire(Event.REDO_PROMPT, prompt_index=index))

    # -- sending ------------------------------------------------------------------------------------
    def _stop_sending(self) -> None:
        """Stop between chunks; the submission stays queued (sent on Send, or at the next start)."""
        self._cancel.set()
        self.stop_button.setEnabled(False)
        self.status_label.setText(translate("CheckAndSendPage", "Stopping…"))

    def _start_sending(self) -> None:
        """Queue the kept answers (so they survive a closed app), record the id, then send them."""
        self._sending = True
        self._cancel.clear()
        self._started_s = time.monotonic()
        self._progress_slot.take()
        self._progress_timer.start()
        try:
            plan = self.ctx.session.send_plan()
        except Exception as error:  # no consent record: the flow allows Send only after consent
            self._send_failed(error)
            return
        outbox = self.ctx.services.outbox
        tasks().run(
            lambda _job: plan.queue(outbox()),
            owner=self,
            on_success=lambda submission_id: self._queued(str(submission_id), plan),
            on_failure=self._send_failed,
            name="queue submission",
            cancel=self._cancel,
        )

    def _queued(self, submission_id: str, plan: SendPlan) -> None:
        self.ctx.session.queued(submission_id, plan)
        outbox, cancel, progress_slot = self.ctx.services.outbox, self._cancel, self._progress_slot
        tasks().run(
            lambda _job: send_now(outbox(), submission_id, progress=progress_slot.put, cancel=cancel),
            owner=self,
            on_success=self._sent,
            on_failure=self._send_failed,
            name="send submission",
            cancel=cancel,
        )

    def _sent(self, reference: object) -> None:
        self._progress_timer.stop()
        self._sending = False
        self.window_fire(lambda: self.ctx.machine.sent(str(reference)))

    def _send_failed(self, error: BaseException) -> None:
        self._progress_timer.stop()
        self._sending = False
        if isinstance(error, UploadCancelled):
            log.info("Sending stopped by the person; the submission stays queued")
            reason = translate(
                "CheckAndSendPage",
                "Sending stopped. Your video is saved on this computer and will be sent the next time "
                "Voicebooth starts, or choose Send to send it now.",
            )
        else:
            log.warning("Sending failed: %s", error)
            # Only our own plain-English messages are shown (in the app's language when the core gave
            # them a code); a bare exception becomes a general sentence.
            detail = (error_text(error) if str(error).strip() else "") or translate(
                "CheckAndSendPage", "an unexpected problem"
            )
            reason = translate(
                "CheckAndSendPage",
                "Your video could not be sent yet ({reason}). It is saved on this computer and will be "
                "sent the next time Voicebooth starts, or choose Send to try again now.",
            ).format(reason=detail.rstrip("."))
        self.window_fire(lambda: self.ctx.machine.send_failed(reason))

    def _show_progress(self, snapshot: object | None) -> None:
        if snapshot is None or self._cancel.is_set():
            return
        sent = float(getattr(snapshot, "bytes_sent", 0) or 0)
        total = float(getattr(snapshot, "bytes_total", 0) or 0)
        elapsed = max(1e-3, time.monotonic() - self._started_s)
        rate = float(getattr(snapshot, "rate_bytes_s", 0) or 0) or sent / elapsed
        if total > 0:
            self.progress.setValue(round(1000 * min(1.0, sent / total)))
        left_s = (total - sent) / rate if rate > 0 and total > sent else 0.0
        text = translate("CheckAndSendPage", "Sent {sent} of {total} · {rate}/s · about {left} left").format(
            sent=human_bytes(sent),
            total=human_bytes(total),
            rate=human_bytes(rate),
            left=format_clock(left_s),
        )
        self.status_label.setText(text + "\n" + self._sending_note())
        self.progress.setAccessibleDescription(text)
