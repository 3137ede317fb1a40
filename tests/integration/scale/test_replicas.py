"""Two replicas behind HAProxy (round robin, no stickiness) sharing only PostgreSQL and SeaweedFS: one
upload's PATCHes on both replicas, a replica SIGKILLed mid-PATCH, PATCHes to one upload through both at once,
100 submissions from 10 clients, review, withdrawal and purge through either replica, and attempts counted per
real client address through the proxy."""

from __future__ import annotations

import hashlib
import http.client
import itertools
import json
import os
import select
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from tests.helpers.replicas import Replicas
from tests.helpers.server import REPO_ROOT, IntakeServer, send_submission
from tests.helpers.stored import upload_gone, upload_holds, upload_id
from tests.integration.scale.conftest import SHORT_CLIP_S
from tests.integration.server.test_tus_core import patch
from tests.integration.server.test_tus_failures import create, raw_patch, read_status

MIB = 1024 * 1024


def on(replica: IntakeServer, url: str) -> str:
    """The same upload URL, addressed to one replica directly."""
    return f"{replica.url}/files/{upload_id(url)}"


def committed_offset(server: IntakeServer, url: str) -> int:
    """The offset in the shared database (what any replica would answer once the upload is idle)."""
    engine = create_engine(server.database_url)
    try:
        with engine.connect() as connection:
            query = text("SELECT offset_bytes FROM uploads WHERE id = :id")
            return int(connection.execute(query, {"id": upload_id(url)}).scalar_one())
    finally:
        engine.dispose()


def object_sha256(server: IntakeServer, key: str) -> str:
    assert server.store is not None
    body = server.store.client().get_object(Bucket=server.bucket, Key=key)["Body"]
    digest = hashlib.sha256()
    for block in body.iter_chunks(MIB):
        digest.update(block)
    return digest.hexdigest()


def test_ready_and_health_on_every_replica(replicas: Replicas) -> None:
    for replica in replicas.replicas:
        ready = requests.get(f"{replica.url}/api/v1/ready", timeout=10)
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready", "database": "ok", "storage": "ok"}


def test_a_60_mib_upload_alternating_between_replicas_is_whole(replicas: Replicas) -> None:
    front = replicas.front
    data = os.urandom(60 * MIB)
    url = create(front, len(data))
    served: list[str] = []
    offset = 0
    chunk = 8 * MIB  # the app's default chunk: one multipart part per PATCH
    while offset < len(data):
        response = patch(front, url, offset, data[offset : offset + chunk])
        assert response.status_code == 204, response.text
        served.append(response.headers["X-Served-By"])
        offset = int(response.headers["Upload-Offset"])
    assert offset == len(data)
    assert set(served) == {"a", "b"} and all(x != y for x, y in itertools.pairwise(served)), served
    head = requests.head(url, headers=front.tus_headers, timeout=10)
    assert head.headers["Upload-Offset"] == str(len(data))
    assert object_sha256(front, f"intake/uploads/{upload_id(url)}") == hashlib.sha256(data).hexdigest()


def test_a_replica_killed_mid_patch_loses_nothing_acknowledged(replicas: Replicas) -> None:
    front, victim, survivor = replicas.front, replicas.by_name("a"), replicas.by_name("b")
    data = os.urandom(40 * MIB)
    url = create(front, len(data))
    sock = raw_patch(victim, on(victim, url), 0, len(data))
    sock.sendall(data[: 20 * MIB])  # two 8 MiB parts land and are committed; 4 MiB wait in memory
    deadline = time.monotonic() + 30
    while committed_offset(front, url) < 16 * MIB:
        assert time.monotonic() < deadline, "the replica never committed its parts"
        time.sleep(0.05)
    acknowledged = committed_offset(front, url)
    assert victim.process is not None
    killed_at = time.monotonic()
    victim.kill()  # SIGKILL mid-PATCH
    sock.close()
    # The client resumes through the load balancer: the survivor answers, the dead replica's lock is gone.
    head = requests.head(url, headers=front.tus_headers, timeout=60)
    resumed_after_s = time.monotonic() - killed_at
    assert head.status_code == 200 and head.headers["X-Served-By"] == "b"
    offset = int(head.headers["Upload-Offset"])
    assert offset == acknowledged  # nothing committed was lost, nothing uncommitted was counted
    response = patch(front, url, offset, data[offset:])
    assert response.status_code == 204 and response.headers["Upload-Offset"] == str(len(data))
    assert object_sha256(survivor, f"intake/uploads/{upload_id(url)}") == hashlib.sha256(data).hexdigest()
    kept_mib = acknowledged / MIB
    print(f"\nreplica killed mid-PATCH: {kept_mib:.0f} MiB kept, resumed in {resumed_after_s:.2f} s")
    victim.launch()  # back for the next tests
    deadline = time.monotonic() + 10
    while requests.get(f"{front.url}/api/v1/ready", timeout=5).headers.get("X-Served-By") != "a":
        assert time.monotonic() < deadline, "HAProxy never took the restarted replica back"


