"""Booth mode and the idle timeout in the window: activity in, "Are you still there?" out, then the discard.

:class:`IdleGuard` feeds the core's :class:`recorder.flow.idle.IdleWatch` every key press, click, mouse move
and wheel turn of the application and every flow state, polls it once a second, and acts on its answer:
show :class:`ui.widgets.still_there.StillTherePanel` in place of the page (the navigation bar hidden, so
nothing of the person is readable), put the page back when they answer Yes, and when they answer No — or,
in booth mode, nobody answers within the warning — discard everything of the person through
:meth:`recorder.flow.session.SubmissionSession.discard_person`, which checks the deletion. In booth mode
Done returns to Welcome by itself.

Signals:
    discarded(object): a discard finished; carries its :class:`recorder.flow.session.DiscardCheck`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from recorder.config import Config
from recorder.flow import FlowState
from recorder.flow.discard import DiscardCheck
from recorder.flow.idle import IdleAction, IdlePolicy, IdleStatus, IdleWatch
from recorder.flow.session import SubmissionSession
from recorder.ports import Clock
from ui.widgets.still_there import StillTherePanel

log = logging.getLogger(__name__)

#: How often the watch is asked (the countdown shows whole seconds).
TICK_MS = 1000
#: Input that shows somebody is there.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_policy(config: Config) -> IdlePolicy:
    """Booth mode and the idle timeout from the configuration (policy, user settings...)."""
    return IdlePolicy(booth=config.flag("booth_mode"), timeout_s=config.integer("idle_timeout_s"))


class IdleGuard(QObject):
    """Watches one window's flow for a person who walked away.

    Args:
        session: the person's submission (its machine is followed; it discards).
        stack: the window's page stack (the question is shown in it, in place of the page).
        nav_bar: the window's navigation bar (hidden while asking).
        policy: booth mode and the timeouts.
        clock: the monotonic clock (a fake one in tests).
    """

    discarded = Signal(object)

    def __init__(
        self,
        session: SubmissionSession,
        stack: QStackedWidget,
        nav_bar: QWidget,
        policy: IdlePolicy,
        clock: Clock,
    ) -> None:
        super().__init__(stack)
        self.session = session
        self.watch = IdleWatch(clock, policy)
        self.stack = stack
        self.nav_bar = nav_bar
        self.panel = StillTherePanel()
        stack.addWidget(self.panel)
        self._hidden_page: QWidget | None = None
        self.panel.still_here.connect(self.answer_still_here)
        self.panel.start_again.connect(self.discard)
        self._unsubscribe = session.machine.subscribe(self._on_state)
        self.watch.follow(session.machine.state)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def asking(self) -> bool:
        """True while "Are you still there?" is on screen."""
        return self._hidden_page is not None

    # -- input --------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.watch.activity()
        return False

    def _on_state(self, state: FlowState) -> None:
        self.watch.follow(state)
        if self.asking and not self.watch.asking:
            self._put_page_back()

    # -- acting -------------------------------------------------------------------------------------
    def check(self) -> IdleStatus:
        """Ask the watch what to do now, and do it (the timer calls this every second)."""
        status = self.watch.poll()
        if status.action is IdleAction.ASK:
            self._ask(status.seconds_left)
        elif status.action in (IdleAction.DISCARD, IdleAction.FINISH):
            self.discard()
        return status

    def _ask(self, seconds_left: int | None) -> None:
        self.panel.show_question(booth=self.watch.policy.booth, seconds_left=seconds_left)
        if self.asking:
            return
        log.info("Nobody has used the app for a while: asking whether the person is still there")
        self._hidden_page = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.panel)
        self.nav_bar.hide()
        self.panel.focus_answer()

    def answer_still_here(self) -> None:
        """The person is back: their page again, as they left it."""
        self.watch.still_here()
        self._put_page_back()

    def _put_page_back(self) -> None:
        page, self._hidden_page = self._hidden_page, None
        if page is not None and self.stack.currentWidget() is self.panel:
            self.stack.setCurrentWidget(page)
        self.nav_bar.show()

    def discard(self) -> None:
        """Everything of the person goes (checked on a worker); the flow starts again at Welcome."""
        log.info("Discarding the session of a person who left (idle timeout or their answer)")
        self.watch.still_here()
        self._hidden_page = None
        self.session.discard_person(self._discard_checked)
        self.nav_bar.show()

    def _discard_checked(self, check: DiscardCheck) -> None:
        if not check.complete:
            log.error(
                "After the idle timeout %d item(s) of the person were still on this computer%s",
                len(check.remaining),
                " and their send was still queued" if check.still_queued else "",
            )
        self.discarded.emit(check)

    def stop(self) -> None:
        """The window is closing: stop watching."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._unsubscribe()
