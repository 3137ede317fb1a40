"""Random journeys through the real window: no order of clicks leads to a dead end, nothing is lost or left.

A Hypothesis ``RuleBasedStateMachine`` drives the real :class:`ui.main_window.MainWindow` (offscreen) with the
synthetic camera and microphone, real recording and finishing (ffmpeg) and a real intake server on
127.0.0.1 shared by the whole run. Rules press what a person can press (and stop the server, or close or
crash the app); after every step the invariants in :meth:`Journey.after_every_step` must hold (they are
in :mod:`tests.e2e.journey_checks`).

What makes a step cheap without making it less real: 320x180 pictures, answers of at most 1 s, no countdown
unless a rule asks for one, fast retries in the outbox (the same attempts, shorter waits), one server for
the whole run behind a port the server rules close and open (see :class:`Intake`), translations compiled
once per run (as the app keeps them in the user's cache folder).

What makes a journey deep: rules chosen at random (and Hypothesis' swarm testing, which switches a random
share of the rules off for each journey) mostly walk to and fro on the first pages, so most journeys start
deeper (:meth:`Journey.start_at`), Back and Cancel on the first pages are limited, and :meth:`Journey.go_on`
presses the obvious way on until the next real choice, with the checks after every press.

How many journeys: ``VOICEBOOTH_JOURNEYS`` (default :data:`CI_JOURNEYS`, what CI runs) of up to
``VOICEBOOTH_JOURNEY_STEPS`` steps. A long run::

    VOICEBOOTH_JOURNEYS=300 python -m pytest tests/e2e/test_random_journeys.py -p no:xdist -s

The summary printed at the end gives the journeys started, the steps, the time each rule took and the
screens reached. Every shrunk failure is kept as a named test in tests/e2e/test_journey_regressions.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QSpinBox
from pytestqt.qtbot import QtBot

from recorder.flow import Phase, Step
from recorder.upload import RetryPolicy
from tests.e2e.journey_checks import CHECKING, SERVER_DOWN_LINES, WAIT_MS, JourneyChecks
from tests.e2e.journey_support import (
    JOURNEY_NOISE,
    Intake,
    Run,
    Sent,
    Watch,
    file_sha256,
    threads_left,
    timed,
)
from tests.helpers.flow_app import make_context, short_campaign
from tests.helpers.qt import StrictLogs, wait_for_all
from tests.helpers.server import start_server
from tests.helpers.tcp_proxy import TcpProxy
from ui.main_window import MainWindow
from ui.pages.check_and_send import CheckAndSendPage
from ui.pages.done import DonePage
from ui.pages.recovery import RecoveryPage
from ui.pages.welcome import WelcomePage
from ui.settings_dialog import SettingsDialog

#: What CI runs: Hypothesis examples (it adds a few journeys of its own). Deep journeys cost several
#: seconds each (a take is a real recording and a real finish; a send a real upload), so this is what fits
#: in about two minutes on two cores; the README gives the measured figures and how to run 300.
CI_JOURNEYS = 15
JOURNEYS = int(os.environ.get("VOICEBOOTH_JOURNEYS", str(CI_JOURNEYS)))
STEPS = int(os.environ.get("VOICEBOOTH_JOURNEY_STEPS", "40"))
#: Longest an answer may last (the campaign's time limit): long enough to trim, short enough to be cheap.
ANSWER_LIMIT_S = 1
#: How long the person talks before Stop: a moment, most of the limit, or until the time limit stops it.
HOLDS_S = (0.2, 0.6, ANSWER_LIMIT_S + 0.5)
#: A countdown long enough that no quick step outlasts it (a replayed journey must find the same screen).
COUNTDOWN_S = 2
#: Back or Cancel pressed on the first pages, per journey (without a limit, a journey spends most of its
#: steps going to and fro between the welcome and about-you screens, where little is at stake).
MAX_EARLY_TURNS = 2
EARLY_STEPS = (Step.WELCOME, Step.ABOUT_YOU, Step.CONSENT, Step.DEVICE_CHECK)
#: Where journeys start (Hypothesis shrinks towards the first).
STARTS = (
    "welcome", "first question", "an answer kept", "check and send", "a crash after an answer",
    "a crash at check and send",
)  # fmt: skip
#: Server outages per journey (without a limit, down-up-down... is the cheapest thing to do at Send).
MAX_OUTAGES = 2
#: Language buttons pressed per journey (without a limit, a journey may do little else on the first screen).
MAX_LANGUAGE_CHOICES = 3


@pytest.fixture(scope="module")
def intake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Intake]:
    for server in start_server(tmp_path_factory.mktemp("journeys-intake")):
        with TcpProxy(("127.0.0.1", server.port)) as port:
            yield Intake(server, port)


class Journey(JourneyChecks, RuleBasedStateMachine):
    """One person's visit (and the app started again after a close or a crash), step by step."""

    qtbot: QtBot
    intake: Intake
    qtlog: object
    run: Run

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="voicebooth-journey-"))
        self.threads_before = set(threading.enumerate())
        self.watch = Watch(self.qtlog).__enter__()
        self.watch.take()  # what earlier journeys left is theirs
        self.intake.port.accept_again()  # every journey starts with the server up
        self.server_down_this_step = False
        self.outages = 0
        self.language_choices = 0
        self.early_turns = 0
        self.answer_yes = True
        self.said_yes = False  # the person agreed to lose something during this step
        self.sent: list[Sent] = []
        self.kept_before: dict[str, Path] = {}
        self.run.journeys += 1
        self.window = self._open()

    # -- the app ------------------------------------------------------------------------------------
    def _open(self) -> MainWindow:
        ctx = make_context(
            self.root,
            campaign_path=short_campaign(self.root, max_duration_s=ANSWER_LIMIT_S, countdown_s=0),
            extra={
                "server_url": self.intake.url,
                "upload_key": self.intake.server.upload_key,
                "video_size": "320x180",
            },
            start_with_recovery=self._interrupted(),
            retry=RetryPolicy(base_delay_s=0.02, max_delay_s=0.1),
            qm_cache=self.run.shared / "qm-cache",
        )
        window = MainWindow(ctx, confirm=self._confirm)
        window.show()
        window.resume_unsent()
        self._settle(window)
        return window

    def _confirm(self, *_question: str) -> bool:
        self.said_yes = self.said_yes or self.answer_yes
        return self.answer_yes

    def _interrupted(self) -> bool:
        from recorder.flow.saved import find_sessions
        from recorder.takes.recovery import find_interrupted

        data = self.root / "data"
        return data.exists() and bool(find_sessions(data) or find_interrupted(data))

    def _close_window(self) -> None:
        """After the window closed (or crashed): its outbox closed, the window deleted."""
        assert wait_for_all(WAIT_MS)
        self.window.ctx.services.close()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def _settle(self, window: MainWindow | None = None) -> None:
        """Wait until the screen stops moving by itself (finishing, sending, background work)."""
        machine = (window or self.window).ctx.machine
        self.qtbot.waitUntil(
            lambda: (
                not (
                    machine.state.step is Step.SENDING
                    or (machine.state.step is Step.PROMPT and machine.state.phase is Phase.FINISHING)
                )
            ),
            timeout=WAIT_MS,
        )
        assert wait_for_all(WAIT_MS)

    def _ask(self, answer: bool, press: Callable[[], object]) -> None:
        """Press something that may ask the person a question; they answer ``answer``."""
        self.answer_yes = answer
        try:
            press()
        finally:
            self.answer_yes = True

    # -- where a journey starts ----------------------------------------------------------------------
    @initialize(start=st.sampled_from(STARTS))
    def start_at(self, start: str) -> None:
        """Most steps are deep in the flow, so most journeys start there (reached with the buttons, checked
        after every press like any step)."""
        if start == "welcome":
            return
        self._press_on(lambda: self.state.step is Step.PROMPT)
        if start == "first question":
            return
        self._press_on(lambda: self.state.step is not Step.PROMPT or self.state.prompt_index > 0)
        if start == "a crash after an answer":
            self._crash()  # the next start offers to continue
            return
        self._press_on(lambda: self.state.step is not Step.PROMPT)
        if start == "a crash at check and send":
            self._crash()

    # -- the obvious way on ---------------------------------------------------------------------------
    @precondition(lambda self: self._way_on() is not None)
    @rule()
    def go_on(self) -> None:
        """The obvious way on, pressed until the next screen (or question) where the person has a choice:
        Next through the first pages (yes to everything) to a question; a short answer recorded and kept;
        the answer on screen kept; Send; start again for someone else; continue after a crash.

        The rules alone, chosen at random, mostly walk to and fro on the first pages; with this one a
        journey gets deep. It presses what the rules press, and the checks run after every press.
        """
        start = self.state
        self._press_on(
            lambda: (
                (self.state.step, self.state.prompt_index) != (start.step, start.prompt_index)
                and self.state.step not in EARLY_STEPS
            )
        )

    def _press_on(self, arrived: Callable[[], bool], most: int = 12) -> None:
        """Press the way on, checking after every press, until ``arrived`` or no press changes anything."""
        for _ in range(most):
            press = self._way_on()
            if press is None or arrived():
                return
            before = self.state
            press()
            self.after_every_press()
            if self.state == before:
                return

    def _way_on(self) -> Callable[[], None] | None:
        """The one press that goes on from here, or None when there is none (the server rules, Cancel...)."""
        if self.state.step in EARLY_STEPS and (
            self._usable(self.window.next_button) or self._in(Step.DEVICE_CHECK)
        ):
            return lambda: self.next(consent="yes to all")
        if self._in(Step.PROMPT, Phase.READ) and self._page().record_button.isEnabled():
            return lambda: self.start_recording(countdown_s=0)
        if self._in(Step.PROMPT, Phase.COUNTDOWN, Phase.RECORDING):
            return lambda: self.stop_recording(hold_s=HOLDS_S[0])
        if self._in(Step.PROMPT, *CHECKING):
            return self.keep
        if self._in(Step.CHECK_AND_SEND) and self._send_page().send_button.isEnabled():
            return self.send
        if self._in(Step.DONE):
            return self.start_again_for_someone_else
        if self._in(Step.RECOVERY) and self._recovery().recover_button.isEnabled():
            return self.continue_after_a_crash
        return None

    # -- moving through the flow --------------------------------------------------------------------
    @precondition(lambda self: self._usable(self.window.next_button) or self._in(Step.DEVICE_CHECK))
    @rule(consent=st.sampled_from(["yes to all", "no to a required one"]))
    @timed
    def next(self, consent: str) -> None:
        if self.state.step is Step.CONSENT:
            page = self.window.current_page
            required = set(self.ctx.campaign.consent.required_choice_ids)
            for choice_id, yes_no in page.choices.items():  # type: ignore[attr-defined]
                yes_no.set_value(consent == "yes to all" or choice_id not in required)
        if self.state.step is Step.DEVICE_CHECK:  # the camera may need a moment to show a picture
            self.qtbot.waitUntil(lambda: self._usable(self.window.next_button), timeout=WAIT_MS)
        self.window.next_button.click()
        self._settle()

    @precondition(lambda self: self._usable(self.window.back_button) and self._may_turn())
    @rule(answer=st.booleans())
    @timed
    def back(self, answer: bool) -> None:
        self._turn(answer, self.window.back_button.click)

    @precondition(lambda self: self._usable(self.window.cancel_button) and self._may_turn())
    @rule(answer=st.booleans())
    @timed
    def cancel(self, answer: bool) -> None:
        self._turn(answer, self.window.cancel_button.click)

    def _may_turn(self) -> bool:
        return self.state.step not in EARLY_STEPS or self.early_turns < MAX_EARLY_TURNS

    def _turn(self, answer: bool, press: Callable[[], object]) -> None:
        """Back or Cancel (counted on the first pages)."""
        self.early_turns += self.state.step in EARLY_STEPS
        self._ask(answer, press)
        self._settle()

    @precondition(lambda self: self._in(Step.WELCOME) and self.language_choices < MAX_LANGUAGE_CHOICES)
    @rule(locale=st.sampled_from(["en", "cy"]))
    @timed
    def choose_language(self, locale: str) -> None:
        self.language_choices += 1
        page = self.window.current_page
        assert isinstance(page, WelcomePage)
        page.language_buttons[locale].click()
        self._settle()

    # -- answering ----------------------------------------------------------------------------------
    @precondition(lambda self: self._in(Step.PROMPT, Phase.READ) and self._page().record_button.isEnabled())
    @rule(countdown_s=st.sampled_from([0, 0, 0, COUNTDOWN_S]))  # (a countdown is a wait, so less often)
    @timed
    def start_recording(self, countdown_s: int) -> None:
        page = self._page()
        page.ctx.services.settings.countdown_s = countdown_s
        page.record_button.click()
        if self.state.phase is Phase.RECORDING:  # no countdown: wait until the devices are recording
            self.qtbot.waitUntil(
                lambda: page.stop_button.isEnabled() or self.state.phase is not Phase.RECORDING,
                timeout=WAIT_MS,
            )
        self._settle()

    @precondition(lambda self: self._in(Step.PROMPT, Phase.COUNTDOWN, Phase.RECORDING))
    @rule(hold_s=st.sampled_from(HOLDS_S))
    @timed
    def stop_recording(self, hold_s: float) -> None:
        """Stop soon, after a moment, or not at all (the time limit stops it, as soon as it is reached).

        Never before the first picture: whether a picture came within a few milliseconds is chance, and
        a journey must do the same thing each time Hypothesis replays it (that case has its own test).
        """
        page = self._page()
        waiting = (Phase.COUNTDOWN, Phase.RECORDING)
        self.qtbot.waitUntil(
            lambda: page.stop_button.isEnabled() or self.state.phase not in waiting, timeout=WAIT_MS
        )
        if hold_s > ANSWER_LIMIT_S:
            self.qtbot.waitUntil(lambda: self.state.phase not in waiting, timeout=WAIT_MS)
        elif hold_s:
            self.qtbot.wait(round(hold_s * 1000))
        if self.state.phase is Phase.RECORDING and page.stop_button.isEnabled():
            page.stop_button.click()
        self._settle()

    @precondition(lambda self: self._in(Step.PROMPT, *CHECKING))
    @rule()
    @timed
    def keep(self) -> None:
        self._page().keep_button.click()
        self._settle()

    @precondition(lambda self: self._in(Step.PROMPT, *CHECKING))
    @rule(answer=st.booleans())
    @timed
    def record_again(self, answer: bool) -> None:
        self._ask(answer, self._page().check_panel.retake_button.click)
        self._settle()

    @precondition(lambda self: self._in(Step.PROMPT, *CHECKING))
    @rule()
    @timed
    def watch_back(self) -> None:
        self._page().check_panel.watch_button.click()
        self._settle()

    @precondition(lambda self: self._in(Step.PROMPT, *CHECKING) and self._page().trim_button.isEnabled())
    @rule(from_start_s=st.sampled_from([0.0, 0.2]), from_end_s=st.sampled_from([0.0, 0.2, 0.4]))
    @timed
    def trim(self, from_start_s: float, from_end_s: float) -> None:
        page = self._page()
        if not page.trim_button.isChecked():
            page.trim_button.click()
        page.trim.set_cuts(from_start_s, from_end_s)
        page.check_panel.apply_trim_button.click()
        self._settle()
        if page.trim.summary.isVisible():
            self.run.seen["trim: " + ("applied" if from_start_s + from_end_s else "nothing cut")] += 1

    @precondition(lambda self: self._in(Step.PROMPT, Phase.READ))
    @rule()
    @timed
    def skip(self) -> None:
        self._page().read_panel.skip_button.click()
        self._settle()

    # -- check and send, done -----------------------------------------------------------------------
    @precondition(lambda self: self._in(Step.CHECK_AND_SEND))
    @rule(index=st.integers(0, 1))
    @timed
    def answer_again(self, index: int) -> None:
        buttons = self._send_page().answers.buttons
        if index < len(buttons) and buttons[index].isEnabled():
            buttons[index].click()
        self._settle()

    @precondition(lambda self: self._in(Step.CHECK_AND_SEND) and self._send_page().send_button.isEnabled())
    @rule()
    @timed
    def send(self) -> None:
        page = self._send_page()
        mp4s = [Path(k.take_dir) / "deliverable.mp4" for k in self.ctx.machine.model.kept.values()]
        kept = {file_sha256(mp4): mp4 for mp4 in mp4s}
        page.send_button.click()  # (stopping a send is test_send_later's: it races the send itself)
        self._settle()
        if self.state.step is Step.DONE:
            submission_id = self.ctx.machine.model.submission_id
            assert submission_id is not None
            self.sent.append(Sent(submission_id, kept))
            self.run.seen["sent"] += 1
        else:
            self.run.seen["send stopped or failed"] += 1

    def _send_page(self) -> CheckAndSendPage:
        page = self.window.current_page
        assert isinstance(page, CheckAndSendPage)
        return page

    @precondition(lambda self: self._in(Step.DONE))
    @rule()
    @timed
    def start_again_for_someone_else(self) -> None:
        page = self.window.current_page
        assert isinstance(page, DonePage)
        page.again_button.click()
        self._settle()

    # -- interruptions: settings, closing, crashing ---------------------------------------------------
    @precondition(lambda self: not self._in(Step.WELCOME))
    @rule(
        what=st.sampled_from(
            ["settings: cancel", "settings: save", "settings: Welsh and a countdown",
             "close: stay", "close and start again", "crash and start again"]
        )
    )  # fmt: skip
    @timed
    def interrupt(self, what: str) -> None:
        """Something besides the flow's own buttons: Settings, closing the window, or a crash.

        One rule for all of them, so that they interrupt journeys without crowding out the flow's steps (and
        not on the welcome screen, where nothing is at stake yet and a journey should get going).
        """
        if what.startswith("settings"):
            self._settings(what.removeprefix("settings: "))
        elif what.startswith("close"):
            self._ask(what != "close: stay", self.window.close)
            if not self.window.isVisible():  # closed: start the app again on the same data
                self._close_window()
                self.window = self._open()
        elif not self._in(Step.PROMPT, Phase.COUNTDOWN, Phase.RECORDING):
            self._crash()
        self._settle()

    def _settings(self, choice: str) -> None:
        """Open Settings with its button, then close it as the person chooses (the dialog is modal)."""
        seen: list[SettingsDialog] = []

        def act() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, SettingsDialog):
                QTimer.singleShot(20, act)
                return
            seen.append(dialog)
            buttons = dialog.findChild(QDialogButtonBox)
            assert buttons is not None
            if choice == "cancel":
                buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
                return
            if choice == "Welsh and a countdown":
                locale = dialog.editors["locale"]
                assert isinstance(locale, QComboBox)
                locale.setCurrentIndex(locale.findData("cy"))
                countdown = dialog.editors["countdown_s"]
                assert isinstance(countdown, QSpinBox)
                countdown.setValue(1)
            buttons.button(QDialogButtonBox.StandardButton.Save).click()

        QTimer.singleShot(0, act)
        self.window.settings_button.click()  # returns when the dialog closed
        assert seen, "the settings dialog did not open"

    def _crash(self) -> None:
        """The app stops without asking anything or tidying up (a crash, a power cut), then starts again.

        In one process the window's threads must still end: the page is left (which stops previews and
        the player), but nothing the person recorded, kept or queued is deleted and no question is asked.
        """
        window = self.window
        window.current_page.leave()
        window.ctx.machine._listeners.clear()  # the dead app reacts to nothing more
        window.hide()
        self._close_window()
        self.window = self._open()
        self.run.seen["crashed and started again"] += 1

    @precondition(lambda self: self._in(Step.RECOVERY) and self._recovery().recover_button.isEnabled())
    @rule()
    @timed
    def continue_after_a_crash(self) -> None:
        self._recovery().recover_button.click()
        self._settle()
        if self.state.step is Step.CHECK_AND_SEND:
            self.run.seen["continued after a crash"] += 1

    @precondition(lambda self: self._in(Step.RECOVERY) and self._recovery().delete_button.isEnabled())
    @rule(answer=st.booleans())
    @timed
    def delete_after_a_crash(self, answer: bool) -> None:
        self._ask(answer, self._recovery().delete_button.click)
        self._settle()

    def _recovery(self) -> RecoveryPage:
        page = self.window.current_page
        assert isinstance(page, RecoveryPage)
        return page

    # -- the server ---------------------------------------------------------------------------------
    @precondition(
        lambda self: not self.intake.down and self._in(Step.CHECK_AND_SEND) and self.outages < MAX_OUTAGES
    )
    @rule()
    @timed
    def server_goes_down(self) -> None:
        """Just before Send (where the person meets it; a closed app meets it again at the next start)."""
        self.outages += 1
        self.intake.port.refuse()
        self.server_down_this_step = True

    @precondition(lambda self: self.intake.down)
    @rule()
    @timed
    def server_comes_back(self) -> None:
        self.intake.port.accept_again()

    # -- invariants ---------------------------------------------------------------------------------
    @invariant()
    def after_every_step(self) -> None:
        self.run.steps += 1
        self.after_every_press()

    def after_every_press(self) -> None:
        """The checks, after every step and after every press of a step that presses several times."""
        self.nothing_went_wrong_unseen()
        self.one_page_with_a_way_on_or_back()
        self.a_kept_answer_on_screen_plays_and_can_be_kept_again()
        self.every_kept_answer_is_a_playable_file()
        self.nothing_kept_is_lost_without_a_yes()
        self.nothing_recorded_before_consent()
        self.no_take_left_that_nobody_names()
        self.what_was_sent_arrived_and_left_this_computer()
        self.run.seen[self.state.step.value] += 1
        self.server_down_this_step = self.intake.down
        self.said_yes = False

    def teardown(self) -> None:
        try:
            self.answer_yes = True
            if self.window.isVisible():
                self.window.close()
            self._close_window()
            left = threads_left(self.threads_before, ours=("tcp-proxy", "proxy-"))
            assert not left, f"threads left running after the app closed: {left}"
            problems = self.watch.problems([SERVER_DOWN_LINES])
            assert not problems, "\n".join(problems)
        finally:
            self.watch.__exit__()
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def journeys(
    qtbot: QtBot,
    qtlog: object,
    intake: Intake,
    strict_logs: StrictLogs,
    tmp_path_factory: pytest.TempPathFactory,
) -> Run:
    """:class:`Journey` ready to run (the window's test helpers, the server), with the run's :class:`Run`."""
    # Checked step by step by the journeys themselves (Watch); declared here for the end-of-test check.
    strict_logs.expect(SERVER_DOWN_LINES.pattern)
    strict_logs.expect(JOURNEY_NOISE)
    Journey.qtbot, Journey.intake, Journey.qtlog = qtbot, intake, qtlog
    Journey.run = Run(tmp_path_factory.mktemp("journeys-shared"))
    return Journey.run


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_random_journeys(journeys: Run) -> None:
    try:
        run_state_machine_as_test(
            Journey,
            settings=settings(
                max_examples=JOURNEYS,
                stateful_step_count=STEPS,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=bool(os.environ.get("CI")),
                database=None,
                print_blob=True,
            ),
        )
    finally:
        print("\nRandom journeys:", journeys.summary())
