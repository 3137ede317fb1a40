"""Discarding an open submission (``DELETE /api/v1/submissions/{id}``) against the real server.

The sending app discards a version it superseded or its owner cancelled: the manifest with the person's
details, the attached media and every tus upload of it must go at once (database rows and files), only the
audit trail stays. Another key's, a received or a withdrawn submission is refused and nothing changes;
hostile ids get a clear 4xx and nothing changes either.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from tests.helpers.server import IntakeServer, b64, manifest_for, send_submission, tus_upload
from tests.integration.server.conftest import Unchanged, api
from tests.integration.server.test_submissions_api import second_key


def discard(server: IntakeServer, submission_id: str, key: str | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else server.key_headers
    return requests.delete(f"{api(server)}/submissions/{submission_id}", headers=headers, timeout=60)


def _rows(server: IntakeServer, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{server.data_dir / 'voicebooth.db'}?mode=ro", uri=True) as db:
        return list(db.execute(sql, args))


def _every_text_in_db(server: IntakeServer) -> str:
    """Every row of every table as text (what a person reading the database would find)."""
    return json.dumps(server.snapshot()["rows"], default=str)


def _open_with_everything(server: IntakeServer, deliverable: Path) -> tuple[dict[str, Any], list[str]]:
    """An open submission of three takes: one attached, one uploaded in full, one half uploaded.

    Returns:
        The manifest and the three upload URLs.
    """
    manifest = manifest_for([deliverable, deliverable, deliverable], person=_unique_person())
    for take in manifest["takes"]:
        take["prompt_text"] = f"What do you love about ward {uuid.uuid4().hex}?"
    sid = manifest["submission_id"]
    assert (
        requests.post(f"{api(server)}/submissions", json=manifest, headers=server.key_headers).status_code
        == 201
    )
    data = deliverable.read_bytes()
    urls = []
    for take in manifest["takes"][:2]:
        urls.append(
            tus_upload(
                server, data, {"submission_id": sid, "take_id": take["take_id"], "sha256": take["sha256"]}
            )
        )
    attached = requests.put(
        f"{api(server)}/submissions/{sid}/takes/{manifest['takes'][0]['take_id']}",
        json={"upload_url": urls[0]},
        headers=server.key_headers,
    )
    assert attached.status_code == 200, attached.text
    half = requests.post(
        server.files_url,
        headers={
            **server.tus_headers,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": f"submission_id {b64(sid)},take_id {b64(manifest['takes'][2]['take_id'])}",
        },
    )
    assert half.status_code == 201
    patched = requests.patch(
        half.headers["Location"],
        data=data[: len(data) // 2],
        headers={
            **server.tus_headers,
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert patched.status_code == 204
    urls.append(half.headers["Location"])
    return manifest, urls


def _raw_db_bytes(server: IntakeServer) -> bytes:
    """The database file's bytes after a checkpoint (the write-ahead log copied in and emptied)."""
    db_file = server.data_dir / "voicebooth.db"
    with sqlite3.connect(db_file) as db:
        busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0
    wal = db_file.with_name("voicebooth.db-wal")
    return db_file.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _unique_person() -> dict[str, Any]:
    return {
        "name": {"value": f"Zebedee {uuid.uuid4().hex}", "show": True},
        "employer": {"value": f"Ward {uuid.uuid4().hex}", "show": False},
    }


