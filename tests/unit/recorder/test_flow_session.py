"""The person's submission in the core (no Qt): which takes it names, and what it deletes when.

The session is driven the way the pages drive it (flow events, then its intents); background work runs at
once through a :class:`recorder.ports.Background` that calls back on the spot.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from recorder.campaign import load_campaign
from recorder.config import load_config
from recorder.config.policy import FilePolicy
from recorder.flow import Event, FlowMachine, Phase, Step
from recorder.flow.services import FlowServices
from recorder.flow.session import SubmissionSession
from recorder.takes.pipeline import FinishedTake


class AtOnce:
    """The Background port, without threads: the work runs during :meth:`run`."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def run(
        self,
        work: Callable[[], Any],
        *,
        name: str,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.names.append(name)
        try:
            result = work()
        except Exception as error:
            if on_failed is None:
                raise
            on_failed(error)
        else:
            if on_done is not None:
                on_done(result)


@pytest.fixture
def session(tmp_path: Path) -> SubmissionSession:
    campaign = load_campaign(None)
    config = load_config(
        command_line={"data_dir": str(tmp_path / "data")},
        environ={},
        campaign_settings=campaign.settings,
        policy_source=FilePolicy(tmp_path / "no-policy.toml"),
        user_settings_path=tmp_path / "user.toml",
    )
    machine = FlowMachine(campaign.prompt_ids, countdown_enabled=False)
    machine.fire(Event.NEXT)  # about you
    machine.fire(Event.NEXT)  # consent
    machine.give_consent(campaign.consent.id, campaign.consent.text_sha256("en"), {"record_and_use": True})
    machine.fire(Event.NEXT)  # device check
    machine.fire(Event.NEXT)  # first question
    return SubmissionSession(machine, campaign, FlowServices(config), AtOnce())


def record(session: SubmissionSession, name: str) -> Path:
    """Start a take the way the prompt page does: Record, then the recorder makes the take's folder."""
    session.machine.fire(Event.NEXT)  # READ -> RECORDING (no countdown)
    take_dir = session.ensure_folder() / "takes" / name
    take_dir.mkdir(parents=True)
    (take_dir / "journal.json").write_text(json.dumps({"state": "recording"}), "utf-8")
    session.recording_started(take_dir)
    return take_dir


def finished(take_dir: Path, duration_s: float = 2.0) -> FinishedTake:
    (take_dir / "deliverable.mp4").write_bytes(b"mp4")
    return FinishedTake(take_dir, take_dir / "deliverable.mp4", None, duration_s)


def keep_an_answer(session: SubmissionSession, name: str) -> Path:
    """Record, stop, finish and keep a take for the question on screen."""
    take_dir = record(session, name)
    session.machine.fire(Event.STOP)
    session.take_finished(finished(take_dir))
    session.keep()
    return take_dir


def test_the_take_being_recorded_is_named_until_it_is_finished(session: SubmissionSession) -> None:
    take_dir = record(session, "t1")
    assert session.takes_in_use() == {take_dir}
    session.machine.fire(Event.STOP)
    assert session.take_finished(finished(take_dir))  # the person is waiting for it: it is checked now
    assert session.machine.state.phase is Phase.CHECK and session.takes_in_use() == {take_dir}


def test_a_take_given_up_while_recording_is_deleted(session: SubmissionSession) -> None:
    take_dir = record(session, "t1")
    session.machine.fire(Event.BACK, confirmed=True)  # went back while recording: the page discards it
    session.discard_recording(take_dir)
    assert not take_dir.exists() and session.takes_in_use() == set()


def test_a_take_that_recorded_nothing_is_deleted_and_the_person_records_again(
    session: SubmissionSession,
) -> None:
    take_dir = record(session, "t1")
    session.machine.fire(Event.STOP)
    session.take_failed(take_dir, "The recording has no video frames.", recorded_nothing=True)
    assert session.machine.state.phase is Phase.READ
    assert session.machine.model.last_take_error == "The recording has no video frames."
    assert not take_dir.exists() and session.takes_in_use() == set()


def test_a_take_that_recorded_something_but_failed_stays_until_cancel(session: SubmissionSession) -> None:
    take_dir = record(session, "t1")
    session.machine.fire(Event.STOP)
    session.take_failed(take_dir, "The disk is full.", recorded_nothing=False)
    assert take_dir.exists() and session.takes_in_use() == {take_dir}  # never lost, never sent
    folder = session.folder
    session.machine.fire(Event.CANCEL, confirmed=True)
    assert folder is not None and not folder.exists()


def test_a_take_finished_after_the_person_went_back_is_deleted(session: SubmissionSession) -> None:
    take_dir = record(session, "t1")
    session.machine.fire(Event.STOP)
    session.machine.fire(Event.BACK, confirmed=True)  # left while it was finishing
    assert not session.take_finished(finished(take_dir))
    assert not take_dir.exists()


def test_back_shows_the_kept_answer_and_record_again_deletes_it_once_the_person_agreed(
    session: SubmissionSession,
) -> None:
    first = keep_an_answer(session, "t1")  # -> question 2
    session.machine.fire(Event.BACK)  # Back to the answer kept for question 1
    on_screen = session.take_on_screen()
    assert on_screen is not None and on_screen.take_dir == first
    session.keep()  # kept again, as it was
    assert first.exists() and session.machine.state.prompt_index == 1
    session.machine.fire(Event.BACK)
    session.machine.fire(Event.RETAKE, confirmed=True)  # "the answers you have recorded and kept" go
    assert not first.exists() and session.takes_in_use() == set()


def test_an_answer_recorded_again_from_check_and_send_replaces_the_kept_one_when_kept(
    session: SubmissionSession,
) -> None:
    first = keep_an_answer(session, "t1")
    session.machine.fire(Event.SKIP)  # -> check and send
    session.machine.fire(Event.REDO_PROMPT, prompt_index=0)
    second = record(session, "t2")
    assert first.exists()  # kept until a new answer is kept
    session.machine.fire(Event.STOP)
    session.take_finished(finished(second))
    session.keep()
    assert session.machine.state.step is Step.CHECK_AND_SEND
    assert not first.exists() and session.takes_in_use() == {second}
