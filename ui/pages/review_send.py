"""Review all kept answers (with their poster thumbnails), then Send: queue in the outbox and show progress.

Sending runs on a background task: the manifest is built, the submission is queued in the outbox (so it
survives a closed app) and the outbox sends it; progress snapshots come back as bytes sent, rate and time
left. When the app closes while sending, the window says sending continues at the next start.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QPushButton, QWidget

from recorder.flow import Event, FlowState, Step
from ui.i18n import translate
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.widgets.focus import focus_soon
from ui.widgets.remaining_bar import format_clock
from ui.widgets.slot import LatestSlot
from ui.workers import ProgressFn, run_in_background

log = logging.getLogger(__name__)

THUMB_WIDTH_PX = 192


def human_bytes(size_bytes: float) -> str:
    """``12.3 MB`` style (decimal units, as people see them in file managers)."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if size_bytes < 1000 or unit == "GB":
            return f"{size_bytes:.0f} {unit}" if unit == "bytes" else f"{size_bytes:.1f} {unit}"
        size_bytes /= 1000
    return f"{size_bytes:.1f} GB"


def outbox_for(ctx: PageContext) -> Any:
    """The window's outbox (one SQLite file in the data dir), created on first use."""
    outbox = ctx.extras.get("outbox")
    if outbox is None:
        from recorder.net import NetworkSettings
        from recorder.outbox import Outbox

        outbox = Outbox(ctx.data_dir / "outbox.sqlite3", network=NetworkSettings.from_config(ctx.config))
        ctx.extras["outbox"] = outbox
    return outbox


def send_submission(
    ctx: PageContext, *, progress_snapshot: Callable[[object], None], cancel: threading.Event
) -> str:
    """Build the manifest, queue the submission in the outbox and send it (background thread).

    Returns:
        The server's reference code.

    Raises:
        Exception: with a plain-English message when sending failed; the submission stays queued.
    """
    from recorder.submission import SubmissionError, TakeEntry, build_manifest, consent_record
    from ui.pages.prompt_take import submission_dir

    model = ctx.machine.model
    if model.consent is None:  # the flow only allows Send after consent; guard anyway
        raise SubmissionError("There is no consent record to send with the video.")
    locale = ctx.locale
    kept = ctx.machine.kept_in_order()
    entries = [
        TakeEntry(
            Path(take.take_dir),
            prompt_id=take.prompt_id,
            prompt_text=ctx.campaign.prompt(take.prompt_id).text.get(locale),
            duration_s=take.duration_s,
        )
        for take in kept
    ]
    manifest = build_manifest(
        campaign_id=ctx.campaign.id,
        locale=locale,
        person={"name": model.name, "job_title": model.job_title, "employer": model.employer},
        consent=consent_record(
            model.consent.version_id,
            model.consent.text_sha256,
            model.consent.choices,
            model.consent.given_utc,
        ),
        takes=entries,
    )
    outbox = outbox_for(ctx)
    submission_id = outbox.queue(
        submission_dir(ctx), manifest, take_dirs={Path(t.take_dir).name: Path(t.take_dir) for t in kept}
    )
    model.submission_id = submission_id
    reference: str = outbox.send(submission_id, progress=progress_snapshot, cancel=cancel)
    return reference


def resume_unsent(ctx: PageContext) -> threading.Event:
    """At start-up: send what earlier sessions queued, in the background. Set the event to stop."""
    cancel = threading.Event()

    def work(_progress: ProgressFn) -> object:
        return outbox_for(ctx).send_pending(cancel=cancel)

    def done(results: object) -> None:
        for result in results if isinstance(results, list) else []:
            if result.error:
                log.info("A queued submission was not sent yet: %s", result.error)
            else:
                log.info("A queued submission was sent at start-up")

    run_in_background(
        work,
        on_success=done,
        on_failure=lambda error: log.info("Queued submissions were not sent yet: %s", error),
        name="resume sending",
    )
    return cancel


