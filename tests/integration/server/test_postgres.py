"""The same server on a real PostgreSQL (started by this test run): migrations, the whole sending and
review flow, concurrent completes, withdrawal and purge, sign-in counting and upload quotas under
parallel requests work as on SQLite."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.helpers.engines import GROUP
from tests.helpers.floods import post_json
from tests.helpers.postgres import PostgresCluster
from tests.helpers.server import REPO_ROOT, IntakeServer, manifest_for, send_submission, tus_upload

pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group(GROUP)]


@pytest.fixture(scope="module")
def pg_server(
    tmp_path_factory: pytest.TempPathFactory, postgres_cluster: PostgresCluster
) -> Iterator[IntakeServer]:
    """A server on a database of its own in the session's PostgreSQL cluster."""
    server = IntakeServer.start(
        tmp_path_factory.mktemp("pg-intake"),
        settings={"login_concurrency": 200, "key_open_uploads": 5},
        database_url=postgres_cluster.new_database(),
    )
    try:
        yield server
    finally:
        server.stop()


def test_migrations_match_the_models_on_postgres(pg_server: IntakeServer) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from server.db.models import Base

    engine = create_engine(pg_server.database_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    engine.dispose()
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from server.db.engine import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert version == ScriptDirectory.from_config(config).get_current_head()
    assert not (pg_server.data_dir / "voicebooth.db").exists()  # nothing went to SQLite by mistake


def test_send_review_withdraw_on_postgres(pg_server: IntakeServer, deliverable: Path) -> None:
    manifest, done = send_submission(pg_server, [deliverable, deliverable])
    api = f"{pg_server.url}/api/v1"
    token = pg_server.login()
    headers = {"Authorization": f"Bearer {token}"}
    listed = requests.get(
        f"{api}/review/submissions", params={"q": "sam jones", "prompt_id": "nhs-better"}, headers=headers
    ).json()
    assert manifest["submission_id"] in [item["submission_id"] for item in listed["items"]]
    assert listed["counts"]["received"] >= 1
    sid = manifest["submission_id"]
    decided = requests.post(
        f"{api}/review/submissions/{sid}/decision",
        json={"decision": "approved", "note": "ok"},
        headers=headers,
    )
    assert decided.status_code == 200
    take_id = manifest["takes"][0]["take_id"]
    part = requests.get(f"{api}/review/takes/{take_id}/video", headers={**headers, "Range": "bytes=0-9"})
    assert part.status_code == 206 and part.content == deliverable.read_bytes()[:10]
    assert "approved" in requests.get(f"{api}/review/export.csv", headers=headers).text
    withdrawn = requests.post(
        f"{api}/withdraw", json={"reference": done["reference"], "withdrawal_token": done["withdrawal_token"]}
    )
    assert withdrawn.status_code == 200
    assert requests.get(f"{api}/review/takes/{take_id}/video", headers=headers).status_code == 410


def test_concurrent_completes_give_one_reference_on_postgres(
    pg_server: IntakeServer, deliverable: Path
) -> None:
    manifest = manifest_for([deliverable])
    api = f"{pg_server.url}/api/v1"
    requests.post(f"{api}/submissions", json=manifest, headers=pg_server.key_headers)
    url = tus_upload(pg_server, deliverable.read_bytes())
    take_id = manifest["takes"][0]["take_id"]
    requests.put(
        f"{api}/submissions/{manifest['submission_id']}/takes/{take_id}",
        json={"upload_url": url},
        headers=pg_server.key_headers,
    )
    results: list[dict[str, str]] = []

    def complete() -> None:
        response = requests.post(
            f"{api}/submissions/{manifest['submission_id']}/complete", headers=pg_server.key_headers
        )
        assert response.status_code == 200, response.text
        results.append(response.json())

    threads = [threading.Thread(target=complete) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(result == results[0] for result in results)


def test_purge_runs_against_postgres(pg_server: IntakeServer) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "server.cli",
            "purge",
            "--data",
            str(pg_server.data_dir),
            "--database-url",
            pg_server.database_url,
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Expired uploads removed" in result.stdout


def test_one_process_of_all_replicas_is_elected_to_run_the_purge(pg_server: IntakeServer) -> None:
    from server.db.engine import Database
    from server.housekeeping import JOB, elected
    from server.locks.postgres import PostgresLocks

    databases = [Database(pg_server.database_url) for _ in range(2)]  # two replicas' engines
    first, second = (PostgresLocks(pg_server.database_url, db.engine) for db in databases)
    try:
        with first.elect(JOB) as chosen:
            assert chosen
            assert elected(second, lambda: "purged") is None  # the other replica skips this round
        assert elected(second, lambda: "purged") == "purged"  # the next round is anyone's
    finally:
        for db in databases:
            db.dispose()


def test_parallel_sign_ins_and_creations_are_counted_one_by_one_on_postgres(pg_server: IntakeServer) -> None:
    body = {"username": "reviewer", "password": "not the password"}
    with ThreadPoolExecutor(40) as pool:
        sign_ins = list(
            pool.map(
                lambda _: post_json(pg_server.port, "/api/v1/auth/login", body, source="127.0.0.50"),
                range(40),
            )
        )
    assert Counter(answer.status for answer in sign_ins) == {401: 10, 429: 30}
    creation = {**pg_server.tus_headers, "Upload-Length": "10"}
    with ThreadPoolExecutor(12) as pool:
        created = list(pool.map(lambda _: requests.post(pg_server.files_url, headers=creation), range(12)))
    assert Counter(answer.status_code for answer in created) == {201: 5, 429: 7}  # earlier ones are attached
