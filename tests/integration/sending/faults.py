"""Shared bits of the fault tests: outbox reads by another process, waiting, the server's copy of a take.

An outbox for a folder, its manifest and recorded waits come from :mod:`tests.helpers.sending` (re-exported
here under the names these tests use).
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from tests.helpers.sending import Waits, make_outbox
from tests.helpers.sending import folder_manifest as manifest_for
from tests.helpers.server import IntakeServer

outbox = make_outbox
__all__ = ["MIB", "Waits", "manifest_for", "outbox", "read_outbox", "server_video_sha256", "wait_for"]

MIB = 1024 * 1024


def read_outbox(path: Path) -> dict[str, Any]:
    """The outbox database as another process sees it (read-only)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as db:
        db.row_factory = sqlite3.Row
        subs = [dict(r) for r in db.execute("SELECT * FROM submissions")]
        files = [dict(r) for r in db.execute("SELECT * FROM files")]
    return {"submissions": subs, "files": files}


def wait_for(condition: Callable[[], bool], timeout_s: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (sqlite3.Error, IndexError, KeyError):
            pass
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def server_video_sha256(server: IntakeServer, take_id: str) -> str:
    """SHA-256 of the take as the server stores it (through the review API)."""
    token = server.login()
    response = requests.get(
        f"{server.url}/api/v1/review/takes/{take_id}/video",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    response.raise_for_status()
    return hashlib.sha256(response.content).hexdigest()
