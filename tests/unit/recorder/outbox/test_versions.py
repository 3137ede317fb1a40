"""Versions of one submission folder: the newest answers supersede a waiting version, only one is ever sent.

Against a real intake server. The first version is made to fail *after* the server registered it (a
proxy refuses the upload), so the server already holds its take ids: the newer version must still get
through (shared takes under new ids), and the older one must never be received: it is discarded on the
server (manifest, person, uploads) before the newer one is sent.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from recorder.outbox import SendError
from recorder.outbox.states import SubmissionState
from recorder.outbox.store import AlreadyConfirmed
from recorder.submission import finished_takes
from recorder.upload import TransferProgress
from tests.helpers.http_faults import FaultProxy, FaultRules
from tests.helpers.sending import MediaCache, add_take, make_outbox, make_submission
from tests.helpers.sending import folder_manifest as manifest_for
from tests.helpers.server import IntakeServer, server_status
from tests.helpers.tcp_proxy import TcpProxy


def _replace_last_take(folder: Path, media: MediaCache) -> Path:
    """The person records the last answer again: the new take is kept, the old one deleted."""
    old = finished_takes(folder)[-1]
    new = add_take(folder, media.small(), "nhs-better")
    shutil.rmtree(old)
    return new


def test_a_newer_version_replaces_one_the_server_already_registered(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    server = module_intake_server
    folder = make_submission(tmp_path / "sub", media, prompts=("love-role", "nhs-better"))
    kept_take = finished_takes(folder)[0]
    proxy = FaultProxy(
        ("127.0.0.1", server.port), FaultRules(fail_first=100, fail_method="PATCH", fail_status=403)
    )
    try:
        refused = make_outbox(tmp_path, proxy.url, server.upload_key)
        first = refused.queue(folder, manifest_for(folder))
        with pytest.raises(SendError, match="upload key"):
            refused.send(first)
        refused.close()
    finally:
        proxy.stop()
    assert server_status(server, first) == "open"  # registered with its take ids, never completed

    new_take = _replace_last_take(folder, media)
    outbox = make_outbox(tmp_path, server.url, server.upload_key)
    second = outbox.queue(folder, manifest_for(folder))
    assert second != first
    old = outbox.get(first)
    assert old is not None and old.state == "cancelled"
    assert outbox.queue(folder, manifest_for(folder)) == second  # idempotent for the same answers
    record = outbox.get(second)
    assert record is not None
    # The kept answer goes under a new id (the server knows its first one); its file stays where it is.
    assert {f.path.parent: f.take_id for f in record.files} == {
        kept_take: f"{kept_take.name}.2",
        new_take: new_take.name,
    }

    assert outbox.get(first).discard == "pending"  # type: ignore[union-attr]  # the server holds it
    assert [r.submission_id for r in outbox.send_pending()] == [second]  # the old version is not tried
    assert server_status(server, second) == "received"
    assert server_status(server, first) is None  # discarded there, with the details it was sent with
    assert outbox.get(first).discard == "done"  # type: ignore[union-attr]
    with pytest.raises(SendError, match="cancelled"):
        outbox.send(first)
    assert not folder.exists()


@pytest.mark.slow
def test_a_version_being_sent_stops_when_a_newer_one_is_queued(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    """Another thread queues new answers mid-upload: the old upload stops, only the new one arrives."""
    server = module_intake_server
    folder = make_submission(tmp_path / "sub", media, big=True)
    with TcpProxy(("127.0.0.1", server.port), rate_bits_s=20e6) as slow:
        outbox = make_outbox(tmp_path, slow.url, server.upload_key, chunk_size_bytes=1024 * 1024)
        first = outbox.queue(folder, manifest_for(folder))
        replaced: list[str] = []

        def on_progress(snapshot: TransferProgress) -> None:
            if snapshot.bytes_sent > 2 * 1024 * 1024 and not replaced:
                add_take(folder, media.small(), "nhs-better")  # a second answer, kept meanwhile
                worker = threading.Thread(
                    target=lambda: replaced.append(outbox.queue(folder, manifest_for(folder)))
                )
                worker.start()
                worker.join(30)

        with pytest.raises(SendError, match="cancelled"):
            outbox.send(first, progress=on_progress)
        sent_bytes = slow.bytes_up
        old = outbox.get(first)
        assert old is not None and old.state == "cancelled" and sent_bytes < old.bytes_total
        assert all(f.path.exists() for f in old.files)  # superseded, not deleted: the new version sends them
        (second,) = replaced
        # The old version is discarded where it was sent (through the proxy, still there), then the new
        # one goes straight to the server.
        direct = make_outbox(tmp_path, server.url, server.upload_key)
        assert direct.send(second)
    assert server_status(server, second) == "received"
    assert server_status(server, first) is None  # discarded before the new version was sent


def test_replacing_needs_a_waiting_version_and_cancel_follows_the_newest(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    server = module_intake_server
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, server.url, server.upload_key)
    with pytest.raises(SendError, match="no longer waiting") as caught:
        outbox.queue(folder, manifest_for(folder), replace_only=True)
    assert caught.value.permanent and outbox.list() == [] and not (folder / "manifest.json").exists()
    first = outbox.queue(folder, manifest_for(folder))
    add_take(folder, media.small(), "nhs-better")
    second = outbox.queue(folder, manifest_for(folder), replace_only=True)
    assert second != first
    record = outbox.get(second)
    assert record is not None and [f.take_id for f in record.files] == [
        t.name for t in finished_takes(folder)
    ]  # never attempted: the server knows none of its ids, so none is renamed
    assert outbox.cancel(first)  # the person takes back "their submission": the newest version goes
    assert [r.state for r in outbox.list()] == ["cancelled", "cancelled"] and not folder.exists()


def test_a_version_confirmed_meanwhile_is_never_superseded(tmp_path: Path, media: MediaCache) -> None:
    """The check and the change are one SQLite transaction: a confirmed version blocks the newer one."""
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(tmp_path, "http://127.0.0.1:9", "key")
    first = outbox.queue(folder, manifest_for(folder))
    for state in (SubmissionState.UPLOADING, SubmissionState.UPLOADED):  # as a transfer would
        outbox.store.update_submission(first, state=state)
    outbox.store.update_submission(first, state=SubmissionState.CONFIRMED, reference="VB-AAAA-BBBB")
    with pytest.raises(AlreadyConfirmed):
        outbox.store.insert("another", folder, "http://127.0.0.1:9", [], supersedes=[first])
    record = outbox.get(first)
    assert record is not None and record.state == "confirmed" and outbox.get("another") is None
