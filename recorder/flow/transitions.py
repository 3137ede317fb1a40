"""The flow's transition table: which state an event leads to, and what it would discard on the way.

Steps and events::

    RECOVERY ─NEXT─▶ WELCOME ─NEXT─▶ ABOUT_YOU ─NEXT─▶ CONSENT ─NEXT*─▶ DEVICE_CHECK ─NEXT─▶ PROMPT[0]
                       ▲  BACK◀──────────┘  BACK◀───────────┘  BACK◀────────────┘

    PROMPT[i] phases:  READ ──NEXT──▶ COUNTDOWN ──COUNTDOWN_DONE──▶ RECORDING ──STOP──▶ FINISHING
                       (NEXT goes straight to RECORDING when the countdown is off)
                       FINISHING ──TAKE_READY──▶ CHECK ──WATCH──▶ WATCH_BACK
                       FINISHING ──TAKE_FAILED──▶ READ (with the error kept for the page)
                       CHECK / WATCH_BACK ──KEEP──▶ PROMPT[i+1].READ, or CHECK_AND_SEND after the last prompt
                       CHECK / WATCH_BACK ──RETAKE!──▶ READ      READ ──SKIP──▶ next prompt (answer not kept)
                       BACK: COUNTDOWN→READ, RECORDING→READ!, FINISHING→READ!, CHECK→READ!, WATCH_BACK→CHECK,
                             READ→previous prompt's CHECK (its kept take), DEVICE_CHECK for the first prompt,
                             or CHECK_AND_SEND when the prompt was opened from check and send (REDO_PROMPT)

    RECOVERY ──RESUME*──▶ CHECK_AND_SEND (a session saved before a crash: ``FlowMachine.resume``)
    CHECK_AND_SEND ──SEND*──▶ SENDING ──SENT──▶ DONE ──START_OVER──▶ WELCOME
    CHECK_AND_SEND ──REDO_PROMPT(i)──▶ PROMPT[i].READ      CHECK_AND_SEND ──BACK──▶ last prompt's CHECK
    SENDING ──SEND_FAILED──▶ CHECK_AND_SEND (the submission stays queued in the outbox; the page says so)
    any step before SENDING ──CANCEL!──▶ WELCOME, everything entered so far forgotten

    ``*`` = guarded (consent given; at least one kept take).  ``!`` = discards something: refused with
    :class:`ConfirmationNeeded` unless fired with ``confirmed=True`` after the person said yes.

The functions here only compute; :class:`recorder.flow.machine.FlowMachine` applies the result and changes
the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from recorder.flow.model import ConfirmationNeeded, Event, FlowError, FlowModel, FlowState, Loss, Phase, Step


@dataclass(frozen=True)
class FlowRules:
    """What the table needs besides the state: the campaign's prompts and the person's choices so far.

    Attributes:
        prompt_ids: the prompts in the order they are asked.
        model: the shared model (consent given? which answers kept? a take being checked?).
        countdown_enabled: NEXT on a prompt counts down first (else it starts recording at once).
        redo_from_check: the prompt was opened from check and send, so keeping, skipping or going back
            returns there.
    """

    prompt_ids: tuple[str, ...]
    model: FlowModel
    countdown_enabled: bool
    redo_from_check: bool


def collect_losses(model: FlowModel, state: FlowState, *, include_current: bool) -> tuple[Loss, ...]:
    """What would be lost if the person left now: details, consent, kept answers, and (with
    ``include_current``) the take being recorded, finished or checked."""
    losses: list[Loss] = []
    if model.has_details():
        losses.append(Loss.DETAILS)
    if model.consent is not None:
        losses.append(Loss.CONSENT)
    if model.kept:
        losses.append(Loss.KEPT_TAKES)
    if include_current and has_current_take(model, state):
        losses.append(Loss.CURRENT_TAKE)
    return tuple(losses)


def has_current_take(model: FlowModel, state: FlowState) -> bool:
    """True while a take is being recorded or finished, or a new take is being checked."""
    return state.step is Step.PROMPT and (
        state.phase in (Phase.RECORDING, Phase.FINISHING)
        or (state.phase in (Phase.CHECK, Phase.WATCH_BACK) and model.current_take_dir is not None)
    )


def next_state(
    s: FlowState, event: Event, rules: FlowRules, *, prompt_index: int | None, confirmed: bool = False
) -> FlowState:
    """The state ``event`` leads to from ``s``.

    Args:
        s: the current state.
        event: what happened.
        rules: the prompts and the person's choices so far.
        prompt_index: the prompt for :attr:`Event.REDO_PROMPT`.
        confirmed: the person agreed to lose what the event discards.

    Raises:
        ConfirmationNeeded: the event would discard something and ``confirmed`` is False.
        FlowError: the event is not allowed in ``s``.
    """
    model = rules.model
    last = len(rules.prompt_ids) - 1

    def at(step: Step, index: int = 0, phase: Phase = Phase.READ) -> FlowState:
        return replace(s, step=step, prompt_index=index, phase=phase)

    def guarded(target: FlowState, losses: tuple[Loss, ...]) -> FlowState:
        if losses and not confirmed:
            raise ConfirmationNeeded(event, losses)
        return target

    if event is Event.CANCEL:
        if s.step in (Step.SENDING, Step.DONE, Step.RECOVERY):
            raise FlowError("Cancelling is not possible now.")
        return guarded(at(Step.WELCOME), collect_losses(model, s, include_current=True))
    if s.step is Step.RECOVERY and event is Event.NEXT:
        return at(Step.WELCOME)
    if s.step is Step.RECOVERY and event is Event.RESUME:
        if model.consent is None or not model.kept:
            raise FlowError("There is nothing to continue with.")
        return at(Step.CHECK_AND_SEND)
    if s.step is Step.WELCOME and event is Event.NEXT:
        return at(Step.ABOUT_YOU)
    if s.step is Step.ABOUT_YOU:
        if event is Event.NEXT:
            return at(Step.CONSENT)
        if event is Event.BACK:
            return at(Step.WELCOME)
    if s.step is Step.CONSENT:
        if event is Event.NEXT:
            if model.consent is None:
                raise FlowError("Please answer the consent questions before you continue.")
            return at(Step.DEVICE_CHECK)
        if event is Event.BACK:
            return at(Step.ABOUT_YOU)
    if s.step is Step.DEVICE_CHECK:
        if event is Event.NEXT:
            if model.consent is None:  # nothing is recorded before consent
                raise FlowError("Please give your consent before recording.")
            return at(Step.PROMPT, 0, Phase.READ)
        if event is Event.BACK:
            return at(Step.CONSENT)
    if s.step is Step.PROMPT:
        return _prompt_next_state(event, s, rules, at, guarded)
    if s.step is Step.CHECK_AND_SEND:
        if event is Event.SEND:
            if not model.kept:
                raise FlowError("Please keep at least one answer before sending.")
            return at(Step.SENDING)
        if event is Event.BACK:
            last_kept = rules.prompt_ids[last] in model.kept
            return at(Step.PROMPT, last, Phase.CHECK if last_kept else Phase.READ)
        if event is Event.REDO_PROMPT:
            if prompt_index is None or not 0 <= prompt_index <= last:
                raise FlowError("There is no such question.")
            return at(Step.PROMPT, prompt_index, Phase.READ)
    if s.step is Step.SENDING:
        if event is Event.SENT:
            return at(Step.DONE)
        if event is Event.SEND_FAILED:
            return at(Step.CHECK_AND_SEND)
    if s.step is Step.DONE and event is Event.START_OVER:
        return at(Step.WELCOME)
    raise FlowError(f"{event.value} is not possible at {s.step.value}.")


def _prompt_next_state(
    event: Event,
    s: FlowState,
    rules: FlowRules,
    at: Callable[..., FlowState],
    guarded: Callable[[FlowState, tuple[Loss, ...]], FlowState],
) -> FlowState:
    """:func:`next_state` inside one prompt (the phases of :attr:`Step.PROMPT`)."""
    i, phase = s.prompt_index, s.phase
    model, prompt_ids = rules.model, rules.prompt_ids
    last = len(prompt_ids) - 1
    current = (Loss.CURRENT_TAKE,)

    def after_this() -> FlowState:
        if i == last or rules.redo_from_check:
            return at(Step.CHECK_AND_SEND)
        return at(Step.PROMPT, i + 1, Phase.READ)

    if phase is Phase.READ:
        if event is Event.NEXT:
            return at(Step.PROMPT, i, Phase.COUNTDOWN if rules.countdown_enabled else Phase.RECORDING)
        if event is Event.SKIP:
            return after_this()
        if event is Event.BACK:
            if rules.redo_from_check:  # came from check and send to (re)answer this one: back there
                return at(Step.CHECK_AND_SEND)
            if i == 0:
                return at(Step.DEVICE_CHECK)
            prev_kept = prompt_ids[i - 1] in model.kept
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
        has_new = model.current_take_dir is not None
        if event is Event.WATCH and phase is Phase.CHECK:
            return at(Step.PROMPT, i, Phase.WATCH_BACK)
        if event is Event.BACK and phase is Phase.WATCH_BACK:
            return at(Step.PROMPT, i, Phase.CHECK)
        if event is Event.KEEP:
            if not has_new and prompt_ids[i] not in model.kept:
                raise FlowError("There is no finished take to keep.")
            return after_this()
        if event in (Event.RETAKE, Event.BACK):
            # Retaking replaces the take on screen, whether new or kept earlier.
            losses = current if has_new else (Loss.KEPT_TAKES,)
            return guarded(at(Step.PROMPT, i, Phase.READ), losses)
        if event is Event.NEXT:  # coming back to a kept answer and moving on without change
            return after_this()
    raise FlowError(f"{event.value} is not possible while {phase.value}.")
