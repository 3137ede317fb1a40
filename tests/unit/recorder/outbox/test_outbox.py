"""The outbox against a real intake server: send → confirm → verified delete; idempotent queue; cancel;
failures leave it queued with a plain reason and bounded, growing waits (no busy loop)."""

from __future__ import annotations

import re
import shutil
import socket
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest
import requests

from recorder.codes import is_withdrawal_code
from recorder.outbox import Outbox, SendError
from recorder.submission import finished_takes
from recorder.upload import TransferProgress
from tests.helpers.http_faults import FaultProxy, FaultRules
from tests.helpers.sending import MediaCache, Waits, add_take, make_outbox, make_submission
from tests.helpers.sending import folder_manifest as manifest_for
from tests.helpers.server import IntakeServer
from tests.helpers.tcp_proxy import TcpProxy

REFERENCE = re.compile(r"^VB-[A-Z0-9]{4}-[A-Z0-9]{4}$")


def test_send_confirms_then_deletes_and_verifies(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media, prompts=("love-role", "love-role"))
    take_dirs = finished_takes(folder)
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    sid = outbox.queue(folder, manifest_for(folder))
    snapshots: list[TransferProgress] = []
    reference = outbox.send(sid, progress=snapshots.append)
    assert REFERENCE.match(reference)
    record = outbox.get(sid)
    assert record is not None and record.state == "confirmed" and record.reference == reference
    assert record.deleted_utc is not None and all(f.state == "attached" for f in record.files)
    assert not any(t.exists() for t in take_dirs) and not folder.exists()
    status = requests.get(f"{module_intake_server.url}/api/v1/status/{reference}", timeout=10).json()
    assert status["status"] == "received"
    assert snapshots[-1].stage == "done" and snapshots[-1].bytes_sent == record.bytes_total
    assert outbox.send(sid) == reference  # sending again just returns the reference


