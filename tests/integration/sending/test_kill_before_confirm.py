"""Killed between upload and confirmation: nothing is deleted; running send again confirms (once).

Two moments: while the complete request is held by a proxy (the server never saw it), and after the
server confirmed but before the answer reached the client (the server has it; the client does not know).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from recorder.submission import finished_takes
from tests.helpers.http_faults import FaultProxy, FaultRules
from tests.helpers.sending import (
    MediaCache,
    make_submission,
    outbox_path,
    run_send,
    start_send,
    write_details,
)
from tests.helpers.server import IntakeServer
from tests.integration.sending.faults import read_outbox

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("server_saw_it", [False, True], ids=["held-before-server", "answer-withheld"])
def test_kill_between_upload_and_confirm(
    intake_server: IntakeServer, tmp_path: Path, media: MediaCache, server_saw_it: bool
) -> None:
    folder = make_submission(tmp_path / "sub", media, prompts=("love-role", "nhs-better"))
    files = [*(t / "deliverable.mp4" for t in finished_takes(folder)), folder / "manifest.json"]
    home = tmp_path / "home"
    rules = FaultRules(hold_path=r"/complete$", hold_before_forward=not server_saw_it)
    proxy = FaultProxy(("127.0.0.1", intake_server.port), rules)
    try:
        process = start_send(
            folder, proxy.url, intake_server.upload_key, home, write_details(tmp_path / "d.json")
        )
        try:
            assert proxy.held.wait(60), "the complete request never came"
            process.kill()  # SIGKILL between upload and confirmation
        finally:
            process.kill()
            process.wait(10)
            assert process.stdout is not None and process.stderr is not None
            process.stdout.close()
            process.stderr.close()
        assert all(path.exists() for path in files)  # nothing deleted
        stored = read_outbox(outbox_path(home))
        assert stored["submissions"][0]["state"] == "uploaded"
        assert all(f["state"] == "attached" for f in stored["files"])
        proxy.rules.hold_path = None
        proxy.release()
        result = run_send(folder, proxy.url, intake_server.upload_key, home)
    finally:
        proxy.stop()
    assert result.returncode == 0, result.stderr
    reference = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"VB-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    assert not any(path.exists() for path in files) and not folder.exists()
    assert proxy.methods["PATCH"] == 2  # the videos were not sent again
    status = requests.get(f"{intake_server.url}/api/v1/status/{reference}", timeout=10).json()
    assert status["status"] == "received"
    again = run_send(folder, proxy.url, intake_server.upload_key, home)
    assert again.returncode == 0 and again.stdout.strip().splitlines()[-1] == reference
