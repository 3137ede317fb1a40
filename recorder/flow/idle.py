"""When a person has walked away from a shared PC: the idle timeout, "Are you still there?", and what follows.

:class:`IdleWatch` is Qt-free and reads time only from the :class:`recorder.ports.Clock` port, so a test
moves a fake clock through minutes at once. The window feeds it the person's activity (keys, mouse, wheel)
and every flow state, and asks :meth:`IdleWatch.poll` once a second what to do::

    WATCHING --idle timeout_s--> ASKING --(booth) warning_s more--> DISCARD (everything of the person goes)
       ^                           |
       +------- still_here() ------+   outside booth mode ASKING waits for an answer: nothing goes unasked

    Done (booth mode only): done_return_s without activity --> FINISH (back to Welcome, the codes forgotten)

Watched steps: from About you to Check and send (the person's details, consent and answers are on this
computer), except while a take is counted down, recorded or finished, which is activity in itself.
Welcome, Recovery and Sending are never timed out (a send carries on by itself).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from recorder.flow.model import FlowState, Phase, Step
from recorder.ports import Clock

_NS = 1_000_000_000
#: Steps where nothing of a person is on screen, or where the app is working for them.
_NEVER = (Step.WELCOME, Step.RECOVERY, Step.SENDING)
#: Prompt phases that are activity in themselves (the person is being recorded, or waits for the take).
_BUSY_PHASES = (Phase.COUNTDOWN, Phase.RECORDING, Phase.FINISHING)


class IdleAction(enum.Enum):
    """What the window should do now."""

    NONE = "none"
    ASK = "ask"  # show (or keep showing) "Are you still there?"
    DISCARD = "discard"  # booth mode: nobody answered; discard everything of the person
    FINISH = "finish"  # booth mode: Done has shown its codes long enough; back to Welcome


@dataclass(frozen=True)
class IdlePolicy:
    """How the idle timeout behaves (from the configuration: ``booth_mode``, ``idle_timeout_s``).

    Attributes:
        booth: booth mode (shared PCs, event stands): discard after the warning; Done returns by itself.
        timeout_s: seconds without activity before asking.
        warning_s: booth mode: seconds the question waits for an answer before everything is discarded.
        done_return_s: booth mode: seconds Done stays without activity before returning to Welcome.
    """

    booth: bool = False
    timeout_s: int = 180
    warning_s: int = 60
    done_return_s: int = 120


@dataclass(frozen=True)
class IdleStatus:
    """The answer of :meth:`IdleWatch.poll`.

    Attributes:
        action: what to do now.
        seconds_left: with :attr:`IdleAction.ASK` in booth mode, whole seconds before the discard
            (None outside booth mode: nothing happens until the person answers).
    """

    action: IdleAction
    seconds_left: int | None = None


class IdleWatch:
    """Tracks the person's last activity against the clock and decides when to ask and when to discard.

    Args:
        clock: the monotonic clock (a fake one in tests).
        policy: booth mode and the timeouts.
    """

    def __init__(self, clock: Clock, policy: IdlePolicy) -> None:
        self.clock = clock
        self.policy = policy
        self._state: FlowState | None = None
        self._last_activity_ns = clock.now_ns()
        self._asking_since_ns: int | None = None

    @property
    def asking(self) -> bool:
        """True while "Are you still there?" is waiting for an answer."""
        return self._asking_since_ns is not None

    def follow(self, state: FlowState) -> None:
        """The flow moved: a new step or phase counts as activity (the person, or the app for them)."""
        self._state = state
        self._last_activity_ns = self.clock.now_ns()
        if not self._watched() and not self._done_in_booth():
            self._asking_since_ns = None

    def activity(self) -> None:
        """The person pressed a key or moved the mouse. While asking, only an answer counts."""
        if not self.asking:
            self._last_activity_ns = self.clock.now_ns()

    def still_here(self) -> None:
        """The person answered "Yes, I am still here": the timeout starts again."""
        self._asking_since_ns = None
        self._last_activity_ns = self.clock.now_ns()

    def poll(self) -> IdleStatus:
        """What to do now (call about once a second)."""
        now = self.clock.now_ns()
        if self._done_in_booth():
            if now - self._last_activity_ns >= self.policy.done_return_s * _NS:
                return IdleStatus(IdleAction.FINISH)
            return IdleStatus(IdleAction.NONE)
        if not self._watched():
            return IdleStatus(IdleAction.NONE)
        if self._busy():
            self._last_activity_ns = now
            return IdleStatus(IdleAction.NONE)
        if self._asking_since_ns is None:
            if now - self._last_activity_ns < self.policy.timeout_s * _NS:
                return IdleStatus(IdleAction.NONE)
            self._asking_since_ns = now
        if not self.policy.booth:
            return IdleStatus(IdleAction.ASK)
        left_ns = self.policy.warning_s * _NS - (now - self._asking_since_ns)
        if left_ns <= 0:
            self._asking_since_ns = None
            self._last_activity_ns = now
            return IdleStatus(IdleAction.DISCARD)
        return IdleStatus(IdleAction.ASK, seconds_left=-(-left_ns // _NS))

    # -- which states are watched -------------------------------------------------------------------
    def _watched(self) -> bool:
        state = self._state
        if state is None or state.step in _NEVER:
            return False
        return state.step is not Step.DONE or not self.policy.booth

    def _done_in_booth(self) -> bool:
        return self.policy.booth and self._state is not None and self._state.step is Step.DONE

    def _busy(self) -> bool:
        state = self._state
        return state is not None and state.step is Step.PROMPT and state.phase in _BUSY_PHASES
