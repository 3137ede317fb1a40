"""The outbox's transition tables: every allowed change happens, every forbidden one is refused with nothing
changed (a real SQLite outbox file; the starting state is written straight into it)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from recorder.outbox.states import (
    DISCARD_TRANSITIONS,
    FILE_TRANSITIONS,
    SUBMISSION_TRANSITIONS,
    Discard,
    FileState,
    ForbiddenTransition,
    SubmissionState,
)
from recorder.outbox.store import OutboxStore

SID, TAKE = "sub-1", "take-1"


def store_in(tmp_path: Path, state: SubmissionState, file_state: FileState = FileState.QUEUED) -> OutboxStore:
    store = OutboxStore(tmp_path / "outbox.sqlite3")
    store.insert(
        SID,
        tmp_path,
        "http://127.0.0.1:9",
        [{"take_id": TAKE, "path": tmp_path / "t" / "deliverable.mp4", "size_bytes": 10, "sha256": "0" * 64}],
    )
    with store.transaction() as db:  # the starting state, however the store would have got there
        db.execute("UPDATE submissions SET state = ?, updated_utc = 'then'", (state,))
        db.execute("UPDATE files SET state = ?", (file_state,))
    return store


def test_every_state_has_a_row_in_each_table() -> None:
    assert set(SUBMISSION_TRANSITIONS) == set(SubmissionState)
    assert set(FILE_TRANSITIONS) == set(FileState)
    assert set(DISCARD_TRANSITIONS) == {None, *Discard}


@pytest.mark.parametrize(("old", "new"), list(itertools.product(SubmissionState, SubmissionState)))
def test_submission_transition(tmp_path: Path, old: SubmissionState, new: SubmissionState) -> None:
    store = store_in(tmp_path, old)
    before = store.get(SID)
    if new in SUBMISSION_TRANSITIONS[old]:
        store.update_submission(SID, state=new, last_error="moved")
        after = store.get(SID)
        assert after is not None and after.state is new and after.last_error == "moved"
    else:
        with pytest.raises(ForbiddenTransition):
            store.update_submission(SID, state=new, last_error="moved")
        assert store.get(SID) == before  # nothing changed, not even the other fields or updated_utc
    store.close()


@pytest.mark.parametrize(("old", "new"), list(itertools.product(SubmissionState, SubmissionState)))
def test_set_state_unless_checks_the_table_too(
    tmp_path: Path, old: SubmissionState, new: SubmissionState
) -> None:
    store = store_in(tmp_path, old)
    before = store.get(SID)
    if new in SUBMISSION_TRANSITIONS[old]:
        assert store.set_state_unless(SID, new, ())
        assert store.get(SID).state is new  # type: ignore[union-attr]
    else:
        with pytest.raises(ForbiddenTransition):
            store.set_state_unless(SID, new, ())
        assert store.get(SID) == before
    store.close()


@pytest.mark.parametrize(("old", "new"), list(itertools.product(FileState, FileState)))
def test_file_transition(tmp_path: Path, old: FileState, new: FileState) -> None:
    store = store_in(tmp_path, SubmissionState.UPLOADING, old)
    before = store.get(SID)
    if new in FILE_TRANSITIONS[old]:
        store.update_file(SID, TAKE, state=new, offset_bytes=5)
        after = store.get(SID)
        assert after is not None and after.files[0].state is new and after.files[0].offset_bytes == 5
    else:
        with pytest.raises(ForbiddenTransition):
            store.update_file(SID, TAKE, state=new, offset_bytes=5)
        assert store.get(SID) == before
    store.close()


@pytest.mark.parametrize("old", list(SubmissionState))
def test_cancel_from_every_state(tmp_path: Path, old: SubmissionState) -> None:
    store = store_in(tmp_path, old)
    before = store.get(SID)
    changed = store.cancel(SID)
    assert changed is (SubmissionState.CANCELLED in SUBMISSION_TRANSITIONS[old])
    if not changed:
        assert store.get(SID) == before
    else:
        assert store.get(SID).state is SubmissionState.CANCELLED  # type: ignore[union-attr]
    store.close()


def test_discard_only_moves_forward(tmp_path: Path) -> None:
    store = store_in(tmp_path, SubmissionState.CANCELLED)
    with pytest.raises(ForbiddenTransition):
        store.update_submission(SID, discard=Discard.DONE)  # nothing was owed
    store.update_submission(SID, discard=Discard.PENDING)
    store.update_submission(SID, discard=Discard.DONE)
    before = store.get(SID)
    with pytest.raises(ForbiddenTransition):
        store.update_submission(SID, discard=Discard.PENDING)
    assert store.get(SID) == before
    store.close()


def test_an_unknown_state_is_refused_with_nothing_changed(tmp_path: Path) -> None:
    store = store_in(tmp_path, SubmissionState.QUEUED)
    before = store.get(SID)
    with pytest.raises(ForbiddenTransition):
        store.update_submission(SID, state="sent")
    with pytest.raises(ForbiddenTransition):
        store.update_file(SID, TAKE, state="sent")
    assert store.get(SID) == before
    store.close()


def test_retarget_refused_for_a_confirmed_submission(tmp_path: Path) -> None:
    store = store_in(tmp_path, SubmissionState.CONFIRMED, FileState.ATTACHED)
    before = store.get(SID)
    with pytest.raises(ForbiddenTransition):
        store.retarget(SID, "http://127.0.0.1:10")
    assert store.get(SID) == before
    store.close()
