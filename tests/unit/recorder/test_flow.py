"""The support-worker flow machine on its own: every path, every way back, every guarded discard."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from recorder.flow import ConfirmationNeeded, Event, FlowError, FlowMachine, FlowState, Loss, Phase, Step
from recorder.flow.transitions import FlowRules, next_state

PROMPTS = ("love-role", "nhs-better")


def machine(**kwargs: object) -> FlowMachine:
    return FlowMachine(PROMPTS, now_utc=lambda: datetime(2026, 11, 23, 12, 0, tzinfo=UTC), **kwargs)  # type: ignore[arg-type]


def to_consent(m: FlowMachine) -> None:
    m.fire(Event.NEXT)
    m.fire(Event.NEXT)
    assert m.state.step is Step.CONSENT


def to_prompt(m: FlowMachine) -> None:
    to_consent(m)
    m.give_consent("v1", "ab" * 32, {"record_and_use": True})
    m.fire(Event.NEXT)
    m.fire(Event.NEXT)
    assert (m.state.step, m.state.prompt_index, m.state.phase) == (Step.PROMPT, 0, Phase.READ)


def record(m: FlowMachine, take_dir: str) -> None:
    m.fire(Event.NEXT)
    if m.state.phase is Phase.COUNTDOWN:
        m.fire(Event.COUNTDOWN_DONE)
    assert m.state.phase is Phase.RECORDING
    m.fire(Event.STOP)
    m.take_ready(take_dir)
    assert m.state.phase is Phase.CHECK


def test_happy_path_to_done_notifies_listeners() -> None:
    m = machine()
    seen: list[FlowState] = []
    m.subscribe(seen.append)
    to_prompt(m)
    record(m, "/takes/a")
    m.fire(Event.WATCH)
    assert m.state.phase is Phase.WATCH_BACK
    m.keep(12.5)
    assert (m.state.prompt_index, m.state.phase) == (1, Phase.READ)
    record(m, "/takes/b")
    m.keep(20.0)
    assert m.state.step is Step.CHECK_AND_SEND
    assert [k.take_dir for k in m.kept_in_order()] == ["/takes/a", "/takes/b"]
    m.fire(Event.SEND)
    m.sent("VB-AAAA-BBBB")
    assert m.state.step is Step.DONE and m.model.reference == "VB-AAAA-BBBB"
    assert seen[-1] == m.state and len(seen) >= 15
    m.fire(Event.START_OVER)
    assert m.state.step is Step.WELCOME and not m.model.kept and m.model.reference is None


def test_consent_record_is_timestamped() -> None:
    m = machine()
    m.give_consent("v1", "cd" * 32, {"a": True, "b": False})
    assert m.model.consent is not None
    assert m.model.consent.given_utc == "2026-11-23T12:00:00Z"
    assert m.model.consent.choices == {"a": True, "b": False}


def test_nothing_recorded_before_consent() -> None:
    m = machine()
    to_consent(m)
    with pytest.raises(FlowError, match="consent"):
        m.fire(Event.NEXT)
    assert m.state.step is Step.CONSENT
    m.give_consent("v1", "ab" * 32, {"x": True})
    m.fire(Event.NEXT)
    m.withdraw_consent()  # e.g. went back and changed their mind
    with pytest.raises(FlowError):
        m.fire(Event.NEXT)
    assert m.state.step is Step.DEVICE_CHECK


def test_every_early_step_has_a_way_back() -> None:
    m = machine()
    to_prompt(m)
    expected = [Step.DEVICE_CHECK, Step.CONSENT, Step.ABOUT_YOU, Step.WELCOME]
    for step in expected:
        m.fire(Event.BACK)
        assert m.state.step is step
    assert not m.can_fire(Event.BACK)  # Welcome is the first screen


def test_countdown_can_be_backed_out_and_turned_off() -> None:
    m = machine()
    to_prompt(m)
    m.fire(Event.NEXT)
    assert m.state.phase is Phase.COUNTDOWN
    m.fire(Event.BACK)
    assert m.state.phase is Phase.READ
    m.countdown_enabled = False
    m.fire(Event.NEXT)
    assert m.state.phase is Phase.RECORDING


@pytest.mark.parametrize("phase_event", [None, Event.STOP])
def test_leaving_a_recording_needs_confirmation(phase_event: Event | None) -> None:
    m = machine(countdown_enabled=False)
    to_prompt(m)
    m.fire(Event.NEXT)
    if phase_event:
        m.fire(phase_event)  # now finishing
    assert m.losses(Event.BACK) == (Loss.CURRENT_TAKE,)
    with pytest.raises(ConfirmationNeeded) as need:
        m.fire(Event.BACK)
    assert need.value.discards == (Loss.CURRENT_TAKE,)
    assert m.state.phase in (Phase.RECORDING, Phase.FINISHING)  # refused: nothing moved
    m.fire(Event.BACK, confirmed=True)
    assert m.state.phase is Phase.READ


def test_retake_discards_only_after_confirmation() -> None:
    m = machine()
    to_prompt(m)
    record(m, "/takes/a")
    with pytest.raises(ConfirmationNeeded):
        m.fire(Event.RETAKE)
    assert m.model.current_take_dir == "/takes/a"
    m.fire(Event.RETAKE, confirmed=True)
    assert m.state.phase is Phase.READ and m.model.current_take_dir is None


def test_back_from_next_prompt_revisits_kept_answer_and_retake_drops_it() -> None:
    m = machine()
    to_prompt(m)
    record(m, "/takes/a")
    m.keep(3.0)
    m.fire(Event.BACK)
    assert (m.state.prompt_index, m.state.phase) == (0, Phase.CHECK)
    assert m.losses(Event.RETAKE) == (Loss.KEPT_TAKES,)
    m.fire(Event.NEXT)  # moving on without change keeps it
    assert m.state.prompt_index == 1 and "love-role" in m.model.kept
    m.fire(Event.BACK)
    m.fire(Event.RETAKE, confirmed=True)
    assert "love-role" not in m.model.kept


def test_cancel_mid_way_asks_then_forgets_everything_but_language() -> None:
    m = machine()
    m.model.locale = "cy"
    m.fire(Event.NEXT)
    assert m.losses(Event.CANCEL) == ()
    m.model.name.value = "Ceri"
    m.fire(Event.NEXT)
    m.give_consent("v1", "ab" * 32, {"x": True})
    assert m.losses(Event.CANCEL) == (Loss.DETAILS, Loss.CONSENT)
    with pytest.raises(ConfirmationNeeded):
        m.fire(Event.CANCEL)
    m.fire(Event.CANCEL, confirmed=True)
    assert m.state.step is Step.WELCOME
    assert m.model.consent is None and m.model.name.value == "" and m.model.locale == "cy"


def test_leave_losses_while_recording_and_none_while_sending() -> None:
    m = machine(countdown_enabled=False)
    to_prompt(m)
    m.fire(Event.NEXT)
    assert m.losses_on_leave() == (Loss.CONSENT, Loss.CURRENT_TAKE)
    m.fire(Event.STOP)
    m.take_ready("/t")
    m.keep(1.0)
    m.fire(Event.SKIP)
    m.fire(Event.SEND)
    assert m.losses_on_leave() == ()
    assert not m.can_fire(Event.CANCEL)


def test_send_needs_a_kept_answer_and_failure_returns_to_review() -> None:
    m = machine()
    to_prompt(m)
    m.fire(Event.SKIP)
    m.fire(Event.SKIP)
    assert m.state.step is Step.CHECK_AND_SEND
    with pytest.raises(FlowError, match="at least one"):
        m.fire(Event.SEND)
    m.fire(Event.REDO_PROMPT, prompt_index=1)
    record(m, "/takes/b")
    m.keep(4.0)
    assert m.state.step is Step.CHECK_AND_SEND  # a redo returns to the review, not the next prompt
    m.fire(Event.SEND)
    m.send_failed("The server could not be reached.")
    assert m.state.step is Step.CHECK_AND_SEND and m.model.send_error
    m.fire(Event.SEND)
    assert m.model.send_error is None


def test_back_from_a_question_opened_in_the_review_returns_there_and_keeps_the_answer() -> None:
    m = machine()
    to_prompt(m)
    record(m, "/takes/a")
    m.keep(3.0)
    m.fire(Event.SKIP)
    assert m.state.step is Step.CHECK_AND_SEND
    m.fire(Event.REDO_PROMPT, prompt_index=0)
    assert (m.state.step, m.state.prompt_index, m.state.phase) == (Step.PROMPT, 0, Phase.READ)
    m.fire(Event.BACK)
    assert m.state.step is Step.CHECK_AND_SEND and m.model.kept["love-role"].take_dir == "/takes/a"
    m.fire(Event.REDO_PROMPT, prompt_index=1)  # the skipped one can still be answered
    record(m, "/takes/b")
    m.keep(2.0)
    assert m.state.step is Step.CHECK_AND_SEND and [k.take_dir for k in m.kept_in_order()] == [
        "/takes/a",
        "/takes/b",
    ]
    m.fire(Event.BACK)  # back from the review is the last question's kept answer, as before
    assert (m.state.step, m.state.prompt_index, m.state.phase) == (Step.PROMPT, 1, Phase.CHECK)


def test_take_failure_returns_to_read_with_reason() -> None:
    m = machine(countdown_enabled=False)
    to_prompt(m)
    m.fire(Event.NEXT)
    m.fire(Event.STOP)
    m.take_failed("The disk is full.")
    assert m.state.phase is Phase.READ and m.model.last_take_error == "The disk is full."
    m.fire(Event.NEXT)
    assert m.model.last_take_error is None


def test_invalid_events_are_refused_plainly() -> None:
    m = machine()
    with pytest.raises(FlowError):
        m.fire(Event.STOP)
    with pytest.raises(FlowError):
        m.take_ready("/x")
    with pytest.raises(FlowError):
        m.keep(1.0)
    with pytest.raises(FlowError):
        m.sent("VB")
    assert m.state.step is Step.WELCOME
    to_prompt(m)
    m.fire(Event.SKIP)
    m.fire(Event.SKIP)
    with pytest.raises(FlowError):
        m.fire(Event.REDO_PROMPT, prompt_index=7)


def test_recovery_first_and_bad_prompt_lists() -> None:
    m = machine(start_with_recovery=True)
    assert m.state.step is Step.RECOVERY
    assert not m.can_fire(Event.CANCEL)
    m.fire(Event.NEXT)
    assert m.state.step is Step.WELCOME
    with pytest.raises(ValueError):
        FlowMachine([])
    with pytest.raises(ValueError):
        FlowMachine(["a", "a"])


def test_unsubscribe_stops_notifications() -> None:
    m = machine()
    seen: list[FlowState] = []
    unsubscribe = m.subscribe(seen.append)
    m.fire(Event.NEXT)
    unsubscribe()
    m.fire(Event.NEXT)
    assert len(seen) == 1


def test_enums_have_no_zero_value() -> None:
    for enum_type in (Step, Phase, Event, Loss):
        assert all(member.value not in (0, "", None) for member in enum_type)  # type: ignore[attr-defined]


def test_asking_the_table_changes_nothing() -> None:
    """can_fire/losses ask the transition table; asking must not move the flow or touch the model."""
    m = machine()
    to_prompt(m)
    record(m, "/takes/a")
    m.model.name.value = "Sam"
    for move_on in (Event.WATCH, Event.BACK, Event.RETAKE, None):  # CHECK, WATCH_BACK, CHECK, READ
        snapshot = (m.state, copy.deepcopy(m.model))
        for event in Event:
            rules = FlowRules(m.prompt_ids, m.model, m.countdown_enabled, redo_from_check=False)
            try:
                next_state(m.state, event, rules, prompt_index=0)
            except ConfirmationNeeded as need:
                assert m.can_fire(event) and m.losses(event) == need.discards
            except FlowError:
                assert not m.can_fire(event) and m.losses(event) == ()
            else:
                assert m.can_fire(event) and m.losses(event) == ()
            assert (m.state, m.model) == snapshot, event
        if move_on is not None:
            m.fire(move_on, confirmed=True)
