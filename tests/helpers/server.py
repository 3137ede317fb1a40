"""A real intake server for tests: ``voicebooth-server serve`` in a subprocess on 127.0.0.1 and a free port.

Usage (any test package)::

    from tests.helpers.server import IntakeServer, intake_server  # noqa: F401  (fixture)

    def test_send(intake_server: IntakeServer) -> None:
        requests.post(f"{intake_server.url}/api/v1/submissions", headers=intake_server.key_headers, ...)

``IntakeServer.start(root)`` makes a data folder with one upload key and one reviewer (created in-process,
so no extra subprocesses), then starts the server and waits until it answers. ``restart()`` stops it and
starts it again on the same data folder and port; ``kill()`` sends SIGKILL (a crash); ``stop()`` ends it.
``snapshot()`` lists the database rows and data-folder files (objects and multipart uploads on object
storage), for "bad input changed nothing" checks. Settings overrides (e.g. ``upload_expiry_s=1``) go to the
server through ``VOICEBOOTH_SERVER_*`` variables. ``IntakeServer.start(root, store=seaweed,
database_url=...)`` runs it on S3-compatible storage (a fresh bucket of that store); ``tests/helpers/
stored.py`` reads an upload back from either storage.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import requests

from tests.helpers.processes import stop_process

if TYPE_CHECKING:
    from tests.helpers.seaweedfs import SeaweedS3

REVIEWER_NAME = "reviewer"
REVIEWER_PASSWORD = "correct horse battery staple"
STARTUP_TIMEOUT_S = 30.0
REPO_ROOT = Path(__file__).resolve().parents[2]
#: The default campaign pack, for servers that have its consent wording published (``campaigns=``).
DEFAULT_PACK = REPO_ROOT / "resources" / "campaign" / "default"


def free_port() -> int:
    """A TCP port that was free a moment ago on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _limit_files(count: int) -> Callable[[], None]:
    def limit() -> None:  # in the child, before exec
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))

    return limit


def _prepare_data(
    data_dir: Path, database_url: str, settings_overrides: dict[str, object], campaigns: Sequence[Path] = ()
) -> str:
    """Creates the data folder, an upload key and the reviewer in-process, and publishes the consent wording
    of ``campaigns`` (as ``add-campaign`` does); returns the key."""
    from recorder.campaign import load_campaign
    from server.app import open_context
    from server.services import admin
    from server.services.consent_texts import publish_campaign
    from server.settings import load_settings

    settings = load_settings(
        data_dir, {**settings_overrides, "database_url": database_url or None}, environ={}
    )
    ctx = open_context(settings)
    try:
        key = admin.add_upload_key(ctx, "tests")
        admin.add_reviewer(ctx, REVIEWER_NAME, REVIEWER_PASSWORD)
        for pack in campaigns:
            publish_campaign(ctx, load_campaign(pack))
    finally:
        ctx.db.dispose()
    return key