def test_discard_removes_the_manifest_media_and_uploads_at_once(
    server: IntakeServer, deliverable: Path
) -> None:
    keep_manifest, _keep_done = send_submission(server, [deliverable])  # someone else's: must stay
    before_files = set(server.snapshot()["files"])
    manifest, urls = _open_with_everything(server, deliverable)
    sid = manifest["submission_id"]
    added = set(server.snapshot()["files"]) - before_files
    assert any(name.startswith("media/") for name in added) and any(
        name.startswith("uploads/") for name in added
    )
    personal = [manifest["person"]["name"]["value"], manifest["person"]["employer"]["value"]]
    personal += [take["prompt_text"] for take in manifest["takes"]]
    assert all(text in _every_text_in_db(server) for text in personal)

    response = discard(server, sid)
    assert response.status_code == 200, response.text
    assert response.json() == {"submission_id": sid, "status": "discarded"}

    # Database: no submission, no takes, uploads ended; only the audit trail remembers, with no details.
    assert _rows(server, "SELECT 1 FROM submissions WHERE id = ?", sid) == []
    assert _rows(server, "SELECT 1 FROM takes WHERE submission_id = ?", sid) == []
    states = _rows(server, "SELECT state FROM uploads WHERE submission_id = ?", sid)
    assert sorted(s for (s,) in states) == ["terminated"] * 3
    audit = _rows(
        server, "SELECT actor, action, detail FROM audit_events WHERE submission_id = ? ORDER BY id", sid
    )
    assert audit[-1][:2] == ("submitter", "discarded")
    assert json.loads(audit[-1][2]) == {"key": "tests", "takes": 3, "media_files": 1, "uploads": 3}
    text = _every_text_in_db(server)
    assert not [p for p in personal if p in text]  # name, employer and prompt texts: nowhere in any row
    assert not [p for p in personal if p.encode() in _raw_db_bytes(server)]  # nor left in free space
    # Data folder: the files it added are gone (media and both uploads), the other submission's stay.
    after = set(server.snapshot()["files"])
    assert not (added & after), added & after
    assert before_files <= after
    # Late requests for its uploads get 410; the same id cannot be created again; a repeat finds nothing.
    for url in urls:
        head = requests.head(url, headers=server.tus_headers)
        assert head.status_code == 410, (url, head.status_code)
    again = requests.post(f"{api(server)}/submissions", json=manifest, headers=server.key_headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "submission_discarded"
    assert discard(server, sid).status_code == 404
    assert _rows(server, "SELECT 1 FROM submissions WHERE id = ?", sid) == []
    # The other submission is untouched.
    status = _rows(server, "SELECT status FROM submissions WHERE id = ?", keep_manifest["submission_id"])
    assert status == [("received",)]


def test_post_discard_for_networks_that_block_delete(server: IntakeServer, deliverable: Path) -> None:
    manifest = manifest_for([deliverable])
    sid = manifest["submission_id"]
    assert (
        requests.post(f"{api(server)}/submissions", json=manifest, headers=server.key_headers).status_code
        == 201
    )
    response = requests.post(f"{api(server)}/submissions/{sid}/discard", headers=server.key_headers)
    assert response.status_code == 200 and response.json()["status"] == "discarded"
    assert _rows(server, "SELECT 1 FROM submissions WHERE id = ?", sid) == []


def test_another_keys_or_a_received_or_withdrawn_submission_is_not_discarded(
    server: IntakeServer, deliverable: Path
) -> None:
    other_key = second_key(server)
    mine = manifest_for([deliverable])
    assert (
        requests.post(f"{api(server)}/submissions", json=mine, headers=server.key_headers).status_code == 201
    )
    received_manifest, done = send_submission(server, [deliverable])
    withdrawn_manifest, withdrawn = send_submission(server, [deliverable])
    response = requests.post(
        f"{api(server)}/withdraw",
        json={"reference": withdrawn["reference"], "withdrawal_token": withdrawn["withdrawal_token"]},
    )
    assert response.status_code == 200

    reviewer_token = server.login()
    check = Unchanged(server)
    check.check(discard(server, mine["submission_id"], key=other_key), 404, "unknown_submission")
    check.check(discard(server, received_manifest["submission_id"], key=other_key), 404, "unknown_submission")
    body = check.check(discard(server, received_manifest["submission_id"]), 409, "submission_received")
    assert body["error"]["status"] == "received" and "withdrawn" in body["error"]["message"]
    body = check.check(discard(server, withdrawn_manifest["submission_id"]), 409, "submission_withdrawn")
    assert body["error"]["status"] == "withdrawn"
    # No key, a reviewer's sign-in, an unknown key.
    url = f"{api(server)}/submissions/{mine['submission_id']}"
    check.check(requests.delete(url), 401)
    check.check(
        requests.delete(url, headers={"Authorization": f"Bearer {reviewer_token}"}),
        403,
        "reviewer_token_not_allowed",
    )
    check.check(requests.delete(url, headers={"Authorization": "Bearer " + "x" * 40}), 401, "unknown_key")
    assert requests.get(f"{api(server)}/status/{done['reference']}").json()["status"] == "received"


HOSTILE_IDS = [
    "..%2F..%2Fvoicebooth.db",
    "../../etc/passwd",
    "%00",
    "' OR 1=1 --",
    "00000000-0000-4000-8000-000000000000' OR '1'='1",
    "A" * 5000,
    "9F1C2B3A-0000-4000-8000-000000000000",  # upper case: not how ids are written
    "9f1c2b3a-0000-1000-8000-000000000000",  # not a version 4 uuid
    "9f1c2b3a-0000-4000-8000-000000000000%0A",
    "%F0%9F%92%A5",
    "*",
]


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_hostile_ids_are_a_clear_4xx_and_change_nothing(
    server: IntakeServer, deliverable: Path, hostile: str
) -> None:
    manifest = manifest_for([deliverable])
    assert (
        requests.post(f"{api(server)}/submissions", json=manifest, headers=server.key_headers).status_code
        == 201
    )
    check = Unchanged(server)
    response = requests.delete(f"{api(server)}/submissions/{hostile}", headers=server.key_headers)
    assert 400 <= response.status_code < 500
    check.check(response, response.status_code)
    post = requests.post(f"{api(server)}/submissions/{hostile}/discard", headers=server.key_headers)
    assert 400 <= post.status_code < 500
    check.check(post, post.status_code)
    assert _rows(server, "SELECT status FROM submissions WHERE id = ?", manifest["submission_id"]) == [
        ("open",)
    ]


def test_a_patch_still_writing_finishes_before_its_upload_is_discarded(
    server: IntakeServer, deliverable: Path
) -> None:
    """The old version's sender may be mid-chunk: the discard waits for that PATCH, then removes the file."""
    manifest = manifest_for([deliverable])
    sid = manifest["submission_id"]
    assert (
        requests.post(f"{api(server)}/submissions", json=manifest, headers=server.key_headers).status_code
        == 201
    )
    data = deliverable.read_bytes()
    created = requests.post(
        server.files_url,
        headers={
            **server.tus_headers,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": f"submission_id {b64(sid)}",
        },
    )
    assert created.status_code == 201
    upload_url = created.headers["Location"]
    upload_file = server.data_dir / "uploads" / urlsplit(upload_url).path.rsplit("/", 1)[-1]
    # A raw PATCH that sends half its body and then waits (the sender was stopped between writes).
    path = urlsplit(upload_url).path
    writer = socket.create_connection(("127.0.0.1", server.port))
    head = (
        f"PATCH {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {server.upload_key}\r\n"
        f"Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n"
        f"Content-Length: {len(data)}\r\n\r\n"
    )
    writer.sendall(head.encode() + data[: len(data) // 2])
    deadline = threading.Event()
    for _ in range(200):  # until the server has written some of it (so the PATCH holds the upload's lock)
        if upload_file.exists() and upload_file.stat().st_size > 0:
            break
        deadline.wait(0.05)
    assert upload_file.stat().st_size > 0
    outcome: list[requests.Response] = []
    deleting = threading.Thread(target=lambda: outcome.append(discard(server, sid)))
    deleting.start()
    deleting.join(0.5)
    assert deleting.is_alive() and outcome == []  # the discard is waiting for the PATCH's lock
    assert upload_file.exists()  # not deleted under the PATCH's feet
    writer.close()  # the sender goes away: its PATCH ends, the discard goes on
    deleting.join(60)
    assert outcome and outcome[0].status_code == 200, outcome and outcome[0].text
    assert not upload_file.exists()
    assert not upload_file.with_suffix(".lock").exists()
    assert _rows(server, "SELECT state FROM uploads WHERE submission_id = ?", sid) == [("terminated",)]
    assert requests.head(upload_url, headers=server.tus_headers).status_code == 410
