"""The idle timeout's decisions (Qt-free, on a fake clock): which steps are watched, when to ask, when to
discard, and when Done returns by itself."""

from __future__ import annotations

import pytest

from recorder.flow import FlowState, Phase, Step
from recorder.flow.idle import IdleAction, IdlePolicy, IdleStatus, IdleWatch
from tests.helpers.clock import FakeClock

BOOTH = IdlePolicy(booth=True, timeout_s=180, warning_s=60, done_return_s=120)


def watch_at(state: FlowState, policy: IdlePolicy = BOOTH) -> tuple[IdleWatch, FakeClock]:
    clock = FakeClock()
    watch = IdleWatch(clock, policy)
    watch.follow(state)
    return watch, clock


def test_booth_asks_after_the_timeout_counts_down_then_discards() -> None:
    watch, clock = watch_at(FlowState(Step.PROMPT, phase=Phase.CHECK, prompt_count=2))
    clock.advance_s(179.9)
    assert watch.poll().action is IdleAction.NONE
    clock.advance_s(0.1)
    assert watch.poll() == IdleStatus(IdleAction.ASK, seconds_left=60)
    clock.advance_s(30.5)
    watch.activity()  # moving the mouse is not an answer
    assert watch.poll().seconds_left == 30
    clock.advance_s(29.5)
    assert watch.poll().action is IdleAction.DISCARD
    assert not watch.asking and watch.poll().action is IdleAction.NONE  # the count starts again


def test_an_answer_or_activity_before_asking_starts_the_count_again() -> None:
    watch, clock = watch_at(FlowState(Step.ABOUT_YOU))
    clock.advance_s(170)
    watch.activity()
    clock.advance_s(170)
    assert watch.poll().action is IdleAction.NONE
    clock.advance_s(10)
    assert watch.poll().action is IdleAction.ASK
    watch.still_here()
    clock.advance_s(179)
    assert watch.poll().action is IdleAction.NONE


def test_outside_booth_mode_it_only_asks() -> None:
    watch, clock = watch_at(FlowState(Step.CHECK_AND_SEND), IdlePolicy(booth=False, timeout_s=60))
    clock.advance_s(60)
    assert watch.poll().action is IdleAction.ASK and watch.poll().seconds_left is None
    clock.advance_s(86_400)
    assert watch.poll().action is IdleAction.ASK  # nothing is deleted unasked, however long
    done, clock = watch_at(FlowState(Step.DONE), IdlePolicy(booth=False, timeout_s=60))
    clock.advance_s(3_600)
    assert done.poll().action is IdleAction.ASK  # the codes are hidden, never taken away unasked


@pytest.mark.parametrize("phase", [Phase.COUNTDOWN, Phase.RECORDING, Phase.FINISHING])
def test_recording_is_activity_in_itself(phase: Phase) -> None:
    watch, clock = watch_at(FlowState(Step.PROMPT, phase=phase, prompt_count=2))
    clock.advance_s(3_600)
    assert watch.poll().action is IdleAction.NONE
    watch.follow(FlowState(Step.PROMPT, phase=Phase.CHECK, prompt_count=2))
    clock.advance_s(179)
    assert watch.poll().action is IdleAction.NONE  # the count starts when the take is ready


@pytest.mark.parametrize("step", [Step.WELCOME, Step.RECOVERY, Step.SENDING])
def test_nothing_of_a_person_on_screen_is_never_timed_out(step: Step) -> None:
    watch, clock = watch_at(FlowState(step))
    clock.advance_s(86_400)
    assert watch.poll().action is IdleAction.NONE


def test_done_returns_to_welcome_after_two_minutes_in_booth_mode() -> None:
    watch, clock = watch_at(FlowState(Step.DONE))
    clock.advance_s(100)
    watch.activity()  # the person is still scanning the codes
    clock.advance_s(119)
    assert watch.poll().action is IdleAction.NONE
    clock.advance_s(1)
    assert watch.poll().action is IdleAction.FINISH


def test_leaving_a_watched_step_stops_asking() -> None:
    watch, clock = watch_at(FlowState(Step.CONSENT))
    clock.advance_s(200)
    assert watch.poll().action is IdleAction.ASK
    watch.follow(FlowState(Step.WELCOME))
    assert not watch.asking and watch.poll().action is IdleAction.NONE
