"""The support-worker flow as a Qt-free state machine: the machine decides, the UI follows.

Steps and events::

    RECOVERY ─NEXT─▶ WELCOME ─NEXT─▶ ABOUT_YOU ─NEXT─▶ CONSENT ─NEXT*─▶ DEVICE_CHECK ─NEXT─▶ PROMPT[0]
                       ▲  BACK◀──────────┘  BACK◀───────────┘  BACK◀────────────┘

    PROMPT[i] phases:  READ ──NEXT──▶ COUNTDOWN ──COUNTDOWN_DONE──▶ RECORDING ──STOP──▶ FINISHING
                       (NEXT goes straight to RECORDING when the countdown is off)
                       FINISHING ──TAKE_READY──▶ CHECK ──WATCH──▶ WATCH_BACK
                       FINISHING ──TAKE_FAILED──▶ READ (with the error kept for the page)
                       CHECK / WATCH_BACK ──KEEP──▶ PROMPT[i+1].READ, or REVIEW after the last prompt
                       CHECK / WATCH_BACK ──RETAKE!──▶ READ      READ ──SKIP──▶ next prompt (answer not kept)
                       BACK: COUNTDOWN→READ, RECORDING→READ!, FINISHING→READ!, CHECK→READ!, WATCH_BACK→CHECK,
                             READ→previous prompt's CHECK (its kept take), DEVICE_CHECK for the first prompt,
                             or REVIEW when the prompt was opened from the review (REDO_PROMPT)

    RECOVERY ──RESUME*──▶ REVIEW (a session saved before a crash, restored with :meth:`FlowMachine.resume`)
    REVIEW ──SEND*──▶ SENDING ──SENT──▶ DONE ──START_OVER──▶ WELCOME
    REVIEW ──REDO_PROMPT(i)──▶ PROMPT[i].READ      REVIEW ──BACK──▶ last prompt's CHECK
    SENDING ──SEND_FAILED──▶ REVIEW (the submission stays queued in the outbox; the page says so)
    any step before SENDING ──CANCEL!──▶ WELCOME, everything entered so far forgotten

    ``*`` = guarded (consent given; at least one kept take).  ``!`` = discards something: refused with
    :class:`ConfirmationNeeded` unless fired with ``confirmed=True`` after the person said yes.

The machine holds the shared :class:`FlowModel` (details, consent, kept takes) that every page reads and
writes. Observers registered with :meth:`FlowMachine.subscribe` get a frozen :class:`FlowState` after every
transition, so the UI never tracks the step itself.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime


class Step(enum.Enum):
    """Top-level screens. Values are stable page keys for the UI's page registry."""

    RECOVERY = "recovery"
    WELCOME = "welcome"
    ABOUT_YOU = "about_you"
    CONSENT = "consent"
    DEVICE_CHECK = "device_check"
    PROMPT = "prompt"
    REVIEW = "review"
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
    #: prompt id -> kept take; insertion order is irrelevant, prompts order comes from the machine
    kept: dict[str, KeptTake] = field(default_factory=dict)
    #: take folder of the take being checked (after TAKE_READY, before KEEP/RETAKE)
    current_take_dir: str | None = None
    #: plain-English reason the last take could not be finished
    last_take_error: str | None = None
    #: plain-English reason sending failed, shown on the review page
    send_error: str | None = None
    reference: str | None = None
    submission_id: str | None = None

    def has_details(self) -> bool:
        return any(f.value.strip() for f in (self.name, self.job_title, self.employer))


@dataclass(frozen=True)
class FlowState:
    """A snapshot after a transition; what the UI renders."""

    step: Step
    prompt_index: int = 0
    phase: Phase = Phase.READ
    prompt_count: int = 0

    @property
    def page_key(self) -> str:
        return self.step.value


Listener = Callable[[FlowState], None]


