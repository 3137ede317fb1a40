"""Steps of a submission's life against a real server, and looks at its database and files (or objects).

Used by the crash tests (tests/integration/server/test_crash_deletions.py) and bench/stress_kills.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import requests

from tests.helpers.server import IntakeServer, manifest_for, tus_upload


def rows(server: IntakeServer, query: str, *args: object) -> list[tuple[Any, ...]]:
    """Rows of a query (``?`` placeholders) on the server's database, SQLite (read-only) or PostgreSQL;
    works while it runs or after a kill."""
    if server.database_url:
        import psycopg

        from server.locks.postgres import libpq_url

        with psycopg.connect(libpq_url(server.database_url)) as connection:
            return connection.execute(query.replace("?", "%s"), args).fetchall()
    with sqlite3.connect(f"file:{server.data_dir / 'voicebooth.db'}?mode=ro", uri=True) as db:
        return db.execute(query, args).fetchall()


def media_files(server: IntakeServer) -> list[str]:
    """Names of the server's media files (the media folder's, or the objects under ``media/``)."""
    if server.store is not None:
        keys = server.store.objects(server.bucket)
        return sorted(key.rsplit("/", 1)[-1] for key in keys if "/media/" in key)
    return sorted(path.name for path in (server.data_dir / "media").iterdir())


def open_with_take(
    server: IntakeServer, deliverable: Path, *, attach: bool = True
) -> tuple[dict[str, Any], str]:
    """An open submission with one take uploaded (and attached); returns its manifest and upload URL."""
    manifest = manifest_for([deliverable])
    take = manifest["takes"][0]
    created = requests.post(f"{server.url}/api/v1/submissions", json=manifest, headers=server.key_headers)
    assert created.status_code == 201, created.text
    url = tus_upload(server, deliverable.read_bytes(), {
        "sha256": take["sha256"], "submission_id": manifest["submission_id"], "take_id": take["take_id"],
    })  # fmt: skip
    if attach:
        assert attach_take(server, manifest, url).status_code == 200
    return manifest, url


def attach_take(server: IntakeServer, manifest: dict[str, Any], url: str) -> requests.Response:
    """PUT of the manifest's first take with the upload URL."""
    sid, take_id = manifest["submission_id"], manifest["takes"][0]["take_id"]
    return requests.put(
        f"{server.url}/api/v1/submissions/{sid}/takes/{take_id}",
        json={"upload_url": url},
        headers=server.key_headers,
    )


def complete(server: IntakeServer, manifest: dict[str, Any]) -> requests.Response:
    """POST …/complete."""
    return requests.post(
        f"{server.url}/api/v1/submissions/{manifest['submission_id']}/complete",
        headers=server.key_headers,
        timeout=60,
    )


def withdraw_request(server: IntakeServer, done: dict[str, Any]) -> requests.Response:
    """POST /withdraw with the reference and token ``complete`` answered."""
    body = {"reference": done["reference"], "withdrawal_token": done["withdrawal_token"]}
    return requests.post(f"{server.url}/api/v1/withdraw", json=body, timeout=30)


def take_media_id(server: IntakeServer, manifest: dict[str, Any]) -> str | None:
    """The media id the database records for the manifest's first take."""
    found = rows(server, "SELECT media_id FROM takes WHERE take_id = ?", manifest["takes"][0]["take_id"])
    return found[0][0] if found else None
