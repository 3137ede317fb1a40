"""The flow's vocabulary and shared data: steps, phases, events, losses, flow errors, the model, the snapshot.

Everything here is plain data; :mod:`recorder.flow.transitions` decides how events move a
:class:`FlowState`, and :class:`recorder.flow.machine.FlowMachine` holds the current state and the
:class:`FlowModel`.
Import these names from :mod:`recorder.flow`, which re-exports them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field


class Step(enum.Enum):
    """Top-level screens (the UI registers one page per step). Values are stable names for logs and tests."""

    RECOVERY = "recovery"
    WELCOME = "welcome"
    ABOUT_YOU = "about_you"
    CONSENT = "consent"
    DEVICE_CHECK = "device_check"
    PROMPT = "prompt"
    CHECK_AND_SEND = "check_and_send"
    SENDING = "sending"
    DONE = "done"


class Phase(enum.Enum):
    """Where the person is inside one prompt (only meaningful when the step is :attr:`Step.PROMPT`)."""

    READ = "read"
    COUNTDOWN = "countdown"
    RECORDING = "recording"
    FINISHING = "finishing"
    CHECK = "check"
    WATCH_BACK = "watch_back"


class Event(enum.Enum):
    """Everything that can move the flow."""

    NEXT = "next"
    BACK = "back"
    CANCEL = "cancel"
    COUNTDOWN_DONE = "countdown_done"
    STOP = "stop"
    TAKE_READY = "take_ready"
    TAKE_FAILED = "take_failed"
    WATCH = "watch"
    KEEP = "keep"
    RETAKE = "retake"
    SKIP = "skip"
    REDO_PROMPT = "redo_prompt"
    SEND = "send"
    SENT = "sent"
    SEND_FAILED = "send_failed"
    START_OVER = "start_over"
    RESUME = "resume"


class FlowError(Exception):
    """An event that is not allowed now; ``str(error)`` is plain English."""


class ConfirmationNeeded(FlowError):  # noqa: N818 - it is a request, not a failure
    """The event would discard something; ask the person, then fire again with ``confirmed=True``.

    Attributes:
        event: the event that was refused.
        discards: plain-English list of what would be lost (untranslated keys, see :class:`Loss`).
    """

    def __init__(self, event: Event, discards: tuple[Loss, ...]) -> None:
        super().__init__(f"{event.value} discards {', '.join(d.value for d in discards)}")
        self.event = event
        self.discards = discards


class Loss(enum.Enum):
    """Kinds of things an event can throw away; the UI turns them into translated sentences."""

    DETAILS = "details"
    CONSENT = "consent"
    KEPT_TAKES = "kept_takes"
    CURRENT_TAKE = "current_take"


@dataclass
class PersonField:
    """One optional detail and whether the person agreed to show it with their video."""

    value: str = ""
    show: bool = False


@dataclass
class ConsentRecord:
    """What the person agreed to, for the manifest (CONTRACTS.md section 2)."""

    version_id: str
    text_sha256: str
    choices: dict[str, bool]
    given_utc: str


@dataclass(frozen=True)
class KeptTake:
    """A take the person chose to keep for a prompt."""

    prompt_id: str
    take_dir: str
    duration_s: float


@dataclass
class FlowModel:
    """The shared data every page reads and writes. Reset by CANCEL and START_OVER."""

    locale: str = "en"
    name: PersonField = field(default_factory=PersonField)
    job_title: PersonField = field(default_factory=PersonField)
    employer: PersonField = field(default_factory=PersonField)
    consent: ConsentRecord | None = None
    #: how to reach the person when they said "You may contact me" (checked: recorder.contact_details)
    contact: dict[str, str] = field(default_factory=dict)
    #: prompt id -> kept take; insertion order is irrelevant, prompts order comes from the machine
    kept: dict[str, KeptTake] = field(default_factory=dict)
    #: take folder of the take being checked (after TAKE_READY, before KEEP/RETAKE)
    current_take_dir: str | None = None
    #: plain-English reason the last take could not be finished
    last_take_error: str | None = None
    #: plain-English reason sending failed, shown on the check-and-send page
    send_error: str | None = None
    reference: str | None = None
    submission_id: str | None = None

    def has_details(self) -> bool:
        """True when the person typed any of their details (so Cancel would lose them)."""
        return any(f.value.strip() for f in (self.name, self.job_title, self.employer))


@dataclass(frozen=True)
class FlowState:
    """A snapshot after a transition; what the UI renders."""

    step: Step
    prompt_index: int = 0
    phase: Phase = Phase.READ
    prompt_count: int = 0


#: An observer of the flow: called with the new state after every transition.
Listener = Callable[[FlowState], None]