def test_queue_is_idempotent_and_a_new_take_supersedes(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    first = outbox.queue(folder, manifest_for(folder))
    assert outbox.queue(folder, manifest_for(folder)) == first
    add_take(folder, media.small(), "love-role")
    second = outbox.queue(folder, manifest_for(folder))
    assert second != first
    old = outbox.get(first)
    assert old is not None and old.state == "cancelled"
    assert all(f.path.exists() for f in old.files)  # superseded, not deleted: the takes are still wanted
    assert [r.submission_id for r in outbox.list() if r.pending] == [second]


def test_owner_cancel_before_confirmation_deletes_local_files(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    sid = outbox.queue(folder, manifest_for(folder))
    assert outbox.cancel(sid)
    assert not folder.exists()
    assert not outbox.cancel(sid)
    with pytest.raises(SendError, match="cancelled"):
        outbox.send(sid)


def test_cancel_after_confirmation_is_refused(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    sid = outbox.queue(folder, manifest_for(folder))
    outbox.send(sid)
    assert not outbox.cancel(sid)
    record = outbox.get(sid)
    assert record is not None and record.state == "confirmed"


@pytest.mark.slow
def test_owner_cancel_while_sending_stops_and_removes_the_upload(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media, big=True)
    with TcpProxy(("127.0.0.1", module_intake_server.port), rate_bits_s=20e6) as slow:
        outbox = make_outbox(
            tmp_path, slow.url, module_intake_server.upload_key, chunk_size_bytes=1024 * 1024
        )
        sid = outbox.queue(folder, manifest_for(folder))
        started = threading.Event()

        def on_progress(snapshot: TransferProgress) -> None:
            if snapshot.bytes_sent > 2 * 1024 * 1024:
                started.set()

        errors: list[BaseException] = []

        def send() -> None:
            try:
                outbox.send(sid, progress=on_progress)
            except BaseException as error:
                errors.append(error)

        worker = threading.Thread(target=send)
        worker.start()
        assert started.wait(30)
        assert outbox.cancel(sid)
        worker.join(30)
    assert isinstance(errors[0], SendError) and "cancelled" in str(errors[0])
    record = outbox.get(sid)
    assert record is not None and record.state == "cancelled" and not folder.exists()
    url = record.files[0].upload_url
    assert url is not None
    head = requests.head(url.replace(slow.url, module_intake_server.url), timeout=10,
                         headers=module_intake_server.tus_headers)  # fmt: skip
    assert head.status_code in (404, 410)  # terminated on the server too


def test_unreachable_server_stays_queued_with_a_reason_and_growing_waits(
    tmp_path: Path, media: MediaCache
) -> None:
    reserved = socket.socket()
    reserved.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    try:
        url = f"http://127.0.0.1:{reserved.getsockname()[1]}"
        folder = make_submission(tmp_path / "sub", media)
        waits = Waits()
        outbox = make_outbox(tmp_path, url, "key", waits)
        sid = outbox.queue(folder, manifest_for(folder))
        with pytest.raises(SendError, match="not accepting connections") as caught:
            outbox.send(sid)
        assert not caught.value.permanent
        record = outbox.get(sid)
        assert record is not None and record.state == "queued" and record.attempts == 1
        assert record.last_error is not None and "not accepting connections" in record.last_error
        # No busy loop: two waits between three attempts, each at least half its step, growing.
        assert len(waits.delays) == 2 and 0.1 <= waits.delays[0] <= 0.2 and 0.2 <= waits.delays[1] <= 0.4
        results = outbox.send_pending()
        assert results[0].error and len(waits.delays) == 4
        assert all(f.exists() for f in (folder / "manifest.json", *finished_takes(folder)))
    finally:
        reserved.close()


def test_wrong_upload_key_stays_queued(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, module_intake_server.url, "not-the-key")
    sid = outbox.queue(folder, manifest_for(folder))
    with pytest.raises(SendError, match="upload key"):
        outbox.send(sid)
    record = outbox.get(sid)
    assert record is not None and record.state == "queued" and folder.exists()


def test_a_file_changed_after_queueing_fails_and_is_kept(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    sid = outbox.queue(folder, manifest_for(folder))
    video = finished_takes(folder)[0] / "deliverable.mp4"
    with video.open("ab") as handle:
        handle.write(b"extra")
    with pytest.raises(SendError, match="changed after it was queued") as caught:
        outbox.send(sid)
    assert caught.value.permanent
    record = outbox.get(sid)
    assert record is not None and record.state == "failed" and video.exists()
    assert outbox.send_pending() == []  # failed ones wait for a person


def test_queued_survives_reopen_and_send_pending_sends_all(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    ids = [
        outbox.queue(f, manifest_for(f)) for f in (make_submission(tmp_path / n, media) for n in ("a", "b"))
    ]
    outbox.close()
    reopened = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    assert [r.state for r in reopened.list()] == ["queued", "queued"]
    results = reopened.send_pending()
    assert [r.submission_id for r in results] == ids and all(r.reference for r in results)


def test_method_override_sends_patch_as_post(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    proxy = FaultProxy(("127.0.0.1", module_intake_server.port), FaultRules())
    try:
        folder = make_submission(tmp_path / "sub", media)
        outbox = make_outbox(tmp_path, proxy.url, module_intake_server.upload_key, http_method_override=True)
        assert REFERENCE.match(outbox.send(outbox.queue(folder, manifest_for(folder))))
    finally:
        proxy.stop()
    assert proxy.methods["PATCH"] == 0 and proxy.methods["POST"] >= 3


def test_server_size_limit_is_a_permanent_plain_failure(tmp_path: Path, media: MediaCache) -> None:
    server = IntakeServer.start(tmp_path / "small-server")
    try:
        server.stop()  # the server reads this setting from its data folder's server.toml
        (server.data_dir / "server.toml").write_text("max_upload_bytes = 1000\n")
        server.launch()
        folder = make_submission(tmp_path / "sub", media)
        outbox = make_outbox(tmp_path, server.url, server.upload_key)
        sid = outbox.queue(folder, manifest_for(folder))
        with pytest.raises(SendError, match=r"larger .* than the intake server accepts") as caught:
            outbox.send(sid)
        assert caught.value.permanent
    finally:
        server.stop()


@pytest.mark.slow
def test_cancel_from_another_outbox_instance_stops_the_sender(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    """Another process (here: another connection to the same file) cancels; the sender stops at a chunk."""
    folder = make_submission(tmp_path / "sub", media, big=True)
    with TcpProxy(("127.0.0.1", module_intake_server.port), rate_bits_s=20e6) as slow:
        sender = make_outbox(
            tmp_path, slow.url, module_intake_server.upload_key, chunk_size_bytes=1024 * 1024
        )
        sid = sender.queue(folder, manifest_for(folder))
        other = Outbox(tmp_path / "outbox.sqlite3")

        def on_progress(snapshot: TransferProgress) -> None:
            if snapshot.bytes_sent > 2 * 1024 * 1024:
                other.cancel(sid)

        with pytest.raises(SendError, match="cancelled"):
            sender.send(sid, progress=on_progress)
        sent_bytes = slow.bytes_up
    record = sender.get(sid)
    assert record is not None and record.state == "cancelled" and not folder.exists()
    assert sent_bytes < record.bytes_total  # it stopped instead of sending everything


def test_files_that_cannot_be_deleted_are_retried_at_the_next_run(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    """Deletion is verified: a take folder the OS refuses to empty keeps the job open until it is gone."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available to make a folder undeletable")
    folder = make_submission(tmp_path / "sub", media)
    take_dir = finished_takes(folder)[0]
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    sid = outbox.queue(folder, manifest_for(folder))
    if subprocess.run(["chattr", "+i", str(take_dir)], capture_output=True).returncode != 0:
        pytest.skip("this file system does not support the immutable attribute")
    try:
        reference = outbox.send(sid)
        record = outbox.get(sid)
        assert record is not None and record.state == "confirmed" and record.deleted_utc is None
        assert record.last_error is not None and "could not be deleted" in record.last_error
        assert (take_dir / "deliverable.mp4").exists()
    finally:
        subprocess.run(["chattr", "-i", str(take_dir)], check=True)
    assert outbox.send_pending() == []  # nothing to send; the leftover deletion is finished
    record = outbox.get(sid)
    assert record is not None and record.deleted_utc is not None and not folder.exists()
    assert outbox.send(sid) == reference


def test_a_corrected_server_address_takes_over_pending_submissions(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    wrong = make_outbox(tmp_path, "http://127.0.0.1:9", module_intake_server.upload_key, Waits())
    sid = wrong.queue(folder, manifest_for(folder))
    with pytest.raises(SendError):
        wrong.send(sid)
    wrong.close()
    fixed = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)  # IT fixed it
    assert fixed.send_pending()[0].reference
    record = fixed.get(sid)
    assert (
        record is not None and record.server_url == module_intake_server.url and record.state == "confirmed"
    )


def test_no_upload_key_says_so(tmp_path: Path, media: MediaCache) -> None:
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, "http://127.0.0.1:9", "")
    sid = outbox.queue(folder, manifest_for(folder))
    with pytest.raises(SendError, match="No upload key"):
        outbox.send(sid)
    record = outbox.get(sid)
    assert (
        record is not None
        and record.state == "queued"
        and record.last_error
        and "upload_key" in record.last_error
    )


def _outbox_bytes(outbox_file: Path) -> bytes:
    """The outbox's SQLite file with its write-ahead log and shared memory, as stored on disk."""
    return b"".join(
        path.read_bytes() for path in outbox_file.parent.glob(outbox_file.name + "*") if path.is_file()
    )


def test_the_withdrawal_code_is_handed_over_once_and_no_copy_is_kept(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    folder = make_submission(tmp_path / "sub", media)
    sid = outbox.queue(folder, manifest_for(folder))
    reference = outbox.send(sid)
    code = outbox.take_withdrawal_code(sid)
    assert code is not None and is_withdrawal_code(code)
    assert outbox.take_withdrawal_code(sid) is None  # once only
    stored = _outbox_bytes(outbox.store.path)
    assert code.encode() not in stored and code.replace("-", "").encode() not in stored
    assert reference.encode() in stored  # the file was read: the reference is still there
    # The code is the person's: it withdraws the submission on the server.
    withdrawn = requests.post(
        f"{module_intake_server.url}/api/v1/withdraw",
        json={"reference": reference, "withdrawal_token": code.lower().replace("-", " ")},
        timeout=30,
    )
    assert withdrawn.status_code == 200, withdrawn.text


def test_a_withdrawal_code_nobody_took_is_erased(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    outbox = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    shown_later = make_submission(tmp_path / "a", media)
    first = outbox.queue(shown_later, manifest_for(shown_later))
    outbox.send(first)  # the app closed before Done showed the code
    resumed = make_submission(tmp_path / "b", media)
    second = outbox.queue(resumed, manifest_for(resumed))
    outbox.store.close()
    again = make_outbox(tmp_path, module_intake_server.url, module_intake_server.upload_key)
    assert again.take_withdrawal_code(first) is None  # erased when the outbox was opened again
    (result,) = again.send_pending()  # a start-up resume: nobody is there to be shown the code
    assert result.submission_id == second and result.reference
    assert again.take_withdrawal_code(second) is None
    rows = sqlite3.connect(again.store.path).execute("SELECT withdrawal_token FROM submissions").fetchall()
    assert rows == [(None,), (None,)]