@register_page(Step.REVIEW, Step.SENDING)
class ReviewSendPage(Page):
    """Review (kept takes, Send) and Sending (progress) — one page, two steps."""

    CONTEXT = "ReviewSendPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self._step: Step | None = None
        self._cancel = threading.Event()
        self._sending = False
        self._started_s = 0.0
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.send_button = QPushButton()
        self.send_button.setObjectName("PrimaryButton")
        self.send_button.clicked.connect(lambda: self.request(Event.SEND))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.body.addWidget(self.intro)
        self.body.addWidget(self.grid_host)
        self.body.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.status_label)
        self.body.addWidget(self.progress)
        self.body.addStretch(1)
        self._redo_buttons: list[QPushButton] = []
        # Progress snapshots arrive on the sending thread; the newest is shown five times a second.
        self._progress_slot: LatestSlot[object] = LatestSlot()
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(200)
        self._progress_timer.timeout.connect(lambda: self._show_progress(self._progress_slot.take()))
        self.retranslate()

    def title(self) -> str:
        if self._step is Step.SENDING:
            return translate("ReviewSendPage", "Sending your video")
        return translate("ReviewSendPage", "Check your answers and send")

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(
            translate(
                "ReviewSendPage",
                "These are the answers you kept. You can record any of them again before sending.",
            )
        )
        self.send_button.setText(translate("ReviewSendPage", "Send my video"))
        self.send_button.setAccessibleName(translate("ReviewSendPage", "Send my video"))
        self.progress.setAccessibleName(translate("ReviewSendPage", "Sending progress"))
        if self._step is not None:
            self._fill_takes()

    def enter(self, state: FlowState) -> None:
        self._step = state.step
        self.title_label.setText(self.title())
        if state.step is Step.REVIEW:
            self.show_error(self.ctx.machine.model.send_error)
            self._fill_takes()
            self.send_button.show()
            self.send_button.setEnabled(True)
            self.progress.hide()
            self.status_label.setText(
                translate("ReviewSendPage", "Your video will stay on this computer until it has been sent.")
                if self.ctx.machine.model.send_error
                else ""
            )
            focus_soon(self.send_button)
        elif state.step is Step.SENDING and not self._sending:
            self.send_button.hide()
            for button in self._redo_buttons:
                button.setEnabled(False)
            self.progress.show()
            self.progress.setValue(0)
            self.status_label.setText(translate("ReviewSendPage", "Getting ready to send…"))
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

    # -- review -------------------------------------------------------------------------------------
    def _fill_takes(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self._redo_buttons = []
        machine = self.ctx.machine
        locale = self.ctx.locale
        for row, kept in enumerate(machine.kept_in_order()):
            prompt = self.ctx.campaign.prompt(kept.prompt_id)
            index = machine.prompt_ids.index(kept.prompt_id)
            thumb = QLabel()
            poster = Path(kept.take_dir) / "poster.jpg"
            pixmap = QPixmap(str(poster)) if poster.exists() else QPixmap()
            if not pixmap.isNull():
                thumb.setPixmap(
                    pixmap.scaledToWidth(THUMB_WIDTH_PX, Qt.TransformationMode.SmoothTransformation)
                )
            else:
                thumb.setText(translate("ReviewSendPage", "(no picture)"))
            text = translate("ReviewSendPage", "{prompt}\n{seconds} seconds").format(
                prompt=prompt.text.get(locale), seconds=f"{kept.duration_s:.0f}"
            )
            label = QLabel(text)
            label.setWordWrap(True)
            thumb.setAccessibleName(
                translate("ReviewSendPage", "Picture from your answer to: {prompt}").format(
                    prompt=prompt.text.get(locale)
                )
            )
            redo = QPushButton(translate("ReviewSendPage", "Record again"))
            redo.setAccessibleName(
                translate("ReviewSendPage", "Record your answer again to: {prompt}").format(
                    prompt=prompt.text.get(locale)
                )
            )
            redo.clicked.connect(
                lambda _c=False, i=index: self.window_fire(
                    lambda: self.ctx.machine.fire(Event.REDO_PROMPT, prompt_index=i)
                )
            )
            self._redo_buttons.append(redo)
            self.grid.addWidget(thumb, row, 0)
            self.grid.addWidget(label, row, 1)
            self.grid.addWidget(redo, row, 2)
        self.grid.setColumnStretch(1, 1)

    # -- sending ------------------------------------------------------------------------------------
    def _start_sending(self) -> None:
        self._sending = True
        self._cancel.clear()
        self._started_s = time.monotonic()
        ctx = self.ctx

        progress_slot = self._progress_slot
        progress_slot.take()

        def work(progress: ProgressFn) -> str:
            return send_submission(ctx, progress_snapshot=progress_slot.put, cancel=self._cancel)

        self._progress_timer.start()

        def ok(reference: object) -> None:
            self._progress_timer.stop()
            self._sending = False
            self.window_fire(lambda: self.ctx.machine.sent(str(reference)))

        def failed(error: BaseException) -> None:
            self._progress_timer.stop()
            self._sending = False
            log.warning("Sending failed: %s", error)
            # Only our own plain-English messages are shown; a bare exception becomes a general sentence.
            detail = str(error).strip() or translate("ReviewSendPage", "an unexpected problem")
            reason = translate(
                "ReviewSendPage",
                "Your video could not be sent yet ({reason}). It is saved on this computer and will be sent "
                "the next time Voicebooth starts, or choose Send to try again now.",
            ).format(reason=detail.rstrip("."))
            self.window_fire(lambda: self.ctx.machine.send_failed(reason))

        run_in_background(work, on_success=ok, on_failure=failed, name="send submission", owner=self)

    def _show_progress(self, snapshot: object | None) -> None:
        if snapshot is None:
            return
        sent = float(getattr(snapshot, "bytes_sent", 0) or 0)
        total = float(getattr(snapshot, "bytes_total", 0) or 0)
        elapsed = max(1e-3, time.monotonic() - self._started_s)
        rate = float(getattr(snapshot, "rate_bytes_s", 0) or 0) or sent / elapsed
        if total > 0:
            self.progress.setValue(round(1000 * min(1.0, sent / total)))
        left_s = (total - sent) / rate if rate > 0 and total > sent else 0.0
        text = translate("ReviewSendPage", "Sent {sent} of {total} · {rate}/s · about {left} left").format(
            sent=human_bytes(sent),
            total=human_bytes(total),
            rate=human_bytes(rate),
            left=format_clock(left_s),
        )
        self.status_label.setText(text)
        self.progress.setAccessibleDescription(text)
