"""The sending process killed with SIGKILL mid-upload, then run again: it resumes from the server's offset
(only the rest is sent) and the server's copy has the original SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import requests

from recorder.submission import finished_takes
from tests.helpers.sending import (
    MediaCache,
    make_submission,
    outbox_path,
    run_send,
    start_send,
    write_details,
)
from tests.helpers.server import IntakeServer
from tests.helpers.tcp_proxy import TcpProxy
from tests.integration.sending.faults import MIB, read_outbox, server_video_sha256, wait_for

pytestmark = pytest.mark.slow


def test_sigkill_mid_upload_then_resume(
    intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media, big=True)
    video = finished_takes(folder)[0] / "deliverable.mp4"
    size = video.stat().st_size
    digest = hashlib.sha256(video.read_bytes()).hexdigest()
    home = tmp_path / "home"
    details_path = write_details(tmp_path / "details.json")
    with TcpProxy(("127.0.0.1", intake_server.port), rate_bits_s=16e6) as slow:  # ~5 s for the file
        process = start_send(
            folder, slow.url, intake_server.upload_key, home, details_path, chunk_size_bytes=MIB
        )
        try:
            wait_for(lambda: read_outbox(outbox_path(home))["files"][0]["offset_bytes"] >= 3 * MIB,
                     what="3 MiB confirmed")  # fmt: skip
            process.kill()  # SIGKILL: no clean-up of any kind
        finally:
            process.kill()
            process.wait(10)
            assert process.stdout is not None and process.stderr is not None
            process.stdout.close()
            process.stderr.close()
        stored = read_outbox(outbox_path(home))
        row = stored["files"][0]
        assert stored["submissions"][0]["state"] == "uploading" and row["upload_url"]
        head = requests.head(row["upload_url"].replace(slow.url, intake_server.url),
                             headers=intake_server.tus_headers, timeout=10)  # fmt: skip
        server_offset = int(head.headers["Upload-Offset"])
        assert 3 * MIB <= server_offset < size
        assert video.exists()
        slow.reset_counters()
        result = run_send(folder, slow.url, intake_server.upload_key, home, chunk_size_bytes=MIB)
        resent_bytes = slow.bytes_up
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("VB-")
    assert "Resuming" in result.stderr
    # Only what the server did not have went again (plus request headers and the small JSON calls).
    assert size - server_offset <= resent_bytes < size - server_offset + 64 * 1024
    take_id = video.parent.name
    assert not folder.exists()
    assert server_video_sha256(intake_server, take_id) == digest
