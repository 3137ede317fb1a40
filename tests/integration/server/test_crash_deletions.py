"""kill -9 at the worst moments of a withdrawal, a discard, an attach and a complete: no personal file
outlives the change the database recorded, and nothing needs a person to delete files by hand.

Each test arms a crash point (server/crashpoints.py) so the server SIGKILLs itself exactly between the
database commit and the file work, checks the crash really left that state, then checks the way back: the
repeated request, ``voicebooth-server purge``, the next start, or the scheduled purge inside ``serve``. The
last tests do the same on object storage (SeaweedFS and PostgreSQL): the rule is the storage port's, not the
data folder's. Kills at random moments, many times over, are bench/stress_kills.py.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from server import crashpoints
from server.app import open_context
from server.services.self_withdrawal import withdraw_with_codes
from server.settings import load_settings
from tests.helpers.engines import GROUP
from tests.helpers.lifecycle import (
    attach_take,
    complete,
    media_files,
    open_with_take,
    rows,
    take_media_id,
    withdraw_request,
)
from tests.helpers.server import REPO_ROOT, IntakeServer, send_submission
from tests.helpers.stored import upload_gone
from tests.integration.server.conftest import api, running_server


def crash_during(server: IntakeServer, point: str, request: Callable[[], object]) -> None:
    """Restarts the server with ``point`` armed, makes the request and checks the server died there."""
    server.env = {crashpoints.ENV: point}
    server.restart()
    try:
        with pytest.raises(requests.ConnectionError):
            request()
        assert server.process is not None and server.process.wait(10) == -9
    finally:
        server.process = None
        server.env = {}


def killed_while_withdrawing(
    server: IntakeServer, deliverable: Path
) -> tuple[dict[str, Any], dict[str, Any], str]:
    """A submission whose withdrawal was committed when the server died: its manifest, codes, media id."""
    manifest, done = send_submission(server, [deliverable])
    media_id = take_media_id(server, manifest)
    assert media_id is not None
    crash_during(server, crashpoints.DELETIONS_COMMITTED, lambda: withdraw_request(server, done))
    return manifest, done, media_id


def test_killed_during_a_withdrawal_the_repeat_deletes_the_files(
    server: IntakeServer, deliverable: Path
) -> None:
    manifest, done, media_id = killed_while_withdrawing(server, deliverable)
    # The state the red team found: withdrawn in the database, the video and poster still on disk.
    assert rows(server, "SELECT status FROM submissions WHERE id = ?", manifest["submission_id"]) == [
        ("withdrawn",)
    ]
    assert {f"{media_id}.mp4", f"{media_id}.jpg"} <= set(media_files(server))

    ctx = open_context(load_settings(server.data_dir, environ={}))
    try:  # the person (or their contact) tries again: "already withdrawn", and now the files are gone
        again = withdraw_with_codes(ctx, "127.0.0.1", done["reference"], done["withdrawal_token"])
        assert again.already
    finally:
        ctx.db.dispose()
    assert not [name for name in media_files(server) if name.startswith(media_id)]
    assert rows(server, "SELECT count(*) FROM pending_deletions") == [(0,)]
    server.launch()


def test_killed_during_a_withdrawal_the_next_start_deletes_the_files(
    server: IntakeServer, deliverable: Path
) -> None:
    _manifest, done, media_id = killed_while_withdrawing(server, deliverable)
    assert f"{media_id}.mp4" in media_files(server)
    server.launch()
    assert not [name for name in media_files(server) if name.startswith(media_id)]
    again = withdraw_request(server, done)
    assert again.status_code == 200 and again.json()["status"] == "withdrawn"


def test_killed_during_a_discard_the_purge_deletes_the_files(server: IntakeServer, deliverable: Path) -> None:
    manifest, url = open_with_take(server, deliverable)
    media_id = take_media_id(server, manifest)
    sid = manifest["submission_id"]
    crash_during(
        server,
        crashpoints.DELETIONS_COMMITTED,
        lambda: requests.delete(f"{api(server)}/submissions/{sid}", headers=server.key_headers),
    )
    assert rows(server, "SELECT count(*) FROM submissions WHERE id = ?", sid) == [(0,)]
    assert f"{media_id}.mp4" in media_files(server)
    purged = subprocess.run(
        [sys.executable, "-m", "server.cli", "purge", "--data", str(server.data_dir)],
        capture_output=True, text=True, timeout=60, cwd=REPO_ROOT, check=False,
    )  # fmt: skip
    assert purged.returncode == 0, purged.stderr
    assert not [name for name in media_files(server) if name.startswith(str(media_id))]
    server.launch()
    assert requests.head(url, headers=server.tus_headers).status_code == 410


def test_killed_during_an_attach_the_next_start_finishes_the_move(
    server: IntakeServer, deliverable: Path
) -> None:
    manifest, url = open_with_take(server, deliverable, attach=False)
    upload_id = url.rsplit("/", 1)[-1]
    crash_during(server, crashpoints.ATTACH_COMMITTED, lambda: attach_take(server, manifest, url))
    media_id = take_media_id(server, manifest)
    assert media_id is not None  # committed: the take points at its media id ...
    assert (server.data_dir / "uploads" / upload_id).is_file()  # ... whose file is still the upload
    assert f"{media_id}.mp4" not in media_files(server)

    server.launch()
    assert f"{media_id}.mp4" in media_files(server)
    assert not (server.data_dir / "uploads" / upload_id).exists()
    assert attach_take(server, manifest, url).status_code == 200  # was 500 on every try
    done = complete(server, manifest)
    assert done.status_code == 200, done.text
    assert withdraw_request(server, done.json()).status_code == 200
    assert not [name for name in media_files(server) if name.startswith(media_id)]


def test_killed_while_a_poster_is_written_no_frame_is_left_behind(
    server: IntakeServer, deliverable: Path
) -> None:
    manifest, _url = open_with_take(server, deliverable)
    media_id = take_media_id(server, manifest)
    crash_during(server, crashpoints.POSTER_WRITTEN, lambda: complete(server, manifest))
    left = [name for name in media_files(server) if name.endswith(".part")]
    assert left and left[0].startswith(f"{media_id}.")  # a whole frame of the video, named by its take

    server.launch()
    assert not [name for name in media_files(server) if name.endswith(".part")]
    done = complete(server, manifest)
    assert done.status_code == 200, done.text
    assert f"{media_id}.jpg" in media_files(server)
    assert withdraw_request(server, done.json()).status_code == 200
    assert not [name for name in media_files(server) if name.startswith(str(media_id))]


def test_the_scheduled_purge_inside_serve_removes_files_no_record_points_at(server: IntakeServer) -> None:
    server.settings["purge_interval_s"] = 1
    server.restart()
    try:
        orphan = server.data_dir / "media" / f"{'e' * 32}.mp4"
        orphan.write_bytes(b"a frame of someone")
        deadline = time.monotonic() + 10
        while orphan.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not orphan.exists()
    finally:
        del server.settings["purge_interval_s"]
        server.restart()


@pytest.mark.xdist_group(GROUP)
def test_on_object_storage_a_withdrawal_cut_off_by_a_kill_is_finished_by_the_next_start(
    request: pytest.FixtureRequest, tmp_path: Path, deliverable: Path
) -> None:
    with running_server(request, tmp_path, "s3") as server:
        _manifest, done, media_id = killed_while_withdrawing(server, deliverable)
        assert {f"{media_id}.mp4", f"{media_id}.jpg"} <= set(media_files(server))  # the objects outlived it
        assert rows(server, "SELECT count(*) FROM pending_deletions")[0][0] > 0
        server.launch()
        assert not [name for name in media_files(server) if name.startswith(media_id)]
        assert rows(server, "SELECT count(*) FROM pending_deletions") == [(0,)]
        assert withdraw_request(server, done).json()["status"] == "withdrawn"


@pytest.mark.xdist_group(GROUP)
def test_on_object_storage_an_attach_cut_off_by_a_kill_is_finished_by_the_next_start(
    request: pytest.FixtureRequest, tmp_path: Path, deliverable: Path
) -> None:
    with running_server(request, tmp_path, "s3") as server:
        manifest, url = open_with_take(server, deliverable, attach=False)
        crash_during(server, crashpoints.ATTACH_COMMITTED, lambda: attach_take(server, manifest, url))
        media_id = take_media_id(server, manifest)
        assert media_id is not None and f"{media_id}.mp4" not in media_files(server)
        assert not upload_gone(server, url)  # committed, but the object is still the upload's

        server.launch()
        assert f"{media_id}.mp4" in media_files(server) and upload_gone(server, url)
        done = complete(server, manifest)
        assert done.status_code == 200, done.text
        assert withdraw_request(server, done.json()).status_code == 200
        assert not [name for name in media_files(server) if name.startswith(media_id)]
