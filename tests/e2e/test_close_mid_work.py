"""Closing the real window while background work runs: a take being finished, answers being recovered.

The work's outcome then arrives for a window that is gone: it must be dropped with a log line (never
emitted into a deleted object), and what the person had must be exactly what they agreed to: a take
they agreed to lose is gone from the disk once the work has stopped, and answers being recovered after a
crash are offered again at the next start. (Closing mid-send is tests/e2e/test_send_later.py's.)
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from recorder.flow import Phase, Step
from recorder.flow.saved import save_session
from recorder.takes.status import utc_now
from tests.helpers.flow_app import drive_to_first_prompt, make_context, short_campaign
from tests.helpers.qt import StrictLogs, wait_for_all
from tests.helpers.takes import make_take
from ui.main_window import MainWindow
from ui.pages.check_and_send import CheckAndSendPage
from ui.pages.prompt import PromptPage
from ui.pages.recovery import RecoveryPage

WAIT_MS = 60_000
DROPPED = "after its owner was gone; the result was dropped"


@pytest.fixture(autouse=True)
def _video_noise(strict_logs: StrictLogs) -> None:
    strict_logs.expect("No RHI backend|No audio device detected")


def gone(window: MainWindow) -> None:
    """The window is deleted (as when the app quits), then every background outcome is delivered."""
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert wait_for_all(WAIT_MS)


@pytest.mark.slow
def test_closing_while_a_take_is_finishing_stops_it_and_deletes_it(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ui.tasks")
    ctx = make_context(tmp_path, campaign_path=short_campaign(tmp_path, max_duration_s=4, countdown_s=0))
    drive_to_first_prompt(ctx.machine)
    asked: list[str] = []
    window = MainWindow(ctx, confirm=lambda title, *_a: asked.append(title) or True)
    window.show()
    page = window.current_page
    assert isinstance(page, PromptPage)
    page.record_button.click()
    qtbot.waitUntil(page.stop_button.isEnabled, timeout=WAIT_MS)
    qtbot.wait(3000)  # a 3 s take at 1280x720: finishing it takes a moment
    page.stop_button.click()
    assert ctx.machine.state.phase is Phase.FINISHING
    folder = ctx.session.folder
    assert folder is not None and list(folder.glob("takes/*/video.mkv"))

    window.close()  # while the take is finishing
    assert asked == ["Close Voicebooth?"] and not window.isVisible()
    gone(window)

    assert not folder.exists(), sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    # Finishing was stopped and the take deleted once nothing wrote into it any more; before, the folder
    # was deleted under the finishing take (on Windows, files ffmpeg held open would have stayed).
    dropped = [r.getMessage() for r in caplog.records if DROPPED in r.getMessage()]
    assert len(dropped) == 1 and "finish take failed (the take was given up" in dropped[0], dropped
    ctx.services.close()


@pytest.mark.slow
def test_closing_while_answers_are_recovered_offers_them_again_at_the_next_start(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ui.tasks")
    ctx = make_context(tmp_path)
    folder = ctx.data_dir / "submissions" / "c0ffee"
    take_dir = make_take(folder, duration_s=4.0)  # a take the crash interrupted mid-recording
    journal = json.loads((take_dir / "journal.json").read_text(encoding="utf-8"))
    journal.update(state="recording", prompt_id="love-role")
    (take_dir / "journal.json").write_text(json.dumps(journal), encoding="utf-8")
    machine = ctx.machine
    consent = ctx.campaign.consent
    machine.give_consent(consent.id, consent.text_sha256("en"), {"record_and_use": True})
    save_session(folder, machine.model, utc_now())
    ctx.services.close()

    ctx = make_context(tmp_path, start_with_recovery=True)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    window.show()
    page = window.current_page
    assert isinstance(page, RecoveryPage) and page.session is not None
    page.recover_button.click()  # Continue and send: the interrupted take is being finished
    assert page.busy
    window.close()
    gone(window)
    ctx.services.close()
    assert any(DROPPED in r.getMessage() for r in caplog.records)

    ctx = make_context(tmp_path, start_with_recovery=True)  # the next start
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page
    assert isinstance(page, RecoveryPage) and page.session is not None
    page.recover_button.click()
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.CHECK_AND_SEND, timeout=WAIT_MS)
    assert isinstance(window.current_page, CheckAndSendPage)
    assert [Path(k.take_dir) for k in ctx.machine.kept_in_order()] == [take_dir]
    assert (take_dir / "deliverable.mp4").is_file()
    window.close()
    assert wait_for_all(WAIT_MS)
    ctx.services.close()