def test_concurrent_patches_through_both_replicas_are_serialised(replicas: Replicas) -> None:
    a, b = replicas.by_name("a"), replicas.by_name("b")
    data = os.urandom(400_000)
    url = create(replicas.front, len(data))
    first = raw_patch(a, on(a, url), 0, 200_000)
    first.sendall(data[:100_000])
    time.sleep(0.3)
    rival = raw_patch(b, on(b, url), 0, 100_000)  # the same range, through the other replica
    rival.sendall(b"\x00" * 100_000)
    follower = raw_patch(b, on(b, url), 200_000, 200_000)  # where the first will end
    follower.sendall(data[200_000:])
    readable, _, _ = select.select([rival, follower], [], [], 0.5)
    assert readable == []  # both wait for the lock replica a holds
    first.sendall(data[100_000:200_000])
    assert read_status(first) == 204
    statuses = sorted([read_status(rival), read_status(follower)])
    assert statuses == [204, 409]
    for sock in (first, rival, follower):
        sock.close()
    assert upload_holds(replicas.front, url, data)  # never interleaved


def test_100_submissions_from_10_clients_are_received_exactly_once(
    replicas: Replicas, short_clip: Path
) -> None:
    front = replicas.front
    references: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def client() -> None:
        try:
            for _ in range(10):
                manifest, done = send_submission(front, [short_clip], duration_s=SHORT_CLIP_S)
                again = requests.post(  # a client retrying complete: most likely on the other replica
                    f"{front.url}/api/v1/submissions/{manifest['submission_id']}/complete",
                    headers=front.key_headers,
                    timeout=120,
                )
                assert again.status_code == 200 and again.json()["reference"] == done["reference"]
                with lock:
                    references.append(done["reference"])
        except BaseException as error:
            failures.append(error)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures[0]
    assert len(references) == 100 and len(set(references)) == 100
    engine = create_engine(front.database_url)
    with engine.connect() as connection:
        received = connection.execute(
            text("SELECT submission_id FROM audit_events WHERE action = 'received'")
        ).scalars()
        counts = Counter(received)
        statuses = connection.execute(text("SELECT status, count(*) FROM submissions GROUP BY status")).all()
    engine.dispose()
    assert len(counts) >= 100 and set(counts.values()) == {1}  # each received exactly once
    assert dict(statuses).get("received", 0) >= 100
    print(f"\n100 submissions from 10 clients through HAProxy: {time.monotonic() - started:.1f} s")


