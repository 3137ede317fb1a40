"""A withdrawal landing between a clip request's access check and the start of its stream, made
deterministic: the real server (``server.app`` under uvicorn in a thread, real HTTP, real SQLite) with a
storage whose ``open_media`` runs a real withdrawal over HTTP just before or just after it opens the file.
The answer is a clean 410 JSON error, never a 500 or a half-sent clip; a file whose name is deleted once
the response is allowed still streams whole (and by Range) from the handle opened."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import uvicorn

from server.app import create_app
from server.services import admin
from server.settings import Settings, load_settings
from server.storage.folder import FolderStorage, OpenedFile
from tests.helpers.server import REVIEWER_NAME, REVIEWER_PASSWORD, IntakeServer, free_port, send_submission


class HookedStorage(FolderStorage):
    """The real storage, plus one-shot hooks run just before and just after a media file is opened."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.before_open: Callable[[], None] | None = None
        self.after_open: Callable[[], None] | None = None
        self.opened = 0

    def open_media(self, media_id: str, kind: str) -> OpenedFile:
        hook, self.before_open = self.before_open, None
        if hook is not None:
            hook()
        handle = super().open_media(media_id, kind)
        self.opened += 1
        hook, self.after_open = self.after_open, None
        if hook is not None:
            hook()
        return handle


@dataclass
class Live:
    server: IntakeServer
    storage: HookedStorage
    token: str


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    settings = load_settings(tmp_path / "data", environ={})
    app = create_app(settings)
    ctx = app.state.context
    storage = HookedStorage(settings)
    ctx.storage = storage
    key = admin.add_upload_key(ctx, "tests")
    admin.add_reviewer(ctx, REVIEWER_NAME, REVIEWER_PASSWORD)
    port = free_port()
    runner = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    while not runner.started:
        assert thread.is_alive(), "the intake server did not start"
        threading.Event().wait(0.02)
    server = IntakeServer(settings.data_dir, port, key)
    try:
        yield Live(server, storage, server.login())
    finally:
        runner.should_exit = True
        thread.join(10)


@pytest.fixture
def sent(live: Live, deliverable: Path) -> dict[str, str]:
    manifest, done = send_submission(live.server, [deliverable])
    return {
        "submission_id": manifest["submission_id"],
        "take_id": manifest["takes"][0]["take_id"],
        "reference": done["reference"],
    }


def withdraw_now(live: Live, submission_id: str) -> Callable[[], None]:
    """A hook that withdraws over HTTP (another connection, another server thread) and checks it worked."""

    def hook() -> None:
        response = requests.post(
            f"{live.server.url}/api/v1/review/submissions/{submission_id}/withdraw",
            json={"note": "Asked by phone"},
            headers={"Authorization": f"Bearer {live.token}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text

    return hook


def get(live: Live, take_id: str, kind: str = "video", **headers: str) -> requests.Response:
    return requests.get(
        f"{live.server.url}/api/v1/review/takes/{take_id}/{kind}",
        headers={"Authorization": f"Bearer {live.token}", **headers},
        timeout=30,
    )


def media_files(live: Live) -> list[Path]:
    return sorted((live.server.data_dir / "media").iterdir())


@pytest.mark.parametrize("kind", ["video", "poster"])
def test_withdrawn_between_check_and_open_is_a_clean_410(live: Live, sent: dict[str, str], kind: str) -> None:
    live.storage.before_open = withdraw_now(live, sent["submission_id"])
    response = get(live, sent["take_id"], kind, Range="bytes=0-99")
    assert response.status_code == 410, response.text
    assert response.json()["error"]["code"] == "withdrawn"
    assert live.storage.before_open is None  # the hook really ran inside the request
    assert media_files(live) == []


def test_withdrawn_just_after_the_file_was_opened_is_a_clean_410(live: Live, sent: dict[str, str]) -> None:
    live.storage.after_open = withdraw_now(live, sent["submission_id"])
    response = get(live, sent["take_id"])
    assert live.storage.opened == 1 and live.storage.after_open is None
    assert response.status_code == 410, response.text
    assert response.json()["error"]["code"] == "withdrawn"
    assert media_files(live) == []
    assert get(live, sent["take_id"]).status_code == 410  # and so it stays


@pytest.mark.parametrize("ranged", [False, True], ids=["whole", "range"])
def test_a_name_deleted_once_the_stream_is_allowed_still_streams_whole(
    live: Live, sent: dict[str, str], deliverable: Path, ranged: bool
) -> None:
    expected = deliverable.read_bytes()

    def unlink_media() -> None:
        for path in media_files(live):
            if path.suffix == ".mp4":
                path.unlink()

    live.storage.after_open = unlink_media
    if ranged:
        response = get(live, sent["take_id"], Range="bytes=100-199")
        assert response.status_code == 206 and response.content == expected[100:200]
    else:
        response = get(live, sent["take_id"])
        assert response.status_code == 200 and response.content == expected
    assert live.storage.after_open is None and not [p for p in media_files(live) if p.suffix == ".mp4"]
    missing = get(live, sent["take_id"])  # the next request finds no file: a plain 404, not a 500
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_media"


def test_range_requests_stream_from_the_opened_file(
    live: Live, sent: dict[str, str], deliverable: Path
) -> None:
    expected = deliverable.read_bytes()
    part = get(live, sent["take_id"], Range="bytes=100-199")
    assert part.status_code == 206 and part.content == expected[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(expected)}"
    two = get(live, sent["take_id"], Range="bytes=0-9,20-29")
    assert two.status_code == 206 and two.headers["Content-Type"].startswith("multipart/byteranges")
    assert expected[:10] in two.content and expected[20:30] in two.content
    assert get(live, sent["take_id"], Range=f"bytes={len(expected) + 10}-").status_code == 416
