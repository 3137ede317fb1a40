"""The saved session next to a person's takes: round trip, which takes answer which question, tidying up."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recorder.flow import Event, FlowError, FlowMachine, FlowModel, KeptTake, PersonField, Step
from recorder.flow.saved import SESSION_NAME, find_sessions, forget_session, load_session, save_session
from recorder.submission.manifest import MANIFEST_NAME

PROMPTS = ("love-role", "nhs-better")


def take(folder: Path, name: str, prompt_id: str, *, finished: bool, duration_s: float = 4.0) -> Path:
    """A take folder with a journal (and, when finished, a deliverable and check.json)."""
    take_dir = folder / "takes" / name
    take_dir.mkdir(parents=True)
    state = "finished" if finished else "recording"
    (take_dir / "journal.json").write_text(json.dumps({"state": state, "prompt_id": prompt_id}), "utf-8")
    if finished:
        (take_dir / "deliverable.mp4").write_bytes(b"mp4")
        (take_dir / "check.json").write_text(json.dumps({"duration_s": duration_s}), "utf-8")
    return take_dir


def model_with_consent() -> FlowModel:
    machine = FlowMachine(PROMPTS, now_utc=lambda: datetime(2026, 11, 25, 10, 0, tzinfo=UTC))
    machine.give_consent("v1", "ab" * 32, {"record_and_use": True, "social_media": False})
    model = machine.model
    model.locale = "cy"
    model.name = PersonField("Siân Jones", show=True)
    model.employer = PersonField("Ward 7", show=False)
    model.contact = {"email": "sian@example.nhs.uk"}
    return model


def test_round_trip_keeps_details_consent_and_kept_answers(tmp_path: Path) -> None:
    folder = tmp_path / "submissions" / "s1"
    kept_dir = take(folder, "t1", "love-role", finished=True, duration_s=12.5)
    model = model_with_consent()
    model.kept["love-role"] = KeptTake("love-role", str(kept_dir), 12.5)
    save_session(folder, model, "2026-11-25T10:05:00+00:00")
    assert not list(folder.glob(".session-*"))  # no temp file left behind

    loaded = load_session(folder)
    assert loaded is not None
    restored = loaded.restored_model()
    assert restored.locale == "cy"
    assert restored.name == PersonField("Siân Jones", True) and restored.employer == PersonField(
        "Ward 7", False
    )
    assert restored.job_title == PersonField()
    assert restored.consent == model.consent
    assert restored.contact == {"email": "sian@example.nhs.uk"}  # how to contact them survives a crash too
    assert restored.kept == {"love-role": KeptTake("love-role", str(kept_dir), 12.5)}


def test_a_take_being_recorded_answers_a_question_with_no_kept_answer_once_finished(tmp_path: Path) -> None:
    folder = tmp_path / "submissions" / "s1"
    kept_dir = take(folder, "t1", "love-role", finished=True)
    retake = take(folder, "t2", "love-role", finished=True)  # a new try of a kept answer: not chosen
    crashed = take(folder, "t3", "nhs-better", finished=False)
    model = model_with_consent()
    model.kept["love-role"] = KeptTake("love-role", str(kept_dir), 4.0)
    save_session(folder, model, "2026-11-25T10:05:00+00:00")

    session = load_session(folder)
    assert session is not None and session.unkept == {"love-role": [retake], "nhs-better": [crashed]}
    assert session.answers() == {"love-role": kept_dir}  # the crashed take is not finished yet
    (crashed / "deliverable.mp4").write_bytes(b"mp4")  # what recovery does
    (crashed / "check.json").write_text(json.dumps({"duration_s": 2.5}), "utf-8")
    restored = session.restored_model()
    assert restored.kept["love-role"].take_dir == str(kept_dir)
    assert restored.kept["nhs-better"] == KeptTake("nhs-better", str(crashed), 2.5)


def test_find_sessions_offers_only_what_can_be_continued_and_tidies_the_rest(tmp_path: Path) -> None:
    data = tmp_path
    model = model_with_consent()
    good = data / "submissions" / "a-good"
    take(good, "t1", "love-role", finished=False)
    save_session(good, model, "2026-11-25T10:05:00+00:00")

    queued = data / "submissions" / "b-queued"  # Send was pressed: the outbox owns it
    take(queued, "t1", "love-role", finished=True)
    save_session(queued, model, "2026-11-25T10:06:00+00:00")
    (queued / MANIFEST_NAME).write_text("{}", "utf-8")

    empty = data / "submissions" / "c-empty"  # sent and cleaned up, but the session file stayed
    empty.mkdir(parents=True)
    save_session(empty, model, "2026-11-25T10:07:00+00:00")

    no_consent = data / "submissions" / "d-no-consent"
    take(no_consent, "t1", "love-role", finished=True)
    save_session(no_consent, FlowModel(), "2026-11-25T10:08:00+00:00")

    broken = data / "submissions" / "e-broken"
    take(broken, "t1", "love-role", finished=True)
    (broken / SESSION_NAME).write_text("{not json", "utf-8")

    found = find_sessions(data)
    assert [s.folder for s in found] == [good]
    assert not (queued / SESSION_NAME).exists() and (queued / "takes").exists()  # takes left to the outbox
    assert not empty.exists()  # nothing of the person is left behind
    assert not (no_consent / SESSION_NAME).exists()
    assert (broken / SESSION_NAME).exists()  # unreadable: left alone (and logged), never deleted blindly
    forget_session(good)
    assert find_sessions(data) == []


def test_the_machine_resumes_only_from_recovery_with_consent_and_an_answer(tmp_path: Path) -> None:
    machine = FlowMachine(PROMPTS, start_with_recovery=True)
    with pytest.raises(FlowError, match="no consent"):
        machine.resume(FlowModel(kept={"love-role": KeptTake("love-role", "/t", 2.0)}))
    model = model_with_consent()
    with pytest.raises(FlowError, match="no answer"):
        machine.resume(model)
    model.kept["other-campaign"] = KeptTake("other-campaign", "/o", 1.0)
    with pytest.raises(FlowError, match="no answer"):
        machine.resume(model)
    model.kept["nhs-better"] = KeptTake("nhs-better", "/t", 2.0)
    state = machine.resume(model)
    assert state.step is Step.CHECK_AND_SEND and machine.model is model and set(model.kept) == {"nhs-better"}
    machine.fire(Event.SEND)
    assert machine.state.step is Step.SENDING
    fresh = FlowMachine(PROMPTS)
    with pytest.raises(FlowError):
        fresh.resume(model)  # only at start-up recovery