def test_review_withdrawal_and_purge_through_either_replica(replicas: Replicas, deliverable: Path) -> None:
    a, b, front = replicas.by_name("a"), replicas.by_name("b"), replicas.front
    manifest, done = send_submission(b, [deliverable])
    token = a.login()  # signed in on one replica...
    headers = {"Authorization": f"Bearer {token}"}
    sid, take_id = manifest["submission_id"], manifest["takes"][0]["take_id"]
    listed = requests.get(
        f"{b.url}/api/v1/review/submissions", params={"q": done["reference"]}, headers=headers
    )
    assert [item["submission_id"] for item in listed.json()["items"]] == [sid]  # ...known on the other
    expected = deliverable.read_bytes()
    video_b = f"{b.url}/api/v1/review/takes/{take_id}/video"
    part = requests.get(
        f"{a.url}/api/v1/review/takes/{take_id}/video", headers={**headers, "Range": "bytes=100-199"}
    )
    assert part.status_code == 206 and part.content == expected[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(expected)}"
    whole = requests.get(video_b, headers=headers)
    assert whole.status_code == 200 and whole.content == expected
    beyond = requests.get(
        f"{b.url}/api/v1/review/takes/{take_id}/video", headers={**headers, "Range": "bytes=99999999-"}
    )
    assert beyond.status_code == 416 and beyond.headers["Content-Range"] == f"bytes */{len(expected)}"
    poster = requests.get(f"{a.url}/api/v1/review/takes/{take_id}/poster", headers=headers)
    assert poster.status_code == 200 and poster.content.startswith(b"\xff\xd8")
    decided = requests.post(
        f"{b.url}/api/v1/review/submissions/{sid}/decision",
        json={"decision": "approved", "note": "ok"},
        headers=headers,
    )
    assert decided.status_code == 200
    assert front.store is not None
    media_before = [k for k in front.store.objects(front.bucket) if "/media/" in k]
    withdrawn = requests.post(
        f"{a.url}/api/v1/withdraw",
        json={
            "reference": done["reference"],
            "withdrawal_token": done["withdrawal_token"],
        },  # token from b's complete
    )
    assert withdrawn.status_code == 200
    media_after = [k for k in front.store.objects(front.bucket) if "/media/" in k]
    assert len(media_before) - len(media_after) == 2  # the video and its poster objects are deleted
    assert requests.get(video_b, headers=headers).status_code == 410

    # Purge (the CLI, from a third data folder): an expired unfinished upload goes, its multipart upload
    # aborted and its tail deleted.
    url = create(front, 12 * MIB)
    assert patch(front, url, 0, os.urandom(9 * MIB)).status_code == 204  # one part and a 1 MiB tail
    engine = create_engine(front.database_url)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE uploads SET expires_utc = '2000-01-01' WHERE id = :id"), {"id": upload_id(url)}
        )
    engine.dispose()
    env = {**os.environ, **{f"VOICEBOOTH_SERVER_{k.upper()}": str(v) for k, v in front.settings.items()}}
    purged = subprocess.run(
        [sys.executable, "-m", "server.cli", "purge", "--data", str(front.data_dir.parent / "purge"),
         "--database-url", front.database_url],
        capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert purged.returncode == 0, purged.stderr
    assert "Expired uploads removed: 1" in purged.stdout
    assert upload_gone(front, url)
    assert requests.head(url, headers=front.tus_headers, timeout=10).status_code == 410


def test_metrics_count_bytes_and_refusals(replicas: Replicas) -> None:
    front, a = replicas.front, replicas.by_name("a")
    url = create(front, 10)
    assert patch(front, on(a, url), 0, b"12345").status_code == 204
    assert patch(front, on(a, url), 9, b"x").status_code == 409  # offset_mismatch
    text_body = requests.get(f"{replicas.by_name('a').url}/metrics", timeout=10).text
    samples = dict(
        line.rsplit(" ", 1) for line in text_body.splitlines() if line and not line.startswith("#")
    )
    assert float(samples["voicebooth_upload_bytes_received_total"]) > 0
    assert float(samples['voicebooth_refusals_total{code="offset_mismatch"}']) >= 1
    assert "voicebooth_patch_seconds_bucket" in text_body and "voicebooth_uploads_in_progress" in text_body


def test_wrong_withdrawal_codes_are_counted_across_replicas(replicas: Replicas, deliverable: Path) -> None:
    a, b = replicas.by_name("a"), replicas.by_name("b")
    _manifest, done = send_submission(a, [deliverable])
    wrong = {"reference": done["reference"], "withdrawal_token": "AAAAA-AAAAA-AAAAA"}
    answers = [
        requests.post(f"{replica.url}/api/v1/withdraw", json=wrong, timeout=30).status_code
        for replica in (a, b, a, b, a)  # five wrong codes: the reference's allowance, spread over both
    ]
    assert answers == [403] * 5
    for replica in (b, a):  # the sixth is refused on either replica, even with the right code
        refused = requests.post(
            f"{replica.url}/api/v1/withdraw",
            json={"reference": done["reference"], "withdrawal_token": done["withdrawal_token"]},
            timeout=30,
        )
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


def test_sign_ins_are_counted_per_real_client_address_through_the_proxy(replicas: Replicas) -> None:
    """HAProxy adds X-Forwarded-For and the replicas trust it from HAProxy only (forwarded_allow_ips): one
    client's wrong passwords lock that client out, not everyone behind the load balancer."""
    front = replicas.front

    def sign_in_from(address: str) -> int:
        connection = http.client.HTTPConnection(
            "127.0.0.1", front.port, timeout=60, source_address=(address, 0)
        )
        try:
            body = json.dumps({"username": "someone-guessing", "password": "not the password"})
            connection.request("POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
            return connection.getresponse().status
        finally:
            connection.close()

    attempts = 10  # login_attempts: one name from one address per login_lock_s
    answers = [sign_in_from("127.0.0.2") for _ in range(attempts + 1)]
    assert answers == [401] * attempts + [429]  # on both replicas, counted together
    assert sign_in_from("127.0.0.3") == 401  # another client behind the same HAProxy is not locked out
