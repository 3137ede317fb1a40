"""Seeds a real intake server through its own API with real deliverables, for review tests.

Submissions are sent with :func:`tests.helpers.server.send_submission` (manifest, tus upload, attach,
complete: the server hashes and probes every file). Consent uses the default campaign's real version and
the SHA-256 of its real wording, so the review screen can verify the wording.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
import requests
from keyring.backend import KeyringBackend

from recorder.campaign import load_campaign
from tests.helpers.media import make_deliverable_mp4
from tests.helpers.server import DEFAULT_PACK, IntakeServer, send_submission


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict (the OS store's stand-in on CI)."""

    priority = 1  # type: ignore[assignment,unused-ignore]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call,unused-ignore]
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.secrets:
            raise PasswordDeleteError("not stored")
        del self.secrets[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Registers a fresh in-memory keyring for one test (and puts the previous backend back)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def start_with_settings(root: Path, settings: dict[str, int]) -> IntakeServer:
    """A server whose ``DATA/server.toml`` sets ``settings`` (the server's documented config file).

    Written after a first start (which creates the data folder, key and reviewer), then restarted, so the
    file is what the server reads whether or not environment overrides reach its process.
    """
    server = IntakeServer.start(root, campaigns=[DEFAULT_PACK])
    server.stop()
    lines = [f"{name} = {value}" for name, value in settings.items()]
    (server.data_dir / "server.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    server.launch()
    return server


def expire_sign_ins(server: IntakeServer) -> None:
    """Makes every reviewer sign-in of ``server`` expired, in its own database (SQLite, the default).

    The server then answers 401 ``token_expired`` by its own check (``expires_utc <= now``), exactly as
    when 8 hours have passed, without a test racing a short token lifetime on a loaded machine.
    """
    database = server.data_dir / "voicebooth.db"
    with sqlite3.connect(database, timeout=30) as conn:
        changed = conn.execute(
            "UPDATE reviewer_tokens SET expires_utc = ?", ("2000-01-01 00:00:00.000000",)
        ).rowcount
    assert changed, "no sign-in to expire"


def real_consent(social_media: bool = True, contact_me: bool = False) -> dict[str, Any]:
    """The consent record of the default campaign's current version, as the app would send it."""
    version = load_campaign().consent
    return {
        "version_id": version.id,
        "text_sha256": version.text_sha256("en"),
        "choices": {"record_and_use": True, "social_media": social_media, "contact_me": contact_me},
        "given_utc": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    }


@dataclass(frozen=True)
class Seeded:
    """One submission sent to the server."""

    submission_id: str
    reference: str
    withdrawal_token: str
    take_ids: list[str]
    name: str
    prompt_id: str


def seed(
    server: IntakeServer,
    clip: Path,
    *,
    name: str,
    prompt_id: str = "love-role",
    job_title: str = "Nurse",
    show_job: bool = False,
    duration_s: float = 2.0,
    employer: str = "",
    social_media: bool = True,
    campaign_id: str | None = None,
    contact: dict[str, str] | None = None,
) -> Seeded:
    """Send one single-take submission with ``clip`` (``duration_s`` long) for a person called ``name``
    (``campaign_id``: another campaign than the default one, e.g. one whose wording is not published)."""
    person = {"name": {"value": name, "show": True}, "job_title": {"value": job_title, "show": show_job}}
    if employer:
        person["employer"] = {"value": employer, "show": False}
    extra: dict[str, Any] = {"campaign_id": campaign_id} if campaign_id else {}
    if contact:
        extra["contact"] = contact
    manifest, completed = send_submission(
        server, [clip], prompt_ids=[prompt_id], duration_s=duration_s, person=person,
        consent=real_consent(social_media, contact_me=bool(contact)), **extra,
    )  # fmt: skip
    return Seeded(
        submission_id=manifest["submission_id"],
        reference=completed["reference"],
        withdrawal_token=completed["withdrawal_token"],
        take_ids=[t["take_id"] for t in manifest["takes"]],
        name=name,
        prompt_id=prompt_id,
    )


def withdraw(server: IntakeServer, seeded: Seeded) -> None:
    """Withdraw through the public API, as the person would with their reference and token."""
    response = requests.post(
        f"{server.url}/api/v1/withdraw",
        json={"reference": seeded.reference, "withdrawal_token": seeded.withdrawal_token},
        timeout=30,
    )
    assert response.status_code == 200, response.text


def decide_directly(server: IntakeServer, seeded: Seeded, decision: str, note: str = "") -> None:
    """Record a decision over plain HTTP (for setting a scene, not for testing the client)."""
    token = server.login()
    response = requests.post(
        f"{server.url}/api/v1/review/submissions/{seeded.submission_id}/decision",
        json={"decision": decision, "note": note},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text


def audit_actions(server: IntakeServer, submission_id: str) -> list[dict[str, Any]]:
    """The server's audit trail for a submission, read over plain HTTP."""
    token = server.login()
    response = requests.get(
        f"{server.url}/api/v1/review/submissions/{submission_id}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    response.raise_for_status()
    audit: list[dict[str, Any]] = response.json()["audit"]
    return audit


def deliverable(folder: Path, name: str = "clip.mp4", duration_s: float = 2.0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return make_deliverable_mp4(folder / name, duration_s=duration_s)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