class FlowMachine:
    """The support-worker flow. Pages call :meth:`fire`; the window listens with :meth:`subscribe`.

    Args:
        prompt_ids: the campaign's prompts in the order they are asked (at least one).
        countdown_enabled: when False, NEXT on a prompt starts recording at once.
        start_with_recovery: start at :attr:`Step.RECOVERY` (interrupted takes were found at start-up).
        now_utc: clock for the consent timestamp (injectable for tests).
    """

    def __init__(
        self,
        prompt_ids: Sequence[str],
        *,
        countdown_enabled: bool = True,
        start_with_recovery: bool = False,
        now_utc: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if not prompt_ids:
            raise ValueError("a campaign needs at least one prompt")
        if len(set(prompt_ids)) != len(prompt_ids):
            raise ValueError("prompt ids must be unique")
        self.prompt_ids: tuple[str, ...] = tuple(prompt_ids)
        self.countdown_enabled = countdown_enabled
        self.model = FlowModel()
        self._now_utc = now_utc
        first = Step.RECOVERY if start_with_recovery else Step.WELCOME
        self._state = FlowState(step=first, prompt_count=len(self.prompt_ids))
        self._listeners: list[Listener] = []
        #: set by REDO_PROMPT so that keeping or skipping returns to the review instead of the next prompt
        self._redo_from_review = False

    # -- reading -------------------------------------------------------------------------------------
    @property
    def state(self) -> FlowState:
        return self._state

    @property
    def current_prompt_id(self) -> str | None:
        if self._state.step is not Step.PROMPT:
            return None
        return self.prompt_ids[self._state.prompt_index]

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(state)`` after every transition; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def can_fire(self, event: Event) -> bool:
        """True when ``event`` is allowed now (a confirmation may still be needed)."""
        try:
            self._target(event, prompt_index=None)
        except ConfirmationNeeded:
            return True
        except FlowError:
            return False
        return True

    def losses(self, event: Event) -> tuple[Loss, ...]:
        """What firing ``event`` now would discard (empty when nothing, or the event is not allowed)."""
        try:
            self._target(event, prompt_index=None)
        except ConfirmationNeeded as need:
            return need.discards
        except FlowError:
            return ()
        return ()

    def losses_on_leave(self) -> tuple[Loss, ...]:
        """What closing the app now would discard (used by the window's exit confirmation)."""
        if self._state.step in (Step.SENDING, Step.DONE, Step.RECOVERY):
            return ()  # a queued submission survives a restart; nothing else is held
        return self._collect_losses(include_current=True)

    # -- writing -------------------------------------------------------------------------------------
    def give_consent(self, version_id: str, text_sha256: str, choices: dict[str, bool]) -> None:
        """Record consent (called by the consent page before NEXT)."""
        self.model.consent = ConsentRecord(
            version_id=version_id,
            text_sha256=text_sha256,
            choices=dict(choices),
            given_utc=self._now_utc().isoformat(timespec="seconds").replace("+00:00", "Z"),
        )

    def withdraw_consent(self) -> None:
        self.model.consent = None

    def fire(self, event: Event, *, confirmed: bool = False, prompt_index: int | None = None) -> FlowState:
        """Apply ``event`` and notify listeners.

        Args:
            event: what happened.
            confirmed: the person agreed to lose what :meth:`losses` names.
            prompt_index: the prompt for :attr:`Event.REDO_PROMPT`.

        Raises:
            ConfirmationNeeded: the event would discard something and ``confirmed`` is False.
            FlowError: the event is not allowed now.
        """
        try:
            new_state = self._target(event, prompt_index=prompt_index)
        except ConfirmationNeeded:
            if not confirmed:
                raise
            new_state = self._target(event, prompt_index=prompt_index, confirmed=True)
        self._apply_side_effects(event, new_state)
        self._state = new_state
        for listener in list(self._listeners):
            listener(new_state)
        return new_state

    def take_ready(self, take_dir: str) -> FlowState:
        """FINISHING → CHECK with the finished take's folder."""
        self._require(Step.PROMPT, Phase.FINISHING, Event.TAKE_READY)
        self.model.current_take_dir = take_dir
        self.model.last_take_error = None
        return self.fire(Event.TAKE_READY)

    def take_failed(self, reason: str) -> FlowState:
        """FINISHING → READ, keeping ``reason`` (plain English) for the prompt page."""
        self._require(Step.PROMPT, Phase.FINISHING, Event.TAKE_FAILED)
        self.model.last_take_error = reason
        return self.fire(Event.TAKE_FAILED)

    def keep(self, duration_s: float) -> FlowState:
        """Keep the current take for the current prompt and move on."""
        prompt_id = self.current_prompt_id
        take_dir = self.model.current_take_dir
        if prompt_id is None or take_dir is None or self._state.phase not in (Phase.CHECK, Phase.WATCH_BACK):
            raise FlowError("There is no finished take to keep.")
        self.model.kept[prompt_id] = KeptTake(prompt_id=prompt_id, take_dir=take_dir, duration_s=duration_s)
        return self.fire(Event.KEEP)

    def resume(self, model: FlowModel) -> FlowState:
        """RECOVERY → REVIEW with a model restored from a session saved before a crash.

        Raises:
            FlowError: not at RECOVERY, or the model has no consent or no kept answer for this campaign.
        """
        self._require(Step.RECOVERY, None, Event.RESUME)
        if model.consent is None:
            raise FlowError("These answers have no consent record, so they cannot be sent.")
        if not any(p in model.kept for p in self.prompt_ids):
            raise FlowError("There is no answer to continue with.")
        model.kept = {p: k for p, k in model.kept.items() if p in self.prompt_ids}
        self.model = model
        return self.fire(Event.RESUME)

    def sent(self, reference: str) -> FlowState:
        """SENDING → DONE with the server's reference code."""
        self._require(Step.SENDING, None, Event.SENT)
        self.model.reference = reference
        self.model.send_error = None
        return self.fire(Event.SENT)

    def send_failed(self, reason: str) -> FlowState:
        """SENDING → REVIEW with a plain-English reason (the submission stays in the outbox)."""
        self._require(Step.SENDING, None, Event.SEND_FAILED)
        self.model.send_error = reason
        return self.fire(Event.SEND_FAILED)

    def kept_in_order(self) -> list[KeptTake]:
        """Kept takes in prompt order."""
        return [self.model.kept[p] for p in self.prompt_ids if p in self.model.kept]

    # -- internals -----------------------------------------------------------------------------------
    def _require(self, step: Step, phase: Phase | None, event: Event) -> None:
        if self._state.step is not step or (phase is not None and self._state.phase is not phase):
            raise FlowError(f"{event.value} is not possible now.")

    def _collect_losses(self, *, include_current: bool) -> tuple[Loss, ...]:
        losses: list[Loss] = []
        if self.model.has_details():
            losses.append(Loss.DETAILS)
        if self.model.consent is not None:
            losses.append(Loss.CONSENT)
        if self.model.kept:
            losses.append(Loss.KEPT_TAKES)
        if include_current and self._has_current_take():
            losses.append(Loss.CURRENT_TAKE)
        return tuple(losses)

    def _has_current_take(self) -> bool:
        s = self._state
        return s.step is Step.PROMPT and (
            s.phase in (Phase.RECORDING, Phase.FINISHING)
            or (s.phase in (Phase.CHECK, Phase.WATCH_BACK) and self.model.current_take_dir is not None)
        )

    def _target(self, event: Event, *, prompt_index: int | None, confirmed: bool = False) -> FlowState:
        s = self._state
        last = len(self.prompt_ids) - 1

        def at(step: Step, index: int = 0, phase: Phase = Phase.READ) -> FlowState:
            return replace(s, step=step, prompt_index=index, phase=phase)

        def guarded(target: FlowState, losses: tuple[Loss, ...]) -> FlowState:
            if losses and not confirmed:
                raise ConfirmationNeeded(event, losses)
            return target

        if event is Event.CANCEL:
            if s.step in (Step.SENDING, Step.DONE, Step.RECOVERY):
                raise FlowError("Cancelling is not possible now.")
            return guarded(at(Step.WELCOME), self._collect_losses(include_current=True))
        if s.step is Step.RECOVERY and event is Event.NEXT:
            return at(Step.WELCOME)
        if s.step is Step.RECOVERY and event is Event.RESUME:
            if self.model.consent is None or not self.model.kept:
                raise FlowError("There is nothing to continue with.")
            return at(Step.REVIEW)
        if s.step is Step.WELCOME and event is Event.NEXT:
            return at(Step.ABOUT_YOU)
        if s.step is Step.ABOUT_YOU:
            if event is Event.NEXT:
                return at(Step.CONSENT)
            if event is Event.BACK:
                return at(Step.WELCOME)
        if s.step is Step.CONSENT:
            if event is Event.NEXT:
                if self.model.consent is None:
                    raise FlowError("Please answer the consent questions before you continue.")
                return at(Step.DEVICE_CHECK)
            if event is Event.BACK:
                return at(Step.ABOUT_YOU)
        if s.step is Step.DEVICE_CHECK:
            if event is Event.NEXT:
                if self.model.consent is None:  # nothing is recorded before consent
                    raise FlowError("Please give your consent before recording.")
                return at(Step.PROMPT, 0, Phase.READ)
            if event is Event.BACK:
                return at(Step.CONSENT)
        if s.step is Step.PROMPT:
            return self._prompt_target(event, s, last, at, guarded)
        if s.step is Step.REVIEW:
            if event is Event.SEND:
                if not self.model.kept:
                    raise FlowError("Please keep at least one answer before sending.")
                return at(Step.SENDING)
            if event is Event.BACK:
                last_kept = self.prompt_ids[last] in self.model.kept
                return at(Step.PROMPT, last, Phase.CHECK if last_kept else Phase.READ)
            if event is Event.REDO_PROMPT:
                if prompt_index is None or not 0 <= prompt_index <= last:
                    raise FlowError("There is no such question.")
                return at(Step.PROMPT, prompt_index, Phase.READ)
        if s.step is Step.SENDING:
            if event is Event.SENT:
                return at(Step.DONE)
            if event is Event.SEND_FAILED:
                return at(Step.REVIEW)
        if s.step is Step.DONE and event is Event.START_OVER:
            return at(Step.WELCOME)
        raise FlowError(f"{event.value} is not possible at {s.step.value}.")

    def _prompt_target(
        self,
        event: Event,
        s: FlowState,
        last: int,
        at: Callable[..., FlowState],
        guarded: Callable[[FlowState, tuple[Loss, ...]], FlowState],
    ) -> FlowState:
        i, phase = s.prompt_index, s.phase
        current = (Loss.CURRENT_TAKE,)

        def after_this() -> FlowState:
            if i == last or self._redo_from_review:
                return at(Step.REVIEW)
            return at(Step.PROMPT, i + 1, Phase.READ)

        if phase is Phase.READ:
            if event is Event.NEXT:
                return at(Step.PROMPT, i, Phase.COUNTDOWN if self.countdown_enabled else Phase.RECORDING)
            if event is Event.SKIP:
                return after_this()
            if event is Event.BACK:
                if self._redo_from_review:  # came from the review to (re)answer this one: back there
                    return at(Step.REVIEW)
                if i == 0:
                    return at(Step.DEVICE_CHECK)
                prev_kept = self.prompt_ids[i - 1] in self.model.kept
                return at(Step.PROMPT, i - 1, Phase.CHECK if prev_kept else Phase.READ)
        elif phase is Phase.COUNTDOWN:
            if event is Event.COUNTDOWN_DONE:
                return at(Step.PROMPT, i, Phase.RECORDING)
            if event is Event.BACK:
                return at(Step.PROMPT, i, Phase.READ)
        elif phase is Phase.RECORDING:
            if event is Event.STOP:
                return at(Step.PROMPT, i, Phase.FINISHING)
            if event is Event.BACK:
                return guarded(at(Step.PROMPT, i, Phase.READ), current)
        elif phase is Phase.FINISHING:
            if event is Event.TAKE_READY:
                return at(Step.PROMPT, i, Phase.CHECK)
            if event is Event.TAKE_FAILED:
                return at(Step.PROMPT, i, Phase.READ)
            if event is Event.BACK:
                return guarded(at(Step.PROMPT, i, Phase.READ), current)
        elif phase in (Phase.CHECK, Phase.WATCH_BACK):
            has_new = self.model.current_take_dir is not None
            if event is Event.WATCH and phase is Phase.CHECK:
                return at(Step.PROMPT, i, Phase.WATCH_BACK)
            if event is Event.BACK and phase is Phase.WATCH_BACK:
                return at(Step.PROMPT, i, Phase.CHECK)
            if event is Event.KEEP:
                if not has_new and self.prompt_ids[i] not in self.model.kept:
                    raise FlowError("There is no finished take to keep.")
                return after_this()
            if event in (Event.RETAKE, Event.BACK):
                # Retaking replaces the take on screen, whether new or kept earlier.
                losses = current if has_new else (Loss.KEPT_TAKES,)
                return guarded(at(Step.PROMPT, i, Phase.READ), losses)
            if event is Event.NEXT:  # coming back to a kept answer and moving on without change
                return after_this()
        raise FlowError(f"{event.value} is not possible while {phase.value}.")

    def _apply_side_effects(self, event: Event, new_state: FlowState) -> None:
        m = self.model
        old = self._state
        if event in (Event.CANCEL, Event.START_OVER):
            self.model = FlowModel(locale=m.locale)
            self._redo_from_review = False
            return
        if old.step is Step.PROMPT and new_state.step is Step.PROMPT and new_state.phase is Phase.READ:
            retaking_kept = m.current_take_dir is None  # retaking an answer kept earlier
            if (
                event in (Event.RETAKE, Event.BACK)
                and old.phase in (Phase.CHECK, Phase.WATCH_BACK)
                and retaking_kept
            ):
                m.kept.pop(self.prompt_ids[old.prompt_index], None)
            if old.prompt_index == new_state.prompt_index:
                m.current_take_dir = None
        if (
            event in (Event.KEEP, Event.NEXT)
            and old.step is Step.PROMPT
            and old.phase
            in (
                Phase.CHECK,
                Phase.WATCH_BACK,
            )
        ):
            m.current_take_dir = None
        if event is Event.NEXT and old.step is Step.PROMPT and old.phase is Phase.READ:
            m.last_take_error = None
        if (
            event is Event.BACK
            and old.step is Step.PROMPT
            and old.phase is Phase.READ
            and old.prompt_index > 0
        ):
            m.current_take_dir = None
        if new_state.step is Step.SENDING:
            m.send_error = None
        if event is Event.REDO_PROMPT:
            self._redo_from_review = True
        elif new_state.step is not Step.PROMPT:
            self._redo_from_review = False
