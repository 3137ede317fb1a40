"""A folder recorded into again after it was sent (issue 14, item 12), through the real ``voicebooth send``.

Before: the second run printed the first reference with exit 0, never uploaded the new take, kept it on
disk and ignored ``--details``. Now: without ``--details`` it refuses (exit 2, plain words, nothing
changed); with them the new take goes as a new submission, which the real intake server confirms.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import requests

from tests.helpers.sending import MediaCache, add_take, make_submission, outbox_path, run_send, write_details
from tests.helpers.server import IntakeServer

REFERENCE = re.compile(r"^VB-[A-Z0-9]{4}-[A-Z0-9]{4}$")


def _outbox_rows(home: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{outbox_path(home)}?mode=ro", uri=True) as db:
        return db.execute("SELECT submission_id, state, reference FROM submissions ORDER BY rowid").fetchall()


def _server_takes(server: IntakeServer, reference: str) -> list[str]:
    with sqlite3.connect(f"file:{server.data_dir / 'voicebooth.db'}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT takes.take_id FROM takes JOIN submissions ON submissions.id = takes.submission_id "
            "WHERE submissions.reference = ?",
            (reference,),
        ).fetchall()
    return [str(r[0]) for r in rows]


def test_a_new_take_in_a_sent_folder_is_sent_as_a_new_submission(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    server, home = module_intake_server, tmp_path / "home"
    folder = make_submission(tmp_path / "sub", media)
    details = write_details(tmp_path / "details.json")
    first = run_send(folder, server.url, server.upload_key, home, details)
    assert first.returncode == 0, first.stderr
    first_reference = first.stdout.strip().splitlines()[-1]
    assert not (folder / "takes").exists()  # sent and deleted

    new_take = add_take(folder, media.small())  # recorded into again
    rows_before = _outbox_rows(home)

    refused = run_send(folder, server.url, server.upload_key, home)  # no --details
    assert refused.returncode == 2
    assert (
        f"1 recording(s) in {folder.resolve()} were made after it was sent (reference {first_reference})"
        in (refused.stderr)
    )
    assert "--details" in refused.stderr and refused.stdout.strip() == ""  # never the old reference
    assert (new_take / "deliverable.mp4").is_file() and _outbox_rows(home) == rows_before  # nothing changed

    second = run_send(folder, server.url, server.upload_key, home, details)
    assert second.returncode == 0, second.stderr
    second_reference = second.stdout.strip().splitlines()[-1]
    assert REFERENCE.match(second_reference) and second_reference != first_reference
    assert _server_takes(server, second_reference) == [new_take.name]  # the server holds the new take
    status = requests.get(f"{server.url}/api/v1/status/{second_reference}", timeout=10).json()
    assert status["status"] == "received"
    assert not new_take.exists()  # deleted only once the server confirmed it

    again = run_send(folder, server.url, server.upload_key, home)  # nothing new: the latest reference
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == second_reference


def test_a_take_recorded_after_queueing_is_not_left_behind(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    """Queued (the server was down), then recorded into again: the resumed send takes the new take too."""
    server, home = module_intake_server, tmp_path / "home"
    folder = make_submission(tmp_path / "sub", media)
    details = write_details(tmp_path / "details.json")
    down = run_send(folder, "http://127.0.0.1:9", server.upload_key, home, details)
    assert down.returncode == 1, down.stderr
    new_take = add_take(folder, media.small())

    refused = run_send(folder, server.url, server.upload_key, home)
    assert refused.returncode == 2 and "were made after it was queued" in refused.stderr
    assert new_take.exists()

    takes = sorted(p.name for p in (folder / "takes").iterdir())
    assert len(takes) == 2
    sent = run_send(folder, server.url, server.upload_key, home, details)
    assert sent.returncode == 0, sent.stderr
    reference = sent.stdout.strip().splitlines()[-1]
    # Both the queued take and the new one (a take id the down server may know is sent as "<id>.2").
    assert sorted(t.removesuffix(".2") for t in _server_takes(server, reference)) == takes
    assert not (folder / "takes").exists()
