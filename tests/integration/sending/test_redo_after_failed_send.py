"""Record an answer again after a failed send, close the app: the next start sends the latest answers.

Everything is real: the review and prompt pages in a main window (the new answer is recorded from the
synthetic camera and microphone, finished by ffmpeg and kept with the keyboard), the outbox's SQLite file,
and a real intake server behind a fault proxy. The first send fails *after* the server registered the
submission (the proxy refuses the upload itself), so the server already knows the first version's take
ids. After re-recording and closing, a new window over the same data folder resumes sending, as the app
does at start-up: the server must hold exactly one received submission, with the kept first answer and
the new second answer; the first version is superseded (never received) and discarded on the server
(its manifest held the person's details), nothing stays queued.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recorder.flow import Phase, Step
from recorder.flow.saved import find_sessions
from tests.helpers.flow_app import make_context, resume_unsent, review_with_answers, short_campaign
from tests.helpers.http_faults import FaultProxy, FaultRules
from tests.helpers.qt import StrictLogs, strict_logs, wait_for_all
from tests.helpers.server import IntakeServer
from ui.main_window import MainWindow
from ui.pages.check_and_send import CheckAndSendPage
from ui.pages.prompt import PromptPage

__all__ = ["strict_logs"]
PROMPTS = ["love-role", "nhs-better"]


@pytest.fixture
def refusing_proxy(module_intake_server: IntakeServer) -> Iterator[FaultProxy]:
    """Forwards everything except the upload bodies (PATCH), which it refuses with 403."""
    upstream = urlparse(module_intake_server.url)
    proxy = FaultProxy(
        (upstream.hostname or "127.0.0.1", upstream.port or 80),
        FaultRules(fail_first=1000, fail_method="PATCH", fail_status=403),
    )
    yield proxy
    proxy.stop()


def _server_rows(server: IntakeServer) -> list[tuple[str, str | None]]:
    """(submission id, status) of every submission the server stored."""
    with sqlite3.connect(f"file:{server.data_dir / 'voicebooth.db'}?mode=ro", uri=True) as db:
        return list(db.execute("SELECT id, status FROM submissions"))


def _server_takes(server: IntakeServer, submission_id: str) -> list[tuple[str, str]]:
    """(prompt id, sha256) of a submission's takes, in order."""
    with sqlite3.connect(f"file:{server.data_dir / 'voicebooth.db'}?mode=ro", uri=True) as db:
        return list(
            db.execute(
                "SELECT prompt_id, sha256 FROM takes WHERE submission_id = ? ORDER BY position",
                (submission_id,),
            )
        )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_a_new_answer_after_a_failed_send_is_what_the_next_start_sends(
    qtbot: QtBot,
    tmp_path: Path,
    module_intake_server: IntakeServer,
    refusing_proxy: FaultProxy,
    strict_logs: StrictLogs,
) -> None:
    strict_logs.expect("Sending failed|not sent yet")
    strict_logs.expect("No RHI backend|No audio device detected")  # offscreen player, no sound card
    strict_logs.expect("Could not open media. FFmpeg error description: Immediate exit requested")
    server = module_intake_server
    ctx = review_with_answers(
        tmp_path, refusing_proxy.url, server.upload_key, PROMPTS,
        campaign_path=short_campaign(tmp_path, max_duration_s=2, countdown_s=0),
    )  # fmt: skip
    folder = ctx.session.folder
    assert isinstance(folder, Path)
    first_answer = Path(ctx.machine.model.kept["love-role"].take_dir)
    old_second = Path(ctx.machine.model.kept["nhs-better"].take_dir)
    first_sha = _sha256(first_answer / "deliverable.mp4")
    before = {sid for sid, _status in _server_rows(server)}

    asked: list[str] = []
    window = MainWindow(ctx, confirm=lambda title, *_a: asked.append(title) or True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)

    # 1. Send: the server registers the submission, then the upload is refused; back at the review.
    qtbot.waitUntil(page.send_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.send_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.SENDING, timeout=5000)
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.CHECK_AND_SEND, timeout=60_000)
    assert "could not be sent yet" in page.error_label.text()
    first_id = ctx.machine.model.submission_id
    assert first_id is not None
    assert (first_id, "open") in _server_rows(server)  # the server knows the first version's takes

    # 2. Record the second answer again (real recording, time limit 2 s) and keep it.
    page.answers.buttons[1].setFocus()
    qtbot.keyClick(page.answers.buttons[1], Qt.Key.Key_Space)
    prompt = window.current_page
    assert isinstance(prompt, PromptPage) and ctx.machine.state.prompt_index == 1
    qtbot.waitUntil(prompt.record_button.hasFocus, timeout=5000)
    qtbot.keyClick(prompt.record_button, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ctx.machine.state.phase is Phase.CHECK, timeout=60_000)
    qtbot.waitUntil(prompt.keep_button.hasFocus, timeout=10_000)
    qtbot.keyClick(prompt.keep_button, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert ctx.machine.state.step is Step.CHECK_AND_SEND
    new_second = Path(ctx.machine.model.kept["nhs-better"].take_dir)
    assert new_second != old_second
    new_sha = _sha256(new_second / "deliverable.mp4")
    # The replaced answer is deleted, but only once the waiting version no longer names it (a crash in
    # between must leave a version whose files all exist).
    named_but_missing: list[Path] = []

    def replaced_answer_deleted() -> bool:
        waiting = ctx.services.outbox().find_by_folder(folder)
        named = {f.path.parent for f in waiting.files} if waiting is not None else set()
        gone = not old_second.exists()
        if gone and old_second in named:
            named_but_missing.append(old_second)
        return gone and old_second not in named

    qtbot.waitUntil(replaced_answer_deleted, timeout=10_000)
    assert named_but_missing == []

    # 3. Close: the window says it is sent next time.
    assert wait_for_all(30_000)
    assert window.close()
    assert asked[-1] == "Close and send later?"
    assert wait_for_all(30_000)

    # 4. The next start, now with a working network: the latest answers are sent, once.
    ctx2 = make_context(tmp_path, extra={"server_url": server.url, "upload_key": server.upload_key})
    assert find_sessions(ctx2.data_dir) == []  # as the app starts: the outbox owns the folder, no recovery
    outbox = ctx2.services.outbox()
    resume_unsent(ctx2, qtbot)
    qtbot.waitUntil(
        lambda: (
            any(r.state == "confirmed" for r in outbox.list()) and not any(r.pending for r in outbox.list())
        ),
        timeout=60_000,
    )
    assert wait_for_all(30_000)
    records = outbox.list()
    confirmed = [r for r in records if r.state == "confirmed"]
    assert len(confirmed) == 1 and confirmed[0].submission_id != first_id
    assert {r.submission_id: r.state for r in records}[first_id] == "cancelled"  # superseded
    assert not any(r.pending or r.state == "failed" for r in records)
    new_rows = [row for row in _server_rows(server) if row[0] not in before]
    received = [sid for sid, status in new_rows if status == "received"]
    assert received == [confirmed[0].submission_id]
    assert first_id not in {sid for sid, _status in new_rows}  # never received; discarded on the server
    assert _server_takes(server, received[0]) == [("love-role", first_sha), ("nhs-better", new_sha)]
    assert not folder.exists()  # deleted once the server confirmed
