"""Random journeys through the real window: no order of clicks leads to a dead end, nothing is lost or left.

A Hypothesis ``RuleBasedStateMachine`` drives the real :class:`ui.main_window.MainWindow` (offscreen) with the
synthetic camera and microphone, real recording and finishing (ffmpeg), and a real intake server on
127.0.0.1 shared by the whole run. Rules press what a person can press; after every step the invariants
below must hold. ``VOICEBOOTH_JOURNEYS`` sets how many journeys run (CI default below); each shrunk failure
is kept as a named regression test at the end of this file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from pytestqt.qtbot import QtBot

from recorder.flow import Phase, Step
from tests.helpers.flow_app import make_context, short_campaign
from tests.helpers.qt import StrictLogs, wait_for_all
from tests.helpers.server import IntakeServer, server_status, start_server
from ui.main_window import MainWindow
from ui.pages.prompt import PromptPage

JOURNEYS = int(os.environ.get("VOICEBOOTH_JOURNEYS", "8"))
STEPS = int(os.environ.get("VOICEBOOTH_JOURNEY_STEPS", "25"))
TAKE_MS = 60_000
CHECKING = (Phase.CHECK, Phase.WATCH_BACK)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IntakeServer]:
    yield from start_server(tmp_path_factory.mktemp("journeys-intake"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Journey(RuleBasedStateMachine):
    """One person's visit (and the app started again after a close), step by step."""

    qtbot: QtBot
    intake: IntakeServer

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="voicebooth-journey-"))
        self.answer_yes = True
        self.sent: list[tuple[str, set[str]]] = []  # (submission id, kept SHA-256s) confirmed
        self.window = self._open()

    # -- the app ------------------------------------------------------------------------------------
    def _open(self) -> MainWindow:
        ctx = make_context(
            self.root,
            campaign_path=short_campaign(self.root, max_duration_s=1, countdown_s=0),
            extra={"server_url": self.intake.url, "upload_key": self.intake.upload_key},
            start_with_recovery=self._interrupted(),
        )
        window = MainWindow(ctx, confirm=lambda *_a: self.answer_yes)
        self.qtbot.addWidget(window)
        window.show()
        window.resume_unsent()
        self._settle(window)
        return window

    def _interrupted(self) -> bool:
        from recorder.flow.saved import find_sessions
        from recorder.takes.recovery import find_interrupted

        data = self.root / "data"
        return data.exists() and bool(find_sessions(data) or find_interrupted(data))

    @property
    def ctx(self):  # type: ignore[no-untyped-def]
        return self.window.ctx

    @property
    def state(self):  # type: ignore[no-untyped-def]
        return self.ctx.machine.state

    def _settle(self, window: MainWindow | None = None) -> None:
        """Wait until the screen stops moving by itself (recording, finishing, sending, background work)."""
        window = window or self.window
        machine = window.ctx.machine
        self.qtbot.waitUntil(
            lambda: (
                not (
                    machine.state.step is Step.SENDING
                    or (machine.state.step is Step.PROMPT and machine.state.phase in (Phase.FINISHING,))
                )
            ),
            timeout=TAKE_MS,
        )
        assert wait_for_all(TAKE_MS)

    def _page(self) -> PromptPage | None:
        page = self.window.current_page
        return page if isinstance(page, PromptPage) else None

    # -- rules --------------------------------------------------------------------------------------
    @rule()
    def next(self) -> None:
        if self.state.step is Step.CONSENT:
            page = self.window.current_page
            for yes_no in getattr(page, "choices", {}).values():
                yes_no.set_value(True)
        if self.window.next_button.isVisible() and self.window.next_button.isEnabled():
            self.window.next_button.click()
        self._settle()

    @rule()
    def back(self) -> None:
        if self.window.back_button.isVisible() and self.window.back_button.isEnabled():
            self.window.back_button.click()
        self._settle()

    @rule(answer=st.booleans())
    def cancel(self, answer: bool) -> None:
        self.answer_yes = answer
        if self.window.cancel_button.isVisible():
            self.window.cancel_button.click()
        self.answer_yes = True
        self._settle()

    @precondition(lambda self: self.state.step is Step.PROMPT and self.state.phase is Phase.READ)
    @rule()
    def record_a_take(self) -> None:
        page = self._page()
        assert page is not None
        page.read_panel.countdown_spin.setValue(0)
        page.record_button.click()
        self.qtbot.waitUntil(
            lambda: page.stop_button.isEnabled() or self.state.phase is Phase.READ, timeout=TAKE_MS
        )
        if self.state.phase is Phase.RECORDING:
            page.stop_button.click()
        self._settle()

    @precondition(
        lambda self: self.state.step is Step.PROMPT and self.state.phase in (Phase.CHECK, Phase.WATCH_BACK)
    )
    @rule()
    def keep(self) -> None:
        page = self._page()
        assert page is not None
        page.keep_button.click()
        self._settle()

    @precondition(
        lambda self: self.state.step is Step.PROMPT and self.state.phase in (Phase.CHECK, Phase.WATCH_BACK)
    )
    @rule(answer=st.booleans())
    def record_again(self, answer: bool) -> None:
        page = self._page()
        assert page is not None
        self.answer_yes = answer
        page.check_panel.retake_button.click()
        self.answer_yes = True
        self._settle()

    @precondition(lambda self: self.state.step is Step.PROMPT and self.state.phase is Phase.CHECK)
    @rule()
    def watch_back(self) -> None:
        page = self._page()
        assert page is not None
        page.check_panel.watch_button.click()
        self._settle()

    @precondition(lambda self: self.state.step is Step.PROMPT and self.state.phase is Phase.READ)
    @rule()
    def skip(self) -> None:
        page = self._page()
        assert page is not None
        page.read_panel.skip_button.click()
        self._settle()

    @rule(locale=st.sampled_from(["en", "cy"]))
    def switch_language(self, locale: str) -> None:
        self.ctx.translations.set_locale(locale)
        self.ctx.machine.model.locale = locale
        self._settle()

    @precondition(lambda self: self.state.step is Step.CHECK_AND_SEND)
    @rule()
    def send(self) -> None:
        kept = {sha256(Path(k.take_dir) / "deliverable.mp4") for k in self.ctx.machine.model.kept.values()}
        page = self.window.current_page
        send_button = getattr(page, "send_button", None)
        if send_button is None or not send_button.isEnabled():
            return
        send_button.click()
        self._settle()
        if self.state.step is Step.DONE:
            submission_id = self.ctx.machine.model.submission_id
            assert submission_id is not None
            self.sent.append((submission_id, kept))

    @rule()
    def close_and_start_again(self) -> None:
        """Close the app (saying yes to what it asks) and start it again on the same data folder."""
        self.answer_yes = True
        self.window.close()
        assert wait_for_all(TAKE_MS)
        self.window.deleteLater()
        self.window = self._open()

    @rule()
    def server_stops_and_starts(self) -> None:
        self.intake.restart()

    # -- invariants ---------------------------------------------------------------------------------
    @invariant()
    def one_page_with_a_way_on_or_back(self) -> None:
        window = self.window
        assert window.stack.currentWidget() is window.current_page
        assert window.pages[self.state.step] is window.current_page
        ways = [b for b in (window.back_button, window.next_button) if b.isVisible() and b.isEnabled()]
        page = self._page()
        if page is not None and self.state.phase is Phase.READ:
            ways += [page.record_button] if page.record_button.isEnabled() else []
        if page is not None and self.state.phase in (Phase.CHECK, Phase.WATCH_BACK):
            ways += [page.keep_button] if page.keep_button.isEnabled() else []
        if self.state.step is Step.CHECK_AND_SEND:
            ways += [window.current_page.send_button]  # type: ignore[attr-defined]
        assert ways, f"dead end at {self.state}"

    @invariant()
    def a_kept_answer_on_screen_plays_and_can_be_kept(self) -> None:
        page = self._page()
        if page is None or self.state.phase not in (Phase.CHECK, Phase.WATCH_BACK):
            return
        on_screen = self.ctx.session.take_on_screen()
        assert on_screen is not None and on_screen.mp4_path.is_file(), "nothing to watch or keep"
        assert page.picture.currentWidget() is page.player and page.keep_button.isEnabled()

    @invariant()
    def every_kept_answer_is_on_disk(self) -> None:
        for kept in self.ctx.machine.model.kept.values():
            assert (Path(kept.take_dir) / "deliverable.mp4").is_file(), kept

    @invariant()
    def nothing_recorded_before_consent(self) -> None:
        if self.ctx.machine.model.consent is None and self.state.step is not Step.RECOVERY:
            assert self.ctx.session.folder is None or not any(self.ctx.session.folder.glob("takes/*"))

    @invariant()
    def no_take_left_that_the_session_does_not_name(self) -> None:
        folder = self.ctx.session.folder
        if folder is None or self.state.step in (Step.SENDING, Step.DONE, Step.RECOVERY):
            return
        on_disk = {p.parent for p in folder.glob("takes/*/journal.json")}
        named = self.ctx.session._referenced()
        assert on_disk <= named, f"takes nobody names: {sorted(p.name for p in on_disk - named)}"

    @invariant()
    def what_was_sent_arrived_and_left_this_computer(self) -> None:
        outbox = self.ctx.services.outbox()
        for submission_id, kept in self.sent:
            record = outbox.get(submission_id)
            assert record is not None and record.reference
            assert {f.sha256 for f in record.files} == kept  # exactly the kept answers
            assert not any(f.path.exists() for f in record.files)  # local media gone
            if self.intake.process is not None:
                assert server_status(self.intake, submission_id) == "received"

    def teardown(self) -> None:
        self.answer_yes = True
        self.window.close()
        wait_for_all(TAKE_MS)
        self.ctx.services.close()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.mark.slow
def test_random_journeys(qtbot: QtBot, server: IntakeServer, strict_logs: StrictLogs) -> None:
    strict_logs.expect("No RHI backend|No audio device detected")
    strict_logs.expect("Could not open media. FFmpeg error description: Immediate exit requested")
    strict_logs.expect("Sending failed|not sent yet|could not be queued yet|Could not look at the queued")
    Journey.qtbot, Journey.intake = qtbot, server
    run_state_machine_as_test(
        Journey,
        settings=settings(
            max_examples=JOURNEYS,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=bool(os.environ.get("CI")),
            database=None,
        ),
    )
