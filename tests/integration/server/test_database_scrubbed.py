"""After a withdrawal, a discard or a purge, a person's name is nowhere in the raw database files: not in
the main file (secure_delete), not in the write-ahead log or its index (checkpointed and truncated), while
the server runs and after it stops."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests

from tests.helpers.server import REPO_ROOT, IntakeServer, manifest_for, send_submission
from tests.integration.server.conftest import api

OLD_CONSENT = "2020-01-01T09:00:00Z"  # older than consent_valid_days: the purge expires it


def person(name: str) -> dict[str, dict[str, object]]:
    return {"name": {"value": name, "show": True}, "job_title": {"value": f"{name} Physio", "show": True}}


def database_files(server: IntakeServer) -> dict[str, bytes]:
    folder = server.data_dir
    return {path.name: path.read_bytes().lower() for path in folder.glob("voicebooth.db*")}


def traces(server: IntakeServer, name: str) -> list[str]:
    """Database files holding the name (any case; SQLite keeps UTF-8)."""
    needle = name.lower().encode()
    return [file for file, data in database_files(server).items() if needle in data]


def test_no_name_survives_in_the_database_files(server: IntakeServer, deliverable: Path) -> None:
    withdrawn, discarded, expired, kept = (
        "Ottoline Withdrawnby",
        "Peregrine Discardova",
        "Quenby Expiresson",
        "Rosalind Keepsake",
    )
    _m, done = send_submission(server, [deliverable], person=person(withdrawn))
    open_manifest = manifest_for([deliverable], person=person(discarded))
    assert requests.post(f"{api(server)}/submissions", json=open_manifest, headers=server.key_headers).ok
    consent = {**manifest_for([deliverable])["consent"], "given_utc": OLD_CONSENT}
    send_submission(server, [deliverable], person=person(expired), consent=consent)
    send_submission(server, [deliverable], person=person(kept))
    assert traces(server, withdrawn) and traces(server, discarded) and traces(server, expired)

    body = {"reference": done["reference"], "withdrawal_token": done["withdrawal_token"]}
    assert requests.post(f"{api(server)}/withdraw", json=body).status_code == 200
    assert traces(server, withdrawn) == [], "withdrawal"
    sid = open_manifest["submission_id"]
    assert requests.delete(f"{api(server)}/submissions/{sid}", headers=server.key_headers).status_code == 200
    assert traces(server, discarded) == [], "discard"
    purged = subprocess.run(
        [sys.executable, "-m", "server.cli", "purge", "--data", str(server.data_dir)],
        capture_output=True, text=True, timeout=60, cwd=REPO_ROOT, check=False,
    )  # fmt: skip
    assert purged.returncode == 0, purged.stderr
    assert traces(server, expired) == [], "purge"

    server.stop()
    files = database_files(server)
    assert "voicebooth.db" in files
    for name in (withdrawn, discarded, expired):
        assert traces(server, name) == [], name
    assert traces(server, kept) == ["voicebooth.db"]  # the check can see names: the kept one is there
    server.launch()
