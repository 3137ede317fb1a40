"""Operating a replica: readiness says which engine is missing, ``--workers 2`` serves one upload from two
processes with metrics summed over both and the settings' HTTP limits in each, JSON log lines are redacted
like text ones and carry the access log's fields, and the object store's
own parts commit as they land (a checksummed body spanning parts is still all or nothing)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from server.access_log import ACCESS_LOGGER
from tests.helpers.postgres import PostgresCluster
from tests.helpers.seaweedfs import SECRET_KEY, SeaweedS3
from tests.helpers.server import IntakeServer, free_port
from tests.helpers.stored import upload_holds
from tests.integration.server.test_connection_limits import raw
from tests.integration.server.test_tus_core import patch
from tests.integration.server.test_tus_failures import create

MIB = 1024 * 1024


def test_ready_is_503_naming_an_unreachable_object_store(
    tmp_path: Path, postgres_cluster: PostgresCluster, seaweed: SeaweedS3
) -> None:
    server = IntakeServer.start(tmp_path, database_url=postgres_cluster.new_database(), store=seaweed)
    server.stop()
    server.settings["s3_endpoint_url"] = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    server.launch()
    try:
        assert requests.get(f"{server.url}/api/v1/health", timeout=10).status_code == 200
        ready = requests.get(f"{server.url}/api/v1/ready", timeout=30)
        assert ready.status_code == 503
        assert ready.json()["error"] | {"message": ""} == {
            "code": "not_ready", "message": "", "database": "ok", "storage": "unreachable",
        }  # fmt: skip
        refused = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": "10"})
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "storage_unavailable"
    finally:
        server.stop()
    assert SECRET_KEY not in server.log_path.read_text(errors="replace")


def test_two_workers_share_uploads_and_sum_their_metrics(
    tmp_path: Path, postgres_cluster: PostgresCluster, seaweed: SeaweedS3
) -> None:
    settings = {"workers": 2, "log_format": "json", "max_header_bytes": 4096}
    server = IntakeServer.start(
        tmp_path,
        settings=settings,
        database_url=postgres_cluster.new_database(),
        store=seaweed,
        log_level="info",
        startup_timeout_s=120,  # two worker processes import the app in parallel: slow on a busy machine
    )
    try:
        data = os.urandom(3 * MIB)
        url = create(server, len(data))
        offset = 0
        while offset < len(data):  # new connections: the kernel spreads them over both workers
            response = patch(server, url, offset, data[offset : offset + 256 * 1024])
            assert response.status_code == 204, response.text
            offset = int(response.headers["Upload-Offset"])
        assert upload_holds(server, url, data)
        big_head = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 8192 + b"\r\n\r\n"
        for _ in range(4):  # new connections, spread over both workers: each has the settings' limits
            answer = raw(server.port, big_head)
            assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
        pids = {line["process"] for line in _json_lines(server)}
        metrics = requests.get(f"{server.url}/metrics", timeout=10).text
        counted = [
            float(line.rsplit(" ", 1)[1])
            for line in metrics.splitlines()
            if line.startswith("voicebooth_upload_bytes_received_total")
        ]
        assert counted and sum(counted) == len(data)
    finally:
        server.stop()
    assert len(pids) >= 2  # both workers logged (their start-up at least)
    lines = _json_lines(server)
    access = [line for line in lines if line.get("logger") == ACCESS_LOGGER]
    assert access and {"method", "path", "status", "duration_ms"} <= set(access[-1])
    paths = {str(line["path"]) for line in access}
    assert {"/files/", "/metrics", f"/files/{url.rsplit('/', 1)[-1]}"} <= paths  # route templates, ids only
    assert not any(server.upload_key in json.dumps(line) for line in lines)


def _json_lines(server: IntakeServer) -> list[dict[str, object]]:
    lines = []
    for text in server.log_path.read_text(errors="replace").splitlines():
        if text.startswith("{"):
            lines.append(json.loads(text))
    return lines


@pytest.fixture
def s3_server(
    tmp_path: Path, postgres_cluster: PostgresCluster, seaweed: SeaweedS3
) -> Iterator[IntakeServer]:
    server = IntakeServer.start(tmp_path, database_url=postgres_cluster.new_database(), store=seaweed)
    yield server
    server.stop()


def test_parts_and_tails_add_up_and_a_bad_checksum_spanning_parts_keeps_nothing(
    s3_server: IntakeServer,
) -> None:
    data = os.urandom(21 * MIB)
    url = create(s3_server, len(data))
    # Small PATCHes build up a tail until a part fills (8 MiB): the tail object is replaced each time.
    for start in range(0, 9 * MIB, 3 * MIB):
        assert patch(s3_server, url, start, data[start : start + 3 * MIB]).status_code == 204
    assert upload_holds(s3_server, url, data[: 9 * MIB])  # one part and a 1 MiB tail
    # A checksummed body over two more parts with the wrong digest: parts land, none is committed.
    wrong = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    body = data[9 * MIB : 19 * MIB]
    refused = patch(s3_server, url, 9 * MIB, body, **{"Upload-Checksum": f"sha256 {wrong}"})
    assert refused.status_code == 460
    assert upload_holds(s3_server, url, data[: 9 * MIB])
    # The same body with the right digest: the part numbers are written again and committed together.
    right = base64.b64encode(hashlib.sha256(body).digest()).decode()
    assert patch(s3_server, url, 9 * MIB, body, **{"Upload-Checksum": f"sha256 {right}"}).status_code == 204
    assert upload_holds(s3_server, url, data[: 19 * MIB])
    done = patch(s3_server, url, 19 * MIB, data[19 * MIB :])  # the last part may be small
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    assert upload_holds(s3_server, url, data)  # read back as the completed object
    assert s3_server.store is not None and s3_server.store.multipart_uploads(s3_server.bucket) == []
    tails = [key for key in s3_server.store.objects(s3_server.bucket) if ".tail." in key]
    assert tails == []  # every used-up tail object was deleted
