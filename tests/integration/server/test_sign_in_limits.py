"""Sign-in under attack: parallel guesses never get more password checks than the rules allow, a success
never lifts a lock set meanwhile, unknown names are answered like known ones, a stranger cannot lock a
reviewer out by name, and a flood of 200 sign-ins at once leaves health checks and uploads answering."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.helpers.floods import Answer, post_json
from tests.helpers.server import REPO_ROOT, REVIEWER_NAME, REVIEWER_PASSWORD, IntakeServer, start_server

LOGIN = "/api/v1/auth/login"


@pytest.fixture(scope="module")
def roomy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IntakeServer]:
    """A server whose in-flight cap is above the parallelism, so the counting itself is what is tested."""
    yield from start_server(tmp_path_factory.mktemp("roomy"), settings={"login_concurrency": 200})


def parallel(server: IntakeServer, source: str, username: str, passwords: list[str]) -> list[Answer]:
    """All the sign-ins at once (one thread and connection each) from the address ``source``."""

    def one(password: str) -> Answer:
        return post_json(server.port, LOGIN, {"username": username, "password": password}, source=source)

    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(one, passwords))


def sign_in(server: IntakeServer, source: str, password: str = REVIEWER_PASSWORD) -> Answer:
    return post_json(server.port, LOGIN, {"username": REVIEWER_NAME, "password": password}, source=source)


def test_thirty_parallel_guesses_check_at_most_ten_and_the_lock_outlives_a_success(
    roomy: IntakeServer,
) -> None:
    passwords = [f"wrong password {i}" for i in range(29)] + [REVIEWER_PASSWORD]
    answers = parallel(roomy, "127.0.0.10", REVIEWER_NAME, passwords)
    checked = [a.status for a in answers if a.status in (200, 401)]
    refused = [a for a in answers if a.status == 429]
    assert len(checked) == 10 and len(refused) == 20, Counter(a.status for a in answers)
    assert all(a.body["error"]["code"] == "sign_in_locked" for a in refused)
    assert all(0 < int(a.headers["retry-after"]) <= 900 for a in refused)
    # Whether or not the right password was among the ten checked, the lock its neighbours set stays.
    assert sign_in(roomy, "127.0.0.10").status == 429
    # The reviewer signs in from anywhere else: a stranger cannot lock them out by knowing their name.
    elsewhere = sign_in(roomy, "127.0.0.11")
    assert elsewhere.status == 200 and elsewhere.body["token"]


def test_a_hundred_parallel_guesses_get_the_same_answers_for_known_and_unknown_names(
    roomy: IntakeServer,
) -> None:
    wrong = [f"wrong password {i}" for i in range(100)]
    known = parallel(roomy, "127.0.0.20", REVIEWER_NAME, wrong)
    unknown = parallel(roomy, "127.0.0.21", "nobody-by-this-name", wrong)
    for answers in (known, unknown):
        assert Counter(a.status for a in answers) == {401: 10, 429: 90}

    def shapes(answers: list[Answer]) -> set[tuple[int, str, str]]:
        return {(a.status, a.body["error"]["code"], a.body["error"]["message"]) for a in answers}

    assert shapes(known) == shapes(unknown)
    assert sign_in(roomy, "127.0.0.22").status == 200


def test_wrong_guesses_spread_over_names_are_limited_per_address(roomy: IntakeServer) -> None:
    answers = [
        post_json(
            roomy.port, LOGIN, {"username": f"name-{i}", "password": "wrong password"}, source="127.0.0.30"
        )
        for i in range(55)
    ]
    assert [a.status for a in answers] == [401] * 50 + [429] * 5
    assert sign_in(roomy, "127.0.0.30").status == 429  # the whole address waits, the right password too
    assert sign_in(roomy, "127.0.0.31").status == 200


def test_a_flood_of_200_wrong_sign_ins_leaves_health_and_uploads_answering(tmp_path: Path) -> None:
    server = IntakeServer.start(tmp_path)  # the defaults IT runs: 8 sign-ins at once, 2 hashing threads
    try:
        creation = {**server.tus_headers, "Upload-Length": "1000"}
        flood = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.floods", "login", str(server.port), "--clients", "200",
             "--seconds", "6"],
            cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(1.5)  # the flood is under way
        health_s: list[float] = []
        create_s: list[float] = []
        while flood.poll() is None:
            started = time.perf_counter()
            assert requests.get(f"{server.url}/api/v1/health", timeout=10).status_code == 200
            health_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            created = requests.post(server.files_url, headers=creation, timeout=10)
            create_s.append(time.perf_counter() - started)
            assert created.status_code == 201, created.text
            requests.delete(created.headers["Location"], headers=server.tus_headers, timeout=10)  # quota
        outcome = json.loads(flood.communicate(timeout=60)[0].splitlines()[-1])
        assert outcome.get("429", 0) > 0 and outcome.get("401", 0) > 0, outcome
        assert len(health_s) >= 5
        health_ms = [round(s * 1000) for s in health_s]
        create_ms = [round(s * 1000) for s in create_s]
        print(f"\nunder a flood of 200 sign-ins ({outcome}):")
        print(f"health p50 {statistics.median(health_ms)} ms, max {max(health_ms)} ms, n={len(health_ms)}")
        print(f"tus creation p50 {statistics.median(create_ms)} ms, max {max(create_ms)} ms")
        assert sign_in(server, "127.0.0.40").status == 200  # and sign-in itself still works afterwards
    finally:
        server.stop()
