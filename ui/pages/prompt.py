"""One prompt: read it, count down, record against the time limit, check, watch back, keep or retake, trim.

The flow machine's phase (READ, COUNTDOWN, RECORDING, FINISHING, CHECK, WATCH_BACK) decides what shows; the
page renders it in :meth:`PromptPage.enter`. Recording, finishing and trimming run off the UI thread through
:class:`ui.pages.prompt_take.TakeController`.

Keys (shown on screen): Ctrl+R starts recording and stops it; Space stops (the Stop button has focus);
Alt+K keeps, Alt+R records again, Alt+W watches back, Alt+T opens the trim controls.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from recorder.flow import Event, FlowState, Phase, Step
from recorder.flow_session import forget_session
from ui.i18n import translate
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.pages.prompt_take import (
    FinishedTake,
    TakeController,
    delete_take_later,
    forget_submission,
    read_finished,
    retire_take,
    save_session_now,
)
from ui.pages.take_problems import translated_problem
from ui.widgets.focus import focus_soon
from ui.widgets.level_meter import LevelMeter
from ui.widgets.player import Player
from ui.widgets.preview import VideoPreview
from ui.widgets.remaining_bar import RemainingTimeBar
from ui.widgets.trim import TrimControl
from ui.workers import SourcePump

log = logging.getLogger(__name__)


def _panel() -> tuple[QWidget, QVBoxLayout]:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    return widget, layout


@register_page(Step.PROMPT)
class PromptPage(Page):
    """Every phase of every prompt."""

    CONTEXT = "PromptPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.take = TakeController(ctx, owner=self)
        self.finished: FinishedTake | None = None
        self._phase: Phase | None = None
        self._prompt_index = -1
        self._pump: SourcePump | None = None
        self._countdown_left = 0

        self.counter_label = QLabel()
        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("PromptText")
        self.prompt_label.setWordWrap(True)
        # The app stylesheet sets every label's size, so the prompt's larger type must be a stylesheet too.
        self.prompt_label.setStyleSheet("font-size: 26pt; font-weight: bold;")
        self.tips_label = QLabel()
        self.tips_label.setWordWrap(True)
        self.keys_label = QLabel()
        self.keys_label.setWordWrap(True)
        self.keys_label.setObjectName("Hint")

        # -- the picture: live preview while reading/recording, the player when checking --
        self.preview = VideoPreview(mirrored=True, show_guide=False)
        self.preview.setMinimumHeight(200)
        self.player = Player()
        self.player.setMinimumHeight(200)
        self.player.error_text.connect(self.show_error)
        self.picture = QStackedWidget()
        self.picture.addWidget(self.preview)
        self.picture.addWidget(self.player)

        # -- READ --
        self.read_panel, read = _panel()
        self.record_button = QPushButton()
        self.record_button.setObjectName("PrimaryButton")
        self.record_button.clicked.connect(self._record_clicked)
        self.countdown_spin = QSpinBox()
        self.countdown_spin.setRange(0, 10)
        self.countdown_spin.setValue(self._configured_countdown())
        self.countdown_spin.valueChanged.connect(self._countdown_changed)
        self.countdown_spin.setEnabled(not ctx.config.is_locked("countdown_s"))
        self.countdown_label = QLabel()
        self.countdown_label.setBuddy(self.countdown_spin)
        self.skip_button = QPushButton()
        self.skip_button.clicked.connect(lambda: self.request(Event.SKIP))
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addStretch(1)
        row.addWidget(self.skip_button)
        read.addLayout(row)
        countdown_row = QHBoxLayout()
        countdown_row.addWidget(self.countdown_label)
        countdown_row.addWidget(self.countdown_spin)
        countdown_row.addStretch(1)
        read.addLayout(countdown_row)
        self.countdown_spin.setMaximumWidth(120)

        # -- COUNTDOWN --
        self.count_panel, count = _panel()
        self.count_label = QLabel()
        self.count_label.setObjectName("Countdown")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setStyleSheet("font-size: 40pt; font-weight: bold;")
        count.addWidget(self.count_label)
        self._count_timer = QTimer(self)
        self._count_timer.setInterval(1000)
        self._count_timer.timeout.connect(self._count_tick)

        # -- RECORDING --
        self.rec_panel, rec = _panel()
        self.rec_label = QLabel()
        self.rec_label.setObjectName("Recording")
        self.remaining = RemainingTimeBar()
        self.meter = LevelMeter()
        self.meter_caption = QLabel()
        self.meter_caption.setObjectName("Hint")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("PrimaryButton")
        self.stop_button.clicked.connect(self._stop_clicked)
        top = QHBoxLayout()
        top.addWidget(self.rec_label)
        top.addStretch(1)
        top.addWidget(self.stop_button)
        rec.addLayout(top)
        rec.addWidget(self.remaining)
        sound = QHBoxLayout()
        sound.addWidget(self.meter_caption, 0, Qt.AlignmentFlag.AlignTop)
        sound.addWidget(self.meter, 1)
        rec.addLayout(sound)
        self._rec_timer = QTimer(self)
        self._rec_timer.setInterval(100)
        self._rec_timer.timeout.connect(self._rec_tick)

        # -- FINISHING --
        self.finish_panel, fin = _panel()
        self.finish_label = QLabel()
        self.finish_bar = QProgressBar()
        self.finish_bar.setRange(0, 100)
        fin.addWidget(self.finish_label)
        fin.addWidget(self.finish_bar)

        # -- CHECK / WATCH_BACK --
        self.check_panel, chk = _panel()
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.watch_button = QPushButton()
        self.watch_button.clicked.connect(self._watch_clicked)
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("PrimaryButton")
        self.keep_button.clicked.connect(self._keep_clicked)
        self.retake_button = QPushButton()
        self.retake_button.clicked.connect(lambda: self.request(Event.RETAKE))
        self.trim_button = QPushButton()
        self.trim_button.setCheckable(True)
        self.trim_button.toggled.connect(self._trim_toggled)
        self.trim = TrimControl()
        self.trim.hide()
        self.apply_trim_button = QPushButton()
        self.apply_trim_button.clicked.connect(self._apply_trim)
        self.apply_trim_button.hide()
        chk.addWidget(self.problems_label)
        # Two rows, so the buttons never run off a narrow window: go on (keep, watch), or change it.
        for pair in ((self.keep_button, self.watch_button), (self.retake_button, self.trim_button)):
            row_layout = QHBoxLayout()
            for button in pair:
                row_layout.addWidget(button)
            row_layout.addStretch(1)
            chk.addLayout(row_layout)
        self.trim.summary_row.addWidget(self.apply_trim_button)
        chk.addWidget(self.trim)

        self.controls = QStackedWidget()
        for panel in (self.read_panel, self.count_panel, self.rec_panel, self.finish_panel, self.check_panel):
            self.controls.addWidget(panel)
        self.controls.currentChanged.connect(self._fit_controls)

        self.body.addWidget(self.counter_label)
        self.body.addWidget(self.prompt_label)
        self.body.addWidget(self.tips_label)
        self.body.addWidget(self.picture, 1)
        self.body.addWidget(self.controls)
        self.body.addWidget(self.keys_label)
        self._fit_controls()

        self._last_step: Step | None = None
        #: the outbox id once Send queued this person's submission (cancelled with everything else)
        self._queued_id: str | None = None
        ctx.machine.subscribe(self._on_flow)
        record_key = QShortcut(QKeySequence("Ctrl+R"), self)
        record_key.activated.connect(self._record_or_stop_key)
        # Explicit shortcuts rather than "&" mnemonics: mnemonics are off on some platforms (and in tests),
        # and two "&" letters on one window (Settings, Send...) would make a key ambiguous.
        for keys, button in (
            ("Alt+K", self.keep_button),
            ("Alt+W", self.watch_button),
            ("Alt+R", self.retake_button),
            ("Alt+T", self.trim_button),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(
                lambda b=button: b.click() if b.isVisible() and b.isEnabled() else None
            )
        self.retranslate()

    # -- Page hooks ---------------------------------------------------------------------------------
    def title(self) -> str:
        return translate("PromptPage", "Your answer")

    def retranslate(self) -> None:
        super().retranslate()
        self.record_button.setText(translate("PromptPage", "● Start recording (Ctrl+R)"))
        self.record_button.setAccessibleName(translate("PromptPage", "Start recording"))
        self.record_button.setAccessibleDescription(
            translate("PromptPage", "Counts down, then records your answer. Shortcut: Ctrl+R.")
        )
        self.countdown_label.setText(translate("PromptPage", "Count&down (seconds, 0 = off):"))
        self.countdown_spin.setAccessibleName(
            translate("PromptPage", "Countdown before recording, in seconds")
        )
        self.countdown_spin.setAccessibleDescription(
            translate("PromptPage", "Use the arrow keys to change it. 0 starts recording straight away.")
            if self.countdown_spin.isEnabled()
            else translate("PromptPage", "Set by your IT department")
        )
        self.skip_button.setText(translate("PromptPage", "Skip this question"))
        self.skip_button.setAccessibleName(translate("PromptPage", "Skip this question"))
        self.skip_button.setAccessibleDescription(
            translate("PromptPage", "Goes on without answering. You can still answer it from the review.")
        )
        self.rec_label.setText(translate("PromptPage", "● Recording. Speak when you are ready."))
        self.meter_caption.setText(translate("PromptPage", "Sound:"))
        self.stop_button.setText(translate("PromptPage", "■ Stop (Space or Ctrl+R)"))
        self.stop_button.setAccessibleName(translate("PromptPage", "Stop recording"))
        self.stop_button.setAccessibleDescription(
            translate("PromptPage", "Stops recording and saves your answer. Shortcut: Space or Ctrl+R.")
        )
        self.finish_label.setText(translate("PromptPage", "Getting your answer ready…"))
        self.finish_bar.setAccessibleName(translate("PromptPage", "Getting your answer ready"))
        self.finish_bar.setAccessibleDescription(
            translate("PromptPage", "How much of your answer is ready to watch")
        )
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
            translate("PromptPage", "Shows or hides the controls to cut seconds off. Shortcut: Alt+T.")
        )
        self.apply_trim_button.setText(translate("PromptPage", "Apply the trim"))
        self.apply_trim_button.setAccessibleName(translate("PromptPage", "Apply the trim"))
        self.apply_trim_button.setAccessibleDescription(
            translate("PromptPage", "Makes your answer shorter by the seconds chosen above.")
        )
        self.keys_label.setText(
            translate(
                "PromptPage",
                "Keys: Ctrl+R start or stop recording · Space stop · Alt+K keep · Alt+R record again · "
                "Alt+W watch back · Alt+T trim · Alt+Left go back",
            )
        )
        self.preview.retranslate()
        self.player.retranslate()
        self.meter.retranslate()
        self.trim.retranslate()
        self._render_texts()

    def _on_flow(self, state: FlowState) -> None:
        """Housekeeping on every transition, whichever page is current: keep the saved session up to date
        while recording and reviewing; forget it once sending starts; forget files on a fresh start."""
        if state.step is Step.WELCOME and self._last_step not in (None, Step.WELCOME, Step.RECOVERY):
            # Cancel deletes what was recorded (and takes back a send that had not finished); after Done the
            # outbox owns the files.
            cancelled = self._last_step is not Step.DONE
            forget_submission(self.ctx, delete=cancelled, queued_id=self._queued_id if cancelled else None)
            self._queued_id = None
        elif state.step in (Step.PROMPT, Step.REVIEW):
            save_session_now(self.ctx)
        elif state.step in (Step.SENDING, Step.DONE):
            folder = self.ctx.extras.get("submission_dir")
            if isinstance(folder, Path):
                forget_session(folder)  # queued in the outbox from here on, which resumes it after a crash
        self._queued_id = self.ctx.machine.model.submission_id or self._queued_id
        self._last_step = state.step

    def enter(self, state: FlowState) -> None:
        new_prompt = state.prompt_index != self._prompt_index
        if (
            not new_prompt
            and self._phase in (Phase.CHECK, Phase.WATCH_BACK)
            and state.phase is Phase.READ
            and self.finished is not None
        ):
            # "Record again" (or Back) from the check: the take not kept is deleted, not left on the PC.
            kept_dirs = {Path(k.take_dir) for k in self.ctx.machine.model.kept.values()}
            if self.finished.take_dir not in kept_dirs:
                self.player.unload()
                delete_take_later(self.finished.take_dir)
        self._prompt_index = state.prompt_index
        previous, self._phase = self._phase, state.phase
        if (
            previous in (Phase.RECORDING, Phase.COUNTDOWN)
            and state.phase is Phase.READ
            and self.take.recording
        ):
            self.take.discard()  # went back (confirmed) while recording
        if new_prompt or state.phase is Phase.READ:
            self.show_error(self.ctx.machine.model.last_take_error if state.phase is Phase.READ else None)
        self._render_texts()
        self._render_phase(state.phase)

    def leave(self) -> None:
        self._count_timer.stop()
        self._rec_timer.stop()
        self._stop_preview()
        self.player.unload()
        if self.take.recording:
            self.take.discard()
        self._phase = None
        self._prompt_index = -1

    def nav(self, state: FlowState) -> Nav:
        # Recording and finishing have their own buttons; Next is never "keep" by accident.
        return Nav(back=state.phase is not Phase.FINISHING, next=False)

    # -- rendering ----------------------------------------------------------------------------------
    def _prompt(self) -> object:
        prompt_id = self.ctx.machine.current_prompt_id
        return self.ctx.campaign.prompt(prompt_id) if prompt_id else None

    def _limit_s(self) -> float:
        prompt_id = self.ctx.machine.current_prompt_id
        if prompt_id is None:
            return 60.0
        return float(self.ctx.campaign.prompt(prompt_id).max_duration_s)

    def _render_texts(self) -> None:
        prompt_id = self.ctx.machine.current_prompt_id
        if prompt_id is None:
            return
        prompt = self.ctx.campaign.prompt(prompt_id)
        locale = self.ctx.locale
        state = self.ctx.machine.state
        self.counter_label.setText(
            translate("PromptPage", "Question {n} of {total}").format(
                n=state.prompt_index + 1, total=state.prompt_count
            )
        )
        self.prompt_label.setText(prompt.text.get(locale))
        self.prompt_label.setAccessibleName(prompt.text.get(locale))
        tips = [t.get(locale) for t in prompt.tips]
        limit = translate("PromptPage", "You have up to {seconds} seconds.").format(
            seconds=prompt.max_duration_s
        )
        self.tips_label.setText("\n".join([*(f"• {t}" for t in tips), limit]))

    def _render_phase(self, phase: Phase) -> None:
        # Tips help before recording; afterwards the picture and the buttons need the room.
        self.tips_label.setVisible(phase in (Phase.READ, Phase.COUNTDOWN))
        self.keys_label.setVisible(phase is Phase.READ)
        self._count_timer.stop()
        if phase is not Phase.RECORDING:
            self._rec_timer.stop()
        if phase in (Phase.READ, Phase.COUNTDOWN, Phase.RECORDING, Phase.FINISHING):
            self.picture.setCurrentWidget(self.preview)
            self.player.unload()
        if phase is Phase.READ:
            self.controls.setCurrentWidget(self.read_panel)
            self.finished = None
            self._start_preview()
            self.record_button.setEnabled(True)
            focus_soon(self.record_button)
        elif phase is Phase.COUNTDOWN:
            self.controls.setCurrentWidget(self.count_panel)
            self._countdown_left = self.countdown_spin.value()
            if self._countdown_left <= 0:
                QTimer.singleShot(0, self._countdown_done)
            else:
                self._show_count()
                self._count_timer.start()
        elif phase is Phase.RECORDING:
            self.controls.setCurrentWidget(self.rec_panel)
            self._begin_recording()
        elif phase is Phase.FINISHING:
            self.controls.setCurrentWidget(self.finish_panel)
            self.finish_bar.setValue(0)
            self._rec_timer.stop()
            self.take.stop_and_finish(self._finish_progress, self._finished_ok, self._finished_failed)
        elif phase in (Phase.CHECK, Phase.WATCH_BACK):
            self._stop_preview()
            self.controls.setCurrentWidget(self.check_panel)
            self._show_check(phase)

    def _fit_controls(self, _index: int = 0) -> None:
        # A stacked widget is as tall as its tallest panel; ignoring the hidden panels' sizes keeps the
        # prompt page free of empty space and scrolling.
        current = self.controls.currentWidget()
        for i in range(self.controls.count()):
            panel = self.controls.widget(i)
            if panel is None:
                continue
            policy = QSizePolicy.Policy.Preferred if panel is current else QSizePolicy.Policy.Ignored
            panel.setSizePolicy(policy, policy)
        self.controls.adjustSize()

    # -- READ / COUNTDOWN ---------------------------------------------------------------------------
    def _countdown_changed(self, seconds: int) -> None:
        """The person changed the countdown for this session (0 turns it off)."""
        self.ctx.extras["countdown_s"] = seconds
        self.ctx.machine.countdown_enabled = seconds > 0

    def _configured_countdown(self) -> int:
        value = self.ctx.extras.get("countdown_s")
        return value if isinstance(value, int) else self.ctx.config.integer("countdown_s")

    def _start_preview(self) -> None:
        if self._pump is not None:
            return
        from ui.pages.prompt_sources import chosen_uri, open_video

        uri = chosen_uri(self.ctx, "video_uri")
        self._pump = SourcePump(lambda: open_video(self.ctx, uri), None, self.preview.offer, lambda _p: None)

    def _stop_preview(self) -> None:
        if self._pump is not None:
            self._pump.stop()
            self._pump = None

    def _record_clicked(self) -> None:
        if self._phase is Phase.READ:
            self.show_error(None)
            self.request(Event.NEXT)

    def _record_or_stop_key(self) -> None:
        if self._phase is Phase.READ:
            self._record_clicked()
        elif self._phase is Phase.RECORDING:
            self._stop_clicked()

    def _show_count(self) -> None:
        text = translate("PromptPage", "Recording starts in {n}…").format(n=self._countdown_left)
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)

    def _count_tick(self) -> None:
        self._countdown_left -= 1
        if self._countdown_left <= 0:
            self._count_timer.stop()
            self._countdown_done()
        else:
            self._show_count()

    def _countdown_done(self) -> None:
        if self._phase is Phase.COUNTDOWN:
            self.window_fire(lambda: self.ctx.machine.fire(Event.COUNTDOWN_DONE))

    # -- RECORDING ----------------------------------------------------------------------------------
    def _begin_recording(self) -> None:
        self._stop_preview()  # frees the camera for the recorder
        self.meter.reset()
        self.remaining.set_remaining(self._limit_s(), self._limit_s())
        self.stop_button.setEnabled(False)
        prompt_id = self.ctx.machine.current_prompt_id or ""
        self.take.start(
            prompt_id,
            self._limit_s(),
            on_preview=self.preview.offer,
            on_level=self.meter.offer_dbfs,
            on_started=self._recording_started,
            on_failed=self._recording_failed,
        )

    def _recording_started(self) -> None:
        if self._phase is not Phase.RECORDING:  # went back while the devices opened
            self.take.discard()
            return
        self.stop_button.setEnabled(True)
        focus_soon(self.stop_button)
        self._rec_timer.start()

    def _recording_failed(self, message: str) -> None:
        if self._phase is not Phase.RECORDING:
            return
        reason = translate("PromptPage", "Recording could not start: {reason}").format(reason=message)
        self.ctx.machine.model.last_take_error = reason
        self.window_fire(lambda: self.ctx.machine.fire(Event.BACK, confirmed=True))
        self.show_error(reason)

    def _rec_tick(self) -> None:
        limit = self._limit_s()
        elapsed = self.take.elapsed_s()
        self.remaining.set_remaining(limit - elapsed, limit)
        if self.take.stopped_by_itself() or elapsed >= limit:
            self._stop_clicked()

    def _stop_clicked(self) -> None:
        if self._phase is Phase.RECORDING and self.take.recorder is not None:
            self._rec_timer.stop()
            self.window_fire(lambda: self.ctx.machine.fire(Event.STOP, confirmed=True))

    # -- FINISHING ----------------------------------------------------------------------------------
    def _finish_progress(self, fraction: float) -> None:
        self.finish_bar.setValue(round(100 * fraction))

    def _finished_ok(self, finished: FinishedTake) -> None:
        self.finished = finished
        if self._phase is Phase.FINISHING:
            self.window_fire(lambda: self.ctx.machine.take_ready(str(finished.take_dir)))

    def _finished_failed(self, message: str) -> None:
        if self._phase is Phase.FINISHING:
            reason = translate(
                "PromptPage", "Your answer could not be saved: {reason} Please record it again."
            )
            self.window_fire(lambda: self.ctx.machine.take_failed(reason.format(reason=message)))

    # -- CHECK / WATCH_BACK -------------------------------------------------------------------------
    def _current_finished(self) -> FinishedTake | None:
        take_dir = self.ctx.machine.model.current_take_dir
        if take_dir is None:
            return None
        if self.finished is None or self.finished.take_dir != Path(take_dir):
            self.finished = read_finished(Path(take_dir))
        return self.finished

    def _show_check(self, phase: Phase) -> None:
        finished = self._current_finished()
        if finished is None:
            return
        if finished.problems:
            problems = [translated_problem(p) for p in finished.problems]
            lines = [translate("PromptPage", "We noticed:"), *(f"⚠ {p}" for p in problems)]
            lines.append(translate("PromptPage", "You can keep it anyway, or record it again."))
        else:
            lines = [
                translate(
                    "PromptPage", "✓ Your answer was recorded ({seconds} seconds). No problems found."
                ).format(seconds=f"{finished.duration_s:.0f}")
            ]
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setAccessibleName(" ".join(lines))
        self.trim.set_duration(finished.duration_s)
        self.picture.setCurrentWidget(self.player)
        self.player.load(finished.mp4_path)
        if phase is Phase.WATCH_BACK:
            self.player.player.play()
        else:
            self.player.player.pause()  # shows the first frame instead of a black box
        focus_soon(self.keep_button)

    def _watch_clicked(self) -> None:
        if self._phase is Phase.CHECK:
            self.request(Event.WATCH)
        else:
            self.player.player.setPosition(0)
            self.player.player.play()

    def _keep_clicked(self) -> None:
        finished = self._current_finished()
        if finished is None:
            return
        self.player.unload()
        prompt_id = self.ctx.machine.current_prompt_id or ""
        earlier = self.ctx.machine.model.kept.get(prompt_id)
        if self.window_fire(lambda: self.ctx.machine.keep(finished.duration_s)) and (
            earlier is not None and Path(earlier.take_dir) != finished.take_dir
        ):
            retire_take(self.ctx, Path(earlier.take_dir))  # the new answer replaces the one kept before

    def _trim_toggled(self, on: bool) -> None:
        self.trim.setVisible(on)
        self.apply_trim_button.setVisible(on)
        if on:
            focus_soon(self.trim.start_box)

    def _apply_trim(self) -> None:
        finished = self._current_finished()
        if finished is None:
            return
        try:
            trim = self.trim.trim()
        except ValueError:
            self.show_error(translate("PromptPage", "That trim would leave almost nothing. Cut less."))
            return
        if trim is None:
            return
        self.player.unload()
        self.apply_trim_button.setEnabled(False)
        self.problems_label.setText(translate("PromptPage", "Trimming your answer…"))

        def done(new: FinishedTake) -> None:
            self.apply_trim_button.setEnabled(True)
            self.trim_button.setChecked(False)
            self.finished = new
            if self._phase in (Phase.CHECK, Phase.WATCH_BACK):
                self._show_check(self._phase)

        def failed(message: str) -> None:
            self.apply_trim_button.setEnabled(True)
            self.show_error(translate("PromptPage", "The trim did not work: {reason}").format(reason=message))
            self._show_check(self._phase or Phase.CHECK)

        self.take.retrim(finished.take_dir, trim, self._finish_progress, done, failed)
