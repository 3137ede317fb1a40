"""The invariants every random journey checks after every step (tests/e2e/test_random_journeys.py).

Each method is one promise of the issue: exactly one page with a way on or back, every kept answer plays and
can be kept again, nothing kept is lost without the person's yes, nothing is recorded before consent, no
take is left that nobody names, what was sent is on the server (SHA-256) and gone from this computer, and
nothing went wrong unseen (a warning, a Qt warning, an exception in a callback).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from recorder.flow import Phase, Step
from recorder.outbox.states import FINAL, SubmissionState
from tests.e2e.journey_support import Intake, Sent, Watch, server_takes
from ui.main_window import MainWindow
from ui.pages.check_and_send import CheckAndSendPage
from ui.pages.done import DonePage
from ui.pages.prompt import PromptPage
from ui.pages.recovery import RecoveryPage

WAIT_MS = 60_000
CHECKING = (Phase.CHECK, Phase.WATCH_BACK)
#: Our own warnings a step may log while the server is down (the send fails; the outbox keeps it).
SERVER_DOWN_LINES = re.compile(
    r"Sending failed|not sent yet|could not be queued yet|Could not look at the queued|"
    r"Could not cancel a queued submission"
)


class JourneyChecks:
    """The checks, over what a journey holds: its window, data folder, server and what the person did."""

    qtbot: QtBot
    intake: Intake
    window: MainWindow
    root: Path
    watch: Watch
    sent: list[Sent]
    kept_before: dict[str, Path]
    said_yes: bool
    server_down_this_step: bool

    @property
    def ctx(self):  # type: ignore[no-untyped-def]
        return self.window.ctx

    @property
    def state(self):  # type: ignore[no-untyped-def]
        return self.ctx.machine.state

    def _in(self, step: Step, *phases: Phase) -> bool:
        state = self.state
        return state.step is step and (not phases or state.phase in phases)

    @staticmethod
    def _usable(button: QPushButton) -> bool:
        return button.isVisible() and button.isEnabled()

    def _page(self) -> PromptPage:
        page = self.window.current_page
        assert isinstance(page, PromptPage)
        return page

    def nothing_went_wrong_unseen(self) -> None:
        allowed = [SERVER_DOWN_LINES] if self.server_down_this_step else []
        problems = self.watch.problems(allowed)
        assert not problems, "\n".join(problems)

    def one_page_with_a_way_on_or_back(self) -> None:
        window = self.window
        page = window.current_page
        assert window.pages[self.state.step] is page and window.stack.currentWidget() is page
        assert page.isVisible()
        assert QApplication.activeModalWidget() is None, "a dialog was left open"
        ways = [b for b in (window.back_button, window.next_button) if self._usable(b)]
        if isinstance(page, PromptPage):
            ways += [b for b in (page.record_button, page.stop_button, page.keep_button) if self._usable(b)]
        if isinstance(page, CheckAndSendPage):
            ways += [b for b in (page.send_button, *page.answers.buttons) if self._usable(b)]
        if isinstance(page, DonePage):
            ways += [page.again_button] if self._usable(page.again_button) else []
        if isinstance(page, RecoveryPage):
            ways += [b for b in (page.recover_button, page.delete_button) if self._usable(b)]
        assert ways, f"dead end at {self.state}"

    def a_kept_answer_on_screen_plays_and_can_be_kept_again(self) -> None:
        if not self._in(Step.PROMPT, *CHECKING):
            return
        page = self._page()
        on_screen = self.ctx.session.take_on_screen()
        assert on_screen is not None and on_screen.mp4_path.is_file(), "nothing to watch or keep"
        assert page.picture.currentWidget() is page.player and self._usable(page.keep_button)
        player = page.player.player
        assert Path(player.source().toLocalFile()) == on_screen.mp4_path
        loaded = (
            QMediaPlayer.MediaStatus.LoadedMedia,
            QMediaPlayer.MediaStatus.BufferedMedia,
            QMediaPlayer.MediaStatus.BufferingMedia,
            QMediaPlayer.MediaStatus.EndOfMedia,
        )
        self.qtbot.waitUntil(
            lambda: player.mediaStatus() in loaded or player.error() != QMediaPlayer.Error.NoError,
            timeout=WAIT_MS,
        )
        assert player.error() == QMediaPlayer.Error.NoError, player.errorString()

    def every_kept_answer_is_a_playable_file(self) -> None:
        if self.state.step in (Step.SENDING, Step.DONE):
            return  # the outbox owns them now (and deletes them once the server has them)
        for kept in self.ctx.machine.model.kept.values():
            mp4 = Path(kept.take_dir) / "deliverable.mp4"
            assert mp4.is_file() and mp4.stat().st_size > 0, kept

    def nothing_kept_is_lost_without_a_yes(self) -> None:
        """A kept answer's file goes only after a yes, once sent, or when a newer answer replaced it."""
        kept_now = {p: Path(k.take_dir) / "deliverable.mp4" for p, k in self.ctx.machine.model.kept.items()}
        records = self.ctx.services.outbox().list()
        sent = {f.path for r in records if r.state is SubmissionState.CONFIRMED for f in r.files}
        for prompt_id, mp4 in self.kept_before.items():
            replaced = kept_now.get(prompt_id, mp4) != mp4
            assert mp4.exists() or self.said_yes or mp4 in sent or replaced, f"kept answer lost: {mp4}"
        self.kept_before = kept_now

    def nothing_recorded_before_consent(self) -> None:
        folder = self.ctx.session.folder
        if self.ctx.machine.model.consent is None and self.state.step is not Step.RECOVERY:
            assert folder is None or not any(folder.glob("takes/*")), "recorded before consent"

    def no_take_left_that_nobody_names(self) -> None:
        """Every take on disk is the session's, waits in the outbox, or is in a session left for later."""
        data = self.root / "data"
        named = set(self.ctx.session.takes_in_use())
        for record in self.ctx.services.outbox().list():
            if record.state not in FINAL:
                named |= {f.path.parent for f in record.files}
        folder = self.ctx.session.folder
        for take in data.glob("submissions/*/takes/*"):
            left_for_later = take.parent.parent != folder and (take.parent.parent / "session.json").exists()
            assert take in named or left_for_later, f"a take nobody names: {take.relative_to(data)}"

    def what_was_sent_arrived_and_left_this_computer(self) -> None:
        """Every submission the outbox confirmed (seen as Done, or sent at a start) is on the server, exactly
        the kept answers by SHA-256, and its local media is gone."""
        records = self.ctx.services.outbox().list()
        confirmed = {r.submission_id: r for r in records if r.state is SubmissionState.CONFIRMED}
        for sent in self.sent:
            assert sent.submission_id in confirmed, f"Done was shown but the outbox did not confirm {sent}"
            assert {f.sha256 for f in confirmed[sent.submission_id].files} == set(sent.kept)
        for record in confirmed.values():
            status, takes = server_takes(self.intake.server, record.submission_id)
            assert status == "received", (record.submission_id, status)
            assert sorted(t.sha256 for t in takes) == sorted(f.sha256 for f in record.files)
            assert all(t.stored_sha256 == t.sha256 for t in takes), takes
            assert not any(f.path.exists() for f in record.files), "sent media left on this computer"
