"""A cancelled version leaves the intake server too: its manifest (the person's details) and its uploads.

Against a real intake server, through a fault proxy. The version is made known to the server first (the
proxy refuses the upload itself, so the server registered the submission with the person's details).
Cancelling must then discard it there: at once when the server answers, and otherwise at the next send
or start, because the debt is stored with the cancellation (also in an outbox file from before it
existed). A version the server received without this computer hearing it is withdrawn instead.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder.outbox import Outbox, SendError
from tests.helpers.http_faults import FaultProxy, FaultRules
from tests.helpers.sending import MediaCache, Waits, make_outbox, make_submission
from tests.helpers.sending import folder_manifest as manifest_for
from tests.helpers.server import IntakeServer, server_status


def _known_to_server(tmp_path: Path, media: MediaCache, proxy: FaultProxy, key: str) -> tuple[Outbox, str]:
    """Queue a submission and try it once: the server registers it, the proxy refuses the upload."""
    folder = make_submission(tmp_path / "sub", media, prompts=("love-role", "nhs-better"))
    proxy.rules.fail_first, proxy.rules.fail_method, proxy.rules.fail_status = 1000, "PATCH", 403
    outbox = make_outbox(tmp_path, proxy.url, key, waits=Waits())
    sid = outbox.queue(folder, manifest_for(folder))
    with pytest.raises(SendError, match="upload key"):
        outbox.send(sid)
    return outbox, sid


@pytest.fixture
def proxy(intake_server: IntakeServer) -> Iterator[FaultProxy]:
    fault_proxy = FaultProxy(("127.0.0.1", intake_server.port), FaultRules())
    yield fault_proxy
    fault_proxy.stop()


def test_cancel_discards_the_version_on_the_server_at_once(
    intake_server: IntakeServer, proxy: FaultProxy, tmp_path: Path, media: MediaCache
) -> None:
    outbox, sid = _known_to_server(tmp_path, media, proxy, intake_server.upload_key)
    assert server_status(intake_server, sid) == "open"

    assert outbox.cancel(sid)

    assert server_status(intake_server, sid) is None  # manifest, person, takes: gone
    record = outbox.get(sid)
    assert record is not None and record.state == "cancelled" and record.discard == "done"
    assert not Path(record.folder).exists()


def test_a_discard_the_server_refuses_is_kept_and_done_at_the_next_start(
    intake_server: IntakeServer, proxy: FaultProxy, tmp_path: Path, media: MediaCache
) -> None:
    outbox, sid = _known_to_server(tmp_path, media, proxy, intake_server.upload_key)
    proxy.rules.fail_first, proxy.rules.fail_method, proxy.rules.fail_status = 1000, "DELETE", 503
    proxy.failed = 0

    assert outbox.cancel(sid)  # cancelled here whatever the server says

    record = outbox.get(sid)
    assert record is not None and record.state == "cancelled" and record.discard == "pending"
    assert record.last_error is not None and "Not yet removed" in record.last_error
    assert server_status(intake_server, sid) == "open"
    outbox.close()

    proxy.rules.fail_first = 0  # the server answers again; the app starts again
    again = make_outbox(tmp_path, proxy.url, intake_server.upload_key, waits=Waits())
    assert again.send_pending() == []  # nothing to send, but the debt is paid first
    assert server_status(intake_server, sid) is None
    record = again.get(sid)
    assert record is not None and record.discard == "done" and record.last_error is None
    assert again.discard_pending() == []


def test_delete_blocked_on_the_way_falls_back_to_post(
    intake_server: IntakeServer, proxy: FaultProxy, tmp_path: Path, media: MediaCache
) -> None:
    outbox, sid = _known_to_server(tmp_path, media, proxy, intake_server.upload_key)
    proxy.rules.fail_first, proxy.rules.fail_method, proxy.rules.fail_status = 1000, "DELETE", 405
    proxy.failed = 0

    assert outbox.cancel(sid)

    assert server_status(intake_server, sid) is None
    assert proxy.methods["DELETE"] >= 1 and proxy.failed >= 1


def test_a_version_received_without_this_computer_knowing_is_withdrawn(
    intake_server: IntakeServer, proxy: FaultProxy, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media, prompts=("love-role",))
    proxy.rules.hold_path, proxy.rules.hold_before_forward = r"/complete$", False
    outbox = make_outbox(tmp_path, proxy.url, intake_server.upload_key, waits=Waits())
    sid = outbox.queue(folder, manifest_for(folder))
    errors: list[BaseException] = []

    def send() -> None:
        try:
            outbox.send(sid)
        except BaseException as error:
            errors.append(error)

    sender = threading.Thread(target=send)
    sender.start()
    try:
        assert proxy.held.wait(60), "the complete request never came"
        assert server_status(intake_server, sid) == "received"  # the answer is withheld from the client
        proxy.rules.hold_path = None
        other = make_outbox(tmp_path, proxy.url, intake_server.upload_key, waits=Waits())
        assert other.cancel(sid)  # the owner takes it back before this computer heard it was received
        other.close()
    finally:
        proxy.release()
        sender.join(60)
    assert server_status(intake_server, sid) == "withdrawn"  # the media went at once, a tombstone stays
    assert errors and isinstance(errors[0], SendError) and "cancelled" in str(errors[0])
    record = outbox.get(sid)
    assert record is not None and record.state == "cancelled" and record.discard == "done"


def test_an_outbox_file_from_before_discarding_owes_it_for_tried_cancelled_versions(
    intake_server: IntakeServer, proxy: FaultProxy, tmp_path: Path, media: MediaCache
) -> None:
    outbox, sid = _known_to_server(tmp_path, media, proxy, intake_server.upload_key)
    proxy.rules.fail_first, proxy.rules.fail_method, proxy.rules.fail_status = 1000, "DELETE", 503
    proxy.failed = 0
    assert outbox.cancel(sid)  # the server refuses the discard: it is still there
    assert server_status(intake_server, sid) == "open"
    proxy.rules.fail_first = 0
    path = outbox.store.path
    outbox.close()
    with sqlite3.connect(path) as db:  # as schema 1 left it: no discard column, nothing removed remotely
        db.execute("ALTER TABLE submissions DROP COLUMN discard")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    db.close()

    reopened = make_outbox(tmp_path, proxy.url, intake_server.upload_key, waits=Waits())
    record = reopened.get(sid)
    assert record is not None and record.discard == "pending"
    assert reopened.discard_pending() == [sid]
    assert server_status(intake_server, sid) is None
