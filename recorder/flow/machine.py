"""The support-worker flow's state machine (Qt-free): the machine decides, the UI follows.

:class:`FlowMachine` holds the current :class:`FlowState` and the shared :class:`FlowModel` (details, consent,
kept takes) that every page reads and writes. Pages fire events (:class:`Event`); observers registered with
:meth:`FlowMachine.subscribe` get a frozen :class:`FlowState` after every transition, so the UI never tracks
the step itself. The steps, events and the diagram of the transitions are in
:mod:`recorder.flow.transitions`; the data types in :mod:`recorder.flow.model` (all re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from recorder.flow.model import (
    ConfirmationNeeded,
    ConsentRecord,
    Event,
    FlowError,
    FlowModel,
    FlowState,
    KeptTake,
    Listener,
    Loss,
    Phase,
    Step,
)
from recorder.flow.transitions import FlowRules, collect_losses, next_state


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
        #: set by REDO_PROMPT so that keeping or skipping returns to check and send instead of the next prompt
        self._redo_from_check = False

    # -- reading -------------------------------------------------------------------------------------
    @property
    def state(self) -> FlowState:
        """Where the flow is now (a frozen snapshot)."""
        return self._state

    @property
    def current_prompt_id(self) -> str | None:
        """The prompt being answered, or None outside :attr:`Step.PROMPT`."""
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
        return collect_losses(self.model, self._state, include_current=True)

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
        """Forget the consent given (the person went back and changed their mind)."""
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

    def keep(self, duration_s: float, *, take_dir: str | None = None) -> FlowState:
        """Keep the take being checked for the current prompt and move on.

        Args:
            duration_s: its length.
            take_dir: the take kept (default: the new take being checked). Coming back to an answer kept
                earlier, the person may keep it again (after a trim, with its new length).
        """
        prompt_id = self.current_prompt_id
        take_dir = take_dir or self.model.current_take_dir
        if prompt_id is None or self._state.phase not in (Phase.CHECK, Phase.WATCH_BACK):
            raise FlowError("There is no finished take to keep.")
        earlier = self.model.kept.get(prompt_id)
        if take_dir is None or (
            take_dir != self.model.current_take_dir and (earlier is None or earlier.take_dir != take_dir)
        ):
            raise FlowError("There is no finished take to keep.")
        self.model.kept[prompt_id] = KeptTake(prompt_id=prompt_id, take_dir=take_dir, duration_s=duration_s)
        return self.fire(Event.KEEP)

    def resume(self, model: FlowModel) -> FlowState:
        """RECOVERY → CHECK_AND_SEND with a model restored from a session saved before a crash.

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
        """SENDING → CHECK_AND_SEND with a plain-English reason (the submission stays in the outbox)."""
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

    def _target(self, event: Event, *, prompt_index: int | None, confirmed: bool = False) -> FlowState:
        rules = FlowRules(self.prompt_ids, self.model, self.countdown_enabled, self._redo_from_check)
        return next_state(self._state, event, rules, prompt_index=prompt_index, confirmed=confirmed)

    def _apply_side_effects(self, event: Event, new_state: FlowState) -> None:
        """Update the model for the transition from the current state to ``new_state``: forget everything
        on CANCEL/START_OVER, the take on screen when it is left behind, an answer kept earlier that is
        retaken, and errors that no longer apply."""
        m = self.model
        old = self._state
        if event in (Event.CANCEL, Event.START_OVER):
            self.model = FlowModel(locale=m.locale)
            self._redo_from_check = False
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
            and old.phase in (Phase.CHECK, Phase.WATCH_BACK)
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
            self._redo_from_check = True
        elif new_state.step is not Step.PROMPT:
            self._redo_from_check = False