@dataclass
class IntakeServer:
    """A running intake server and what tests need to talk to it.

    Attributes:
        data_dir: the server's data folder.
        port: its port on 127.0.0.1 (kept across restarts).
        upload_key: an upload key for the sending side.
        settings: ``VOICEBOOTH_SERVER_*`` overrides (lower-case setting names).
        database_url: empty for SQLite in ``data_dir``, else e.g. a PostgreSQL URL.
        log_level: the server's ``--log-level`` (``info`` adds the access log).
        env: more environment for the server process (e.g. ``VOICEBOOTH_TEST_CRASH_AT``), set before launch.
        nofile: the server process's file-handle limit (soft and hard), as systemd's ``LimitNOFILE`` sets it.
        launcher: what runs ``voicebooth-server`` (after the interpreter); benchmarks swap in variants.
        store: the object store when the server uses one (its bucket is ``bucket``).
    """

    data_dir: Path
    port: int
    upload_key: str
    settings: dict[str, object] = field(default_factory=dict)
    database_url: str = ""
    log_level: str = "warning"
    env: dict[str, str] = field(default_factory=dict)
    nofile: int | None = None
    launcher: tuple[str, ...] = ("-m", "server.cli")
    store: SeaweedS3 | None = None
    bucket: str = ""
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    starts: int = 0

    @classmethod
    def start(
        cls,
        root: Path,
        *,
        settings: dict[str, object] | None = None,
        database_url: str = "",
        campaigns: Sequence[Path] = (),
        store: SeaweedS3 | None = None,
        startup_timeout_s: float = STARTUP_TIMEOUT_S,
        **options: Any,
    ) -> IntakeServer:
        """Creates ``root/data`` with a key and reviewer (and the consent wording of ``campaigns``
        published), starts the server, waits for it to answer.

        ``options`` set the other fields (``log_level``, ``env``, ``nofile``, ``launcher``); ``store`` runs it
        on a fresh bucket of that object store.
        """
        data_dir = root / "data"
        overrides = dict(settings or {})
        bucket = ""
        if store is not None:
            bucket = store.bucket()
            overrides.update(store.server_settings(bucket))
        key = _prepare_data(data_dir, database_url, overrides, campaigns)
        server = cls(
            data_dir, free_port(), key, overrides, database_url, store=store, bucket=bucket, **options
        )
        server.launch(startup_timeout_s)
        return server

    @property
    def kind(self) -> str:
        """``folder`` or ``s3``: where this server keeps media."""
        return "s3" if self.store is not None else "folder"

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def files_url(self) -> str:
        """The tus creation URL."""
        return f"{self.url}/files/"

    @property
    def key_headers(self) -> dict[str, str]:
        """``Authorization`` for the upload key."""
        return {"Authorization": f"Bearer {self.upload_key}"}

    @property
    def tus_headers(self) -> dict[str, str]:
        """``Authorization`` plus ``Tus-Resumable: 1.0.0``."""
        return {**self.key_headers, "Tus-Resumable": "1.0.0"}

    @property
    def log_path(self) -> Path:
        """The server's combined stdout/stderr."""
        return self.data_dir.parent / "server.log"

    @property
    def reviewer(self) -> tuple[str, str]:
        """The reviewer's name and password."""
        return REVIEWER_NAME, REVIEWER_PASSWORD

    def launch(self, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        """Starts the server process on ``port`` and waits until it answers."""
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **self.env}
        for name, value in self.settings.items():
            env[f"VOICEBOOTH_SERVER_{name.upper()}"] = str(value)
        command = [sys.executable, *self.launcher, "serve", "--data", str(self.data_dir),
                   "--host", "127.0.0.1", "--port", str(self.port),
                   "--log-level", self.log_level]  # fmt: skip
        if self.database_url:
            command += ["--database-url", self.database_url]
        with self.log_path.open("ab") as log_file:
            self.process = subprocess.Popen(
                command,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                cwd=REPO_ROOT,
                env=env,
                preexec_fn=None if self.nofile is None else _limit_files(self.nofile),
            )
        self.starts += 1
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The intake server exited at start-up:\n{self.log_tail()}")
            try:
                requests.get(f"{self.url}/api/v1/health", timeout=1.0)
                return
            except requests.RequestException:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"The intake server did not answer within {timeout_s} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"

    def stop(self) -> None:
        """Stops the server (SIGTERM, then SIGKILL after 10 s); safe to call twice."""
        stop_process(self.process)
        self.process = None

    def kill(self) -> None:
        """Kills the server with SIGKILL, as a crash or power cut would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def restart(self) -> None:
        """Stops (if running) and starts again on the same data folder and port."""
        self.stop()
        self.launch()

    def context(self) -> Any:
        """The server's context opened in this process (for admin steps); dispose of ``.db`` afterwards."""
        from server.app import open_context
        from server.settings import load_settings

        overrides = {**self.settings, "database_url": self.database_url or None}
        return open_context(load_settings(self.data_dir, overrides, environ={}))

    def login(self) -> str:
        """Signs the reviewer in; returns the bearer token."""
        response = requests.post(
            f"{self.url}/api/v1/auth/login",
            json={"username": REVIEWER_NAME, "password": REVIEWER_PASSWORD},
            timeout=30,
        )
        response.raise_for_status()
        token: str = response.json()["token"]
        return token

    def snapshot(self) -> dict[str, Any]:
        """Every database row (not the attempt counters), every file under the data folder with its size and
        hash, and on object storage every object (size, ETag) and unfinished multipart upload of the server's
        bucket."""
        files: dict[str, tuple[int, str]] = {}
        for path in sorted(self.data_dir.rglob("*")):
            if path.is_file() and not path.name.startswith("voicebooth.db"):
                files[str(path.relative_to(self.data_dir))] = (
                    path.stat().st_size,
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                )
        rows: dict[str, list[tuple[Any, ...]]] = {}
        if not self.database_url:
            with sqlite3.connect(f"file:{self.data_dir / 'voicebooth.db'}?mode=ro", uri=True) as conn:
                tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
                # Attempt counters (server.ratelimit) count every sign-in, wrong ones too: not data.
                for table in sorted(set(tables) - {"rate_counters"}):
                    rows[table] = sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
        else:
            rows = self.database_rows()
        snapshot: dict[str, Any] = {"files": files, "rows": rows}
        if self.store is not None:
            snapshot["objects"] = self.store.objects(self.bucket)
            snapshot["multipart"] = self.store.multipart_uploads(self.bucket)
        return snapshot

    def database_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table of a server database given by URL (PostgreSQL)."""
        from sqlalchemy import MetaData, create_engine, select

        engine = create_engine(self.database_url)
        try:
            metadata = MetaData()
            metadata.reflect(engine)
            with engine.connect() as connection:
                return {
                    name: sorted((tuple(r) for r in connection.execute(select(table))), key=repr)
                    for name, table in sorted(metadata.tables.items())
                    if name != "rate_counters"
                }
        finally:
            engine.dispose()


def start_server(root: Path, **kwargs: Any) -> Iterator[IntakeServer]:
    """Generator for fixtures: yields a started server and stops it afterwards."""
    server = IntakeServer.start(root, **kwargs)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def intake_server(tmp_path: Path) -> Iterator[IntakeServer]:
    """A fresh intake server for one test."""
    yield from start_server(tmp_path / "intake")


@pytest.fixture(scope="module")
def module_intake_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IntakeServer]:
    """One intake server shared by the tests of a module (faster; tests must not depend on each other)."""
    yield from start_server(tmp_path_factory.mktemp("intake"))


@pytest.fixture
def published_intake_server(tmp_path: Path) -> Iterator[IntakeServer]:
    """A fresh intake server with the default campaign's consent wording published, as a deployment has it
    (review tests import it as ``intake_server``: their exports need verified wording)."""
    yield from start_server(tmp_path / "intake", campaigns=[DEFAULT_PACK])


@pytest.fixture(scope="module")
def module_published_intake_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IntakeServer]:
    """:func:`published_intake_server` shared by the tests of a module."""
    yield from start_server(tmp_path_factory.mktemp("intake"), campaigns=[DEFAULT_PACK])


def manifest_for(
    files: list[Path], *, prompt_ids: list[str] | None = None, duration_s: float = 2.0, **overrides: Any
) -> dict[str, Any]:
    """A valid schema-1 manifest for deliverable files (one take each), with real sizes and SHA-256."""
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    takes = []
    for index, path in enumerate(files):
        data = path.read_bytes()
        takes.append({
            "take_id": f"t{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}",
            "prompt_id": (prompt_ids or ["love-role", "nhs-better"] * len(files))[index],
            "prompt_text": "What do you love about your role?",
            "duration_s": duration_s,
            "size_bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "check": {"duration_s": duration_s, "problems": []},
        })  # fmt: skip
    manifest: dict[str, Any] = {
        "schema": 1,
        "submission_id": str(uuid.uuid4()),
        "campaign_id": "staff-voices-default",
        "app_version": "0.1.0",
        "locale": "en",
        "created_utc": now,
        "person": {
            "name": {"value": "Sam Jones", "show": True},
            "job_title": {"value": "Nurse", "show": False},
        },
        "consent": {
            "version_id": "consent-v1",
            "text_sha256": "a" * 64,
            "choices": {"social_media": True},
            "given_utc": now,
        },
        "takes": takes,
    }
    manifest.update(overrides)
    return manifest


def json_bytes(obj: object) -> bytes:
    """Compact JSON bytes."""
    return json.dumps(obj).encode("utf-8")


def b64(text: str) -> str:
    """Base64 of UTF-8 text, for Upload-Metadata values."""
    import base64

    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def tus_upload(server: IntakeServer, data: bytes, metadata: dict[str, str] | None = None) -> str:
    """Creates a tus upload and sends ``data`` in one PATCH; returns the upload URL."""
    header = ",".join(f"{key} {b64(value)}" for key, value in (metadata or {}).items())
    headers = {**server.tus_headers, "Upload-Length": str(len(data))}
    if header:
        headers["Upload-Metadata"] = header
    created = requests.post(server.files_url, headers=headers, timeout=30)
    assert created.status_code == 201, created.text
    url: str = created.headers["Location"]
    patched = requests.patch(
        url,
        data=data,
        headers={
            **server.tus_headers,
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
        timeout=60,
    )
    assert patched.status_code == 204, patched.text
    return url


def upload_submission(server: IntakeServer, files: list[Path], **overrides: Any) -> dict[str, Any]:
    """Creates a submission, uploads and attaches its takes (not completed); returns its manifest."""
    manifest = manifest_for(files, **overrides)
    api = f"{server.url}/api/v1"
    created = requests.post(f"{api}/submissions", json=manifest, headers=server.key_headers, timeout=30)
    assert created.status_code == 201, created.text
    for take, path in zip(manifest["takes"], files, strict=True):
        url = tus_upload(server, path.read_bytes(), {
            "filename": path.name, "filetype": "video/mp4", "sha256": take["sha256"],
            "submission_id": manifest["submission_id"], "take_id": take["take_id"],
        })  # fmt: skip
        attached = requests.put(
            f"{api}/submissions/{manifest['submission_id']}/takes/{take['take_id']}",
            json={"upload_url": url},
            headers=server.key_headers,
            timeout=30,
        )
        assert attached.status_code == 200, attached.text
    return manifest


def complete(server: IntakeServer, submission_id: str) -> requests.Response:
    """``POST …/complete`` with the upload key."""
    return requests.post(
        f"{server.url}/api/v1/submissions/{submission_id}/complete", headers=server.key_headers, timeout=120
    )


def send_submission(
    server: IntakeServer, files: list[Path], **overrides: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Creates, uploads, attaches and completes a submission; returns (manifest, complete response JSON)."""
    manifest = upload_submission(server, files, **overrides)
    completed = complete(server, manifest["submission_id"])
    assert completed.status_code == 200, completed.text
    result: dict[str, Any] = completed.json()
    return manifest, result


def server_status(server: IntakeServer, submission_id: str) -> str | None:
    """The submission's status in the server's own database (None: the server holds no such row)."""
    import sqlite3

    with sqlite3.connect(f"file:{server.data_dir / 'voicebooth.db'}?mode=ro", uri=True) as db:
        row = db.execute("SELECT status FROM submissions WHERE id = ?", (submission_id,)).fetchone()
    return None if row is None else str(row[0])
