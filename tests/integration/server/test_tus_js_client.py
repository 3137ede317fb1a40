"""The official tus-js-client (npm, run under node) uploads to our server: plain, chunked, with data in the
creation request, with X-HTTP-Method-Override, and resuming an upload another client started."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import requests

from tests.helpers.server import IntakeServer, manifest_for
from tests.helpers.tus_node import NODE_DIR, node_available

SCRIPT = NODE_DIR / "tus_js_upload.mjs"
pytestmark = [
    pytest.mark.node,
    pytest.mark.skipif(node_available() is not None, reason=f"tus-js-client cannot run: {node_available()}"),
]


def run_client(server: IntakeServer, path: Path, *extra: str, metadata: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [
            "node",
            str(SCRIPT),
            "--endpoint",
            server.files_url,
            "--file",
            str(path),
            "--key",
            server.upload_key,
            "--metadata",
            json.dumps(metadata or {}),
            *extra,
        ],
        cwd=NODE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    assert result.returncode == 0 and lines and lines[-1].startswith("UPLOADED "), (
        result.stdout + result.stderr
    )
    return lines[-1].split(" ", 1)[1]


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--chunk-size", "262144"],
        ["--chunk-size", "300000", "--with-creation-upload"],
        ["--chunk-size", "262144", "--override-patch"],
    ],
    ids=["one-patch", "chunked", "creation-with-upload", "method-override"],
)
def test_tus_js_client_uploads_a_take_that_completes(
    server: IntakeServer, deliverable: Path, options: list[str]
) -> None:
    manifest = manifest_for([deliverable])
    take = manifest["takes"][0]
    api = f"{server.url}/api/v1"
    assert requests.post(f"{api}/submissions", json=manifest, headers=server.key_headers).status_code == 201
    metadata = {
        "filename": "deliverable.mp4",
        "filetype": "video/mp4",
        "sha256": take["sha256"],
        "submission_id": manifest["submission_id"],
        "take_id": take["take_id"],
    }
    url = run_client(server, deliverable, *options, metadata=metadata)
    assert url.startswith(server.files_url)
    attached = requests.put(
        f"{api}/submissions/{manifest['submission_id']}/takes/{take['take_id']}",
        json={"upload_url": url},
        headers=server.key_headers,
    )
    assert attached.status_code == 200, attached.text
    done = requests.post(
        f"{api}/submissions/{manifest['submission_id']}/complete", headers=server.key_headers
    )
    assert done.status_code == 200 and done.json()["status"] == "received", done.text


def test_tus_js_client_resumes_an_upload_started_elsewhere(server: IntakeServer, deliverable: Path) -> None:
    data = deliverable.read_bytes()
    created = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": str(len(data))})
    url = created.headers["Location"]
    half = len(data) // 2
    requests.patch(
        url,
        data=data[:half],
        headers={
            **server.tus_headers,
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert run_client(server, deliverable, "--upload-url", url, "--chunk-size", "100000") == url
    head = requests.head(url, headers=server.tus_headers)
    assert head.headers["Upload-Offset"] == str(len(data))
    assert (server.data_dir / "uploads" / url.rsplit("/", 1)[-1]).read_bytes() == data
