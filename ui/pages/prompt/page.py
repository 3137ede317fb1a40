"""One prompt: read it, count down, record against the time limit, check, watch back, keep or retake, trim.

The flow machine's phase (READ, COUNTDOWN, RECORDING, FINISHING, CHECK, WATCH_BACK) decides what shows; the
page renders it in :meth:`PromptPage.enter`, stacking one panel of controls under the picture per phase
(:mod:`ui.pages.prompt.recording_panels`, :mod:`ui.pages.prompt.check_panel`). Recording, finishing and
trimming run off the UI thread through :class:`ui.pages.prompt.take.TakeController`; the keys are in
:mod:`ui.pages.prompt.keys`. The takes themselves (which one is on screen, kept, deleted) are the
:class:`recorder.flow.SubmissionSession`'s: the page shows what it says and sends it intents.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget

from recorder.flow import Event, FlowState, Phase, Step
from recorder.messages import MessageCode, code_of
from recorder.takes.pipeline import FinishedTake
from ui.core_messages import error_text
from ui.i18n import translate
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.pages.prompt.check_panel import CheckPanel
from ui.pages.prompt.keys import add_prompt_shortcuts, shortcuts_hint
from ui.pages.prompt.question import question_text, time_limit_s
from ui.pages.prompt.recording_panels import CountdownPanel, FinishingPanel, ReadPanel, RecordingPanel
from ui.pages.prompt.take import TakeController
from ui.source_pump import SourcePump
from ui.widgets.focus import focus_soon
from ui.widgets.player import Player
from ui.widgets.preview import VideoPreview
from ui.widgets.responsive_row import ResponsiveRow

#: The camera picture and the player never get smaller than this (logical pixels).
PICTURE_MIN_HEIGHT_PX = 160
#: From this page width (logical pixels) the tips stand beside the picture instead of above it.
SIDE_BY_SIDE_FROM_PX = 700


@register_page(Step.PROMPT)
class PromptPage(Page):
    """Every phase of every prompt.

    The controls the keys and the keyboard tests reach are also attributes of the page itself:
    ``record_button``, ``stop_button``, ``keep_button``, ``trim_button`` and ``trim``.
    """

    CONTEXT = "PromptPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.take = TakeController(ctx, owner=self)
        self.finished: FinishedTake | None = None
        self._phase: Phase | None = None
        self._prompt_index = -1
        self._pump: SourcePump | None = None

        # One heading on this screen: the question itself (the page's title stays its accessible name).
        self.title_label.hide()
        self.counter_label = QLabel()
        self.counter_label.setObjectName("Hint")
        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("PromptText")
        self.prompt_label.setWordWrap(True)
        # The app stylesheet sets every label's size, so the prompt's larger type must be a stylesheet too.
        self.prompt_label.setStyleSheet("font-size: 26pt; font-weight: bold;")
        self.tips_label = QLabel()
        self.tips_label.setWordWrap(True)
        self.tips_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.keys_label = QLabel()
        self.keys_label.setWordWrap(True)
        self.keys_label.setObjectName("Hint")

        # -- the picture: live preview while reading/recording, the player when checking --
        self.preview = VideoPreview(mirrored=True, show_guide=False)
        self.preview.setMinimumHeight(PICTURE_MIN_HEIGHT_PX)
        self.player = Player()
        self.player.setMinimumHeight(PICTURE_MIN_HEIGHT_PX)
        self.player.error_text.connect(self.show_error)
        self.picture = QStackedWidget()
        self.picture.addWidget(self.preview)
        self.picture.addWidget(self.player)

        # -- the controls under the picture, one panel per phase --
        self.read_panel = ReadPanel()
        self.read_panel.record_button.clicked.connect(self._record_clicked)
        self.read_panel.skip_button.clicked.connect(lambda: self.request(Event.SKIP))
        self.count_panel = CountdownPanel()
        self.count_panel.done.connect(self._countdown_done)
        self.rec_panel = RecordingPanel()
        self.rec_panel.stop_button.clicked.connect(self._stop_clicked)
        self._rec_timer = QTimer(self)
        self._rec_timer.setInterval(100)
        self._rec_timer.timeout.connect(self._rec_tick)
        self.finish_panel = FinishingPanel()
        self.check_panel = CheckPanel()
        self.check_panel.watch_button.clicked.connect(self._watch_clicked)
        self.check_panel.keep_button.clicked.connect(self._keep_clicked)
        self.check_panel.retake_button.clicked.connect(lambda: self.request(Event.RETAKE))
        self.check_panel.apply_trim_button.clicked.connect(self._apply_trim)
        self.record_button = self.read_panel.record_button
        self.stop_button = self.rec_panel.stop_button
        self.keep_button = self.check_panel.keep_button
        self.trim_button = self.check_panel.trim_button
        self.trim = self.check_panel.trim

        self.controls = QStackedWidget()
        for panel in (self.read_panel, self.count_panel, self.rec_panel, self.finish_panel, self.check_panel):
            self.controls.addWidget(panel)
        self.controls.currentChanged.connect(self._fit_controls)

        self.body.addWidget(self.counter_label)
        self.body.addWidget(self.prompt_label)
        # The tips beside the picture where the window is wide enough, so that the question, the tips, the
        # picture and Record all show on a 1366x768 laptop at 125 % while reading and recording.
        self.media_row = ResponsiveRow(side_by_side_from_px=SIDE_BY_SIDE_FROM_PX)
        self.media_row.add(self.tips_label, 1, stacked_stretch=0)
        self.media_row.add(self.picture, 1)
        self.body.addWidget(self.media_row, 1)
        self.body.addWidget(self.controls)
        self.body.addWidget(self.keys_label)
        self._fit_controls()

        add_prompt_shortcuts(
            self,
            self._record_or_stop_key,
            keep=self.check_panel.keep_button,
            watch=self.check_panel.watch_button,
            retake=self.check_panel.retake_button,
            trim=self.check_panel.trim_button,
        )
        self.retranslate()

    # -- Page hooks ---------------------------------------------------------------------------------
    def title(self) -> str:
        return translate("PromptPage", "Your answer")

    def retranslate(self) -> None:
        super().retranslate()
        for panel in (self.read_panel, self.rec_panel, self.finish_panel, self.check_panel):
            panel.retranslate()
        self.keys_label.setText(shortcuts_hint())
        self.preview.retranslate()
        self.player.retranslate()
        self._render_texts()

    def enter(self, state: FlowState) -> None:
        new_prompt = state.prompt_index != self._prompt_index
        self._prompt_index = state.prompt_index
        previous, self._phase = self._phase, state.phase
        if (
            previous in (Phase.RECORDING, Phase.COUNTDOWN)
            and state.phase is Phase.READ
            and self.take.recording
        ):
            self.take.discard()  # went back (confirmed) while recording
        elif previous is Phase.FINISHING and state.phase is Phase.READ and self.take.finishing:
            self.take.abandon()  # went back (confirmed) while finishing
        if new_prompt or state.phase is Phase.READ:
            self.show_error(self.ctx.machine.model.last_take_error if state.phase is Phase.READ else None)
        self._render_texts()
        self._render_phase(state.phase)

    def leave(self) -> None:
        self.count_panel.stop()
        self._rec_timer.stop()
        self._stop_preview()
        self.player.unload()
        if self.take.recording:
            self.take.discard()
        elif self.take.finishing:
            self.take.abandon()  # leaving while finishing: the person agreed to lose it (Back, Cancel, close)
        self._phase = None
        self._prompt_index = -1

    def nav(self, state: FlowState) -> Nav:
        # Recording and finishing have their own buttons; Next is never "keep" by accident.
        return Nav(back=state.phase is not Phase.FINISHING, next=False)

    # -- rendering ----------------------------------------------------------------------------------
    def _render_texts(self) -> None:
        question = question_text(self.ctx)
        if question is None:
            return
        self.counter_label.setText(question.counter)
        self.prompt_label.setText(question.text)
        self.prompt_label.setAccessibleName(question.text)
        self.tips_label.setText(question.tips)

    def _render_phase(self, phase: Phase) -> None:
        # Tips help while answering too; once checking, the player and its buttons need the room.
        self.tips_label.setVisible(phase in (Phase.READ, Phase.COUNTDOWN, Phase.RECORDING))
        self.keys_label.setVisible(phase is Phase.READ)
        self.count_panel.stop()
        if phase is not Phase.RECORDING:
            self._rec_timer.stop()
        if phase in (Phase.READ, Phase.COUNTDOWN, Phase.RECORDING, Phase.FINISHING):
            self.picture.setCurrentWidget(self.preview)
            self.player.unload()
        if phase is Phase.READ:
            self.controls.setCurrentWidget(self.read_panel)
            self.finished = None
            self._start_preview()
            self.read_panel.record_button.setEnabled(True)
            focus_soon(self.read_panel.record_button)
        elif phase is Phase.COUNTDOWN:
            self.controls.setCurrentWidget(self.count_panel)
            self.count_panel.start(self.ctx.services.settings.countdown_s)
        elif phase is Phase.RECORDING:
            self.controls.setCurrentWidget(self.rec_panel)
            self._begin_recording()
        elif phase is Phase.FINISHING:
            self.controls.setCurrentWidget(self.finish_panel)
            self.finish_panel.show_progress(0.0)
            self._rec_timer.stop()
            self.take.stop_and_finish(
                self.finish_panel.show_progress, self._finished_ok, self._finished_failed
            )
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
    def _start_preview(self) -> None:
        if self._pump is not None:
            return
        services = self.ctx.services
        uri = services.settings.uri("video_uri")
        self._pump = SourcePump(lambda: services.open_video(uri), None, self.preview.offer, lambda _p: None)

    def _stop_preview(self) -> None:
        if self._pump is not None:
            self._pump.stop()
            self._pump = None

    def _record_clicked(self) -> None:
        if self._phase is Phase.READ:
            self.show_error(None)
            # The countdown is a setting (Settings may have changed it since the last question).
            self.ctx.machine.countdown_enabled = self.ctx.services.settings.countdown_s > 0
            self.request(Event.NEXT)

    def _record_or_stop_key(self) -> None:
        if self._phase is Phase.READ:
            self._record_clicked()
        elif self._phase is Phase.RECORDING:
            self._stop_clicked()

    def _countdown_done(self) -> None:
        if self._phase is Phase.COUNTDOWN:
            self.window_fire(lambda: self.ctx.machine.fire(Event.COUNTDOWN_DONE))

    # -- RECORDING ----------------------------------------------------------------------------------
    def _begin_recording(self) -> None:
        self._stop_preview()  # frees the camera for the recorder
        self.rec_panel.reset(time_limit_s(self.ctx))
        prompt_id = self.ctx.machine.current_prompt_id or ""
        self.take.start(
            prompt_id,
            time_limit_s(self.ctx),
            on_preview=self.preview.offer,
            on_level=self.rec_panel.meter.offer_dbfs,
            on_started=self._recording_started,
            on_failed=self._recording_failed,
        )

    def _recording_started(self) -> None:
        if self._phase is not Phase.RECORDING:  # went back while the devices opened
            self.take.discard()
            return
        self.rec_panel.stop_button.setEnabled(True)
        focus_soon(self.rec_panel.stop_button)
        self._rec_timer.start()

    def _recording_failed(self, message: str) -> None:
        if self._phase is not Phase.RECORDING:
            return
        reason = translate("PromptPage", "Recording could not start: {reason}").format(reason=message)
        self.ctx.machine.model.last_take_error = reason
        self.window_fire(lambda: self.ctx.machine.fire(Event.BACK, confirmed=True))
        self.show_error(reason)

    def _rec_tick(self) -> None:
        limit = time_limit_s(self.ctx)
        elapsed = self.take.elapsed_s()
        self.rec_panel.remaining.set_remaining(limit - elapsed, limit)
        if self.take.stopped_by_itself() or elapsed >= limit:
            self._stop_clicked()

    def _stop_clicked(self) -> None:
        if self._phase is Phase.RECORDING and self.take.recorder is not None:
            self._rec_timer.stop()
            self.window_fire(lambda: self.ctx.machine.fire(Event.STOP, confirmed=True))

    # -- FINISHING ----------------------------------------------------------------------------------
    def _finished_ok(self, finished: FinishedTake) -> None:
        # The session checks it now, or deletes it when the person went back meanwhile.
        self.window_fire(lambda: self.ctx.session.take_finished(finished))

    def _finished_failed(self, take_dir: Path, error: BaseException) -> None:
        reason = translate("PromptPage", "Your answer could not be saved: {reason} Please record it again.")
        text = reason.format(reason=error_text(error))
        nothing = code_of(error) is MessageCode.TAKE_NO_VIDEO
        self.window_fire(lambda: self.ctx.session.take_failed(take_dir, text, recorded_nothing=nothing))

    # -- CHECK / WATCH_BACK -------------------------------------------------------------------------
    def _current_finished(self) -> FinishedTake | None:
        """The take to check: the new one, or the answer kept earlier (Back to a kept answer)."""
        on_screen = self.ctx.session.take_on_screen()
        if on_screen is None:
            self.finished = None
        elif self.finished is None or self.finished.take_dir != on_screen.take_dir:
            self.finished = on_screen
        return self.finished

    def _show_check(self, phase: Phase) -> None:
        finished = self._current_finished()
        if finished is None:
            return
        self.check_panel.show_result(finished)
        self.picture.setCurrentWidget(self.player)
        self.player.load(finished.mp4_path)
        if phase is Phase.WATCH_BACK:
            self.player.player.play()
        else:
            self.player.player.pause()  # shows the first frame instead of a black box
        focus_soon(self.check_panel.keep_button)

    def _watch_clicked(self) -> None:
        if self._phase is Phase.CHECK:
            self.request(Event.WATCH)
        else:
            self.player.player.setPosition(0)
            self.player.player.play()

    def _keep_clicked(self) -> None:
        if self._current_finished() is None:
            return
        self.player.unload()
        self.window_fire(self.ctx.session.keep)  # a new answer replaces the one kept before

    def _apply_trim(self) -> None:
        finished = self._current_finished()
        if finished is None:
            return
        try:
            trim = self.check_panel.trim.trim()
        except ValueError:
            self.show_error(translate("PromptPage", "That trim would leave almost nothing. Cut less."))
            return
        if trim is None:
            return
        self.player.unload()
        self.check_panel.show_trimming()

        def done(new: FinishedTake) -> None:
            self.check_panel.apply_trim_button.setEnabled(True)
            self.check_panel.trim_button.setChecked(False)
            self.finished = new
            self.ctx.session.trimmed(new)
            if self._phase in (Phase.CHECK, Phase.WATCH_BACK):
                self._show_check(self._phase)

        def failed(message: str) -> None:
            self.check_panel.apply_trim_button.setEnabled(True)
            self.show_error(translate("PromptPage", "The trim did not work: {reason}").format(reason=message))
            self._show_check(self._phase or Phase.CHECK)

        self.take.retrim(finished.take_dir, trim, self.finish_panel.show_progress, done, failed)
