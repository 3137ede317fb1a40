"""Shared bits of the fault tests: an outbox for a folder, manifest building, recorded waits, outbox reads."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from recorder.campaign import load_campaign
from recorder.net import NetworkSettings
from recorder.outbox import Outbox
from recorder.submission import TakeEntry, build_manifest, finished_takes
from recorder.upload import RetryPolicy
from tests.helpers.sending import details
from tests.helpers.server import IntakeServer

MIB = 1024 * 1024


def manifest_for(folder: Path) -> dict[str, Any]:
    info = details()
    campaign = load_campaign()
    entries = [
        TakeEntry(t, prompt_text=campaign.prompt("love-role").text.get("en")) for t in finished_takes(folder)
    ]
    return build_manifest(
        campaign_id=campaign.id, locale="en", person=info["person"], consent=info["consent"], takes=entries
    )


class Waits:
    """Records each backoff wait; with ``real`` it also sleeps it (for a server that needs time to return)."""

    def __init__(self, real: bool = False) -> None:
        self.delays: list[float] = []
        self.real = real

    def __call__(self, delay_s: float) -> bool:
        self.delays.append(delay_s)
        if self.real:
            time.sleep(delay_s)
        return False


def outbox(tmp_path: Path, server_url: str, key: str, waits: Waits | None = None, **net: Any) -> Outbox:
    net.setdefault("connect_timeout_s", 5)
    net.setdefault("read_timeout_s", 30)
    settings = NetworkSettings(server_url=server_url, upload_key=key, **net)
    return Outbox(
        tmp_path / "outbox.sqlite3", network=settings, retry=RetryPolicy(base_delay_s=0.2), wait=waits
    )


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
