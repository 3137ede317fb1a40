"""Sending to a server that publishes its campaign's consent wording: the app's wording is accepted; wording
the server does not hold is refused at complete, and the app says so with its own message code (the video
stays on this computer, marked failed for a person to act on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorder.messages import MessageCode
from recorder.outbox import SendError
from recorder.submission import finished_takes
from tests.helpers.sending import MediaCache, folder_manifest, make_outbox, make_submission
from tests.helpers.server import DEFAULT_PACK, IntakeServer, server_status


def test_published_wording_is_sent_and_unknown_wording_is_refused_plainly(
    tmp_path: Path, media: MediaCache
) -> None:
    server = IntakeServer.start(tmp_path / "server", campaigns=[DEFAULT_PACK])
    try:
        box = make_outbox(tmp_path, server.url, server.upload_key)
        accepted = make_submission(tmp_path / "accepted", media)
        assert box.send(box.queue(accepted, folder_manifest(accepted))).startswith("VB-")

        refused = make_submission(tmp_path / "refused", media)
        manifest = folder_manifest(refused)
        manifest["consent"]["text_sha256"] = "e" * 64  # a wording this campaign never published
        submission_id = box.queue(refused, manifest)
        with pytest.raises(SendError) as caught:
            box.send(submission_id)
        error = caught.value
        assert error.message_code is MessageCode.CONSENT_WORDING_UNKNOWN and error.permanent
        assert "does not have the consent wording this person was shown" in str(error)
        record = box.get(submission_id)
        assert record is not None and record.state == "failed" and record.reference is None
        assert all((take / "deliverable.mp4").exists() for take in finished_takes(refused))
        assert server_status(server, submission_id) == "open"
    finally:
        server.stop()
