"""The sending client against a hostile intake server on 127.0.0.1 (issue 14, items 11 and 13).

Each test points the real outbox (or the real ``voicebooth send``) at :class:`HostileIntake`, which breaks
the contract in one way, and checks three things: the send fails with a plain message, nothing went to the
other origin (:class:`Thief` counts every byte it is sent: the upload key would be among them), and nothing
else changed (the video and manifest are still on disk, byte for byte; the outbox did not mark anything
sent or store anything the server made up).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from recorder.messages import MessageCode
from recorder.net import NetworkSettings, build_session
from recorder.outbox import SendError
from recorder.outbox.states import FileState, SubmissionState
from recorder.outbox.store import SubmissionRecord
from recorder.review.errors import ServerFailedError
from recorder.review.http import ReviewHttp
from tests.helpers.hostile_intake import HostileIntake, Misbehaviour, Thief
from tests.helpers.sending import (
    MediaCache,
    Waits,
    make_outbox,
    make_submission,
    run_send,
    write_details,
)
from tests.helpers.sending import folder_manifest as manifest_for

KEY = "hostile-test-upload-key-0123456789"


@pytest.fixture
def thief() -> Iterator[Thief]:
    listener = Thief()
    yield listener
    listener.stop()


def _hostile(misbehaviour: Misbehaviour, thief: Thief) -> HostileIntake:
    return HostileIntake(misbehaviour, thief.url).start()


def _files_on_disk(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@dataclass
class Failed:
    error: SendError
    record: SubmissionRecord
    hostile: HostileIntake


def _send_and_fail(misbehaviour: Misbehaviour, thief: Thief, tmp_path: Path, media: MediaCache) -> Failed:
    """Queue a real folder and send it to a hostile server; it must fail having changed nothing else."""
    hostile = _hostile(misbehaviour, thief)
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, hostile.url, KEY, Waits())
    try:
        sid = outbox.queue(folder, manifest_for(folder))
        disk_before = _files_on_disk(folder)
        with pytest.raises(SendError) as caught:
            outbox.send(sid)
        record = outbox.get(sid)
    finally:
        outbox.close()
        hostile.stop()
    assert record is not None
    # Whatever the server said: the video and manifest are still here byte for byte, nothing was marked
    # sent, and the other origin got nothing (not the key, not a byte of video).
    assert _files_on_disk(folder) == disk_before
    assert record.deleted_utc is None and record.reference is None
    assert thief.connections == 0 and bytes(thief.received) == b""
    return Failed(caught.value, record, hostile)


@pytest.mark.parametrize(
    "misbehaviour",
    [Misbehaviour.TUS_LOCATION_ELSEWHERE, Misbehaviour.TUS_CREATE_REDIRECT, Misbehaviour.API_CREATE_REDIRECT],
)
def test_nothing_goes_to_another_origin(
    misbehaviour: Misbehaviour, thief: Thief, tmp_path: Path, media: MediaCache
) -> None:
    """Item 11 (and 13's 307 on create): the key and the video stay with the configured server."""
    failed = _send_and_fail(misbehaviour, thief, tmp_path, media)
    assert failed.error.message_code is MessageCode.SERVER_SENT_ELSEWHERE
    assert f"127.0.0.1:{thief.port}" in str(failed.error)  # said plainly, where it pointed
    assert failed.record.state is SubmissionState.QUEUED  # stays queued, as before the send
    assert [(f.state, f.upload_url, f.offset_bytes) for f in failed.record.files] == [
        (FileState.QUEUED, None, 0)
    ]
    hostile = failed.hostile  # only the configured origin saw the key; nothing went on past the refusal
    assert all(
        s.headers.get("Authorization") == f"Bearer {KEY}" for s in hostile.seen if s.method != "OPTIONS"
    )
    assert not hostile.requests("PATCH") and not hostile.requests("PUT")
    if misbehaviour is Misbehaviour.API_CREATE_REDIRECT:
        assert not hostile.requests("POST", "/files/")  # a 307 is not "created"


def test_a_review_redirect_is_not_followed(thief: Thief) -> None:
    """Item 11 for the API's other user: review's sign-in answered with a redirect sends nothing on."""
    hostile = _hostile(Misbehaviour.API_CREATE_REDIRECT, thief)
    http = ReviewHttp(hostile.url, build_session(NetworkSettings(server_url=hostile.url)))
    try:
        with pytest.raises(ServerFailedError) as caught:
            http.token = KEY
            http.json("POST", "/api/v1/submissions", json_body={"name": "Ann O'Neil"})
    finally:
        hostile.stop()
    assert caught.value.message_code is MessageCode.SERVER_SENT_ELSEWHERE
    assert thief.connections == 0 and bytes(thief.received) == b""


@pytest.mark.parametrize(
    "misbehaviour", [Misbehaviour.PATCH_OFFSET_PAST_SENT, Misbehaviour.HEAD_OFFSET_PAST_END]
)
def test_an_offset_past_the_end_is_an_error(
    misbehaviour: Misbehaviour, thief: Thief, tmp_path: Path, media: MediaCache
) -> None:
    """Item 13: an Upload-Offset past what was sent, or past the file, is never "finished"."""
    failed = _send_and_fail(misbehaviour, thief, tmp_path, media)
    assert failed.error.message_code is MessageCode.SERVER_ANSWER_UNEXPECTED
    assert "broke the upload protocol" in str(failed.error)
    assert failed.record.state is SubmissionState.QUEUED
    for f in failed.record.files:  # resumable from the server's offset, never "uploaded"
        assert f.state is FileState.UPLOADING and f.offset_bytes <= f.size_bytes
    assert not failed.hostile.requests("PUT") and not failed.hostile.requests("POST", "/api/v1/submissions/")


def test_a_reference_with_escape_sequences_deletes_nothing(
    thief: Thief, tmp_path: Path, media: MediaCache
) -> None:
    """Item 13: a reference not in the documented shape is not a confirmation: nothing is deleted."""
    failed = _send_and_fail(Misbehaviour.ESCAPING_REFERENCE, thief, tmp_path, media)
    assert failed.error.message_code is MessageCode.SERVER_ANSWER_UNEXPECTED
    assert "\x1b" not in str(failed.error) and "\\x1b" in str(failed.error)  # shown escaped
    assert failed.record.state is SubmissionState.UPLOADED  # all attached, awaiting a real confirmation


@pytest.mark.parametrize("misbehaviour", [Misbehaviour.ESCAPING_REFERENCE, Misbehaviour.ESCAPING_ERROR])
def test_the_command_line_prints_nothing_raw(
    misbehaviour: Misbehaviour, thief: Thief, tmp_path: Path, media: MediaCache
) -> None:
    """Item 13 through ``voicebooth send``: escape sequences from the server reach the terminal escaped."""
    hostile = _hostile(misbehaviour, thief)
    folder = make_submission(tmp_path / "sub", media)
    disk_before = _files_on_disk(folder)
    try:
        result = run_send(folder, hostile.url, KEY, tmp_path / "home", write_details(tmp_path / "d.json"))
    finally:
        hostile.stop()
    assert result.returncode == 1, result.stderr
    output = result.stdout + result.stderr
    assert "\x1b" not in output and "\x07" not in output and "\r" not in output
    assert result.stdout.strip() == ""  # no reference printed
    assert "\\x1b" in result.stderr
    if misbehaviour is Misbehaviour.ESCAPING_ERROR:
        assert r"Refused\x1b[2K\x0d\x1b[32mSent OK, reference VB-7K3M-Q9XD\x1b[0m" in result.stderr
    kept = _files_on_disk(folder)
    assert {k: v for k, v in kept.items() if k != "manifest.json"} == disk_before
    assert "manifest.json" in kept
