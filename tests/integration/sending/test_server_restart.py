"""The intake server stopped (or killed) mid-upload and started again: the same send resumes and finishes."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import pytest

from recorder.submission import finished_takes
from recorder.upload import TransferProgress
from tests.helpers.sending import MediaCache, make_submission
from tests.helpers.server import IntakeServer
from tests.helpers.tcp_proxy import TcpProxy
from tests.integration.sending.faults import MIB, Waits, manifest_for, outbox, server_video_sha256

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("how", ["stop", "kill"])
def test_server_down_mid_upload_then_back(
    intake_server: IntakeServer, tmp_path: Path, media: MediaCache, how: str
) -> None:
    folder = make_submission(tmp_path / "sub", media, big=True)
    video = finished_takes(folder)[0] / "deliverable.mp4"
    size = video.stat().st_size
    digest = hashlib.sha256(video.read_bytes()).hexdigest()
    waits = Waits(real=True)  # the real backoff: the server needs a moment to come back
    down = threading.Event()

    def bounce() -> None:
        getattr(intake_server, how)()
        time.sleep(0.5)
        intake_server.launch()

    def on_progress(snapshot: TransferProgress) -> None:
        if snapshot.bytes_sent >= 3 * MIB and not down.is_set():
            down.set()
            threading.Thread(target=bounce, daemon=True).start()

    with TcpProxy(("127.0.0.1", intake_server.port), rate_bits_s=16e6) as slow:
        box = outbox(tmp_path, slow.url, intake_server.upload_key, waits, chunk_size_bytes=MIB)
        reference = box.send(box.queue(folder, manifest_for(folder)), progress=on_progress)
        sent_bytes = slow.bytes_up
    assert down.is_set() and intake_server.starts == 2
    assert reference.startswith("VB-") and waits.delays  # it failed, waited, and carried on
    assert sent_bytes < size + 2 * MIB  # resumed near the server's offset, not from the start
    assert server_video_sha256(intake_server, video.parent.name) == digest
