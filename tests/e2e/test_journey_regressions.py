"""What the random journeys found (tests/e2e/test_random_journeys.py), each as its own test.

The Back-to-a-kept-answer dead end the issue started from is
tests/unit/ui/test_prompt.py::test_regression_back_to_a_kept_answer_shows_it_and_keeps_it_again.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Phase
from recorder.outbox.states import SubmissionState
from recorder.takes.pipeline import finish_and_check
from tests.e2e.journey_support import Run
from tests.e2e.test_random_journeys import Journey, intake, journeys
from tests.helpers.fake_devices import HeldCameraDevices
from tests.helpers.flow_app import drive_to_first_prompt, make_context
from tests.helpers.qt import StrictLogs, wait_for_all
from tests.helpers.server import IntakeServer, module_intake_server, send_submission
from tests.helpers.takes import make_take
from ui.main_window import MainWindow
from ui.pages.prompt import PromptPage

WAIT_MS = 60_000

__all__ = ["intake", "journeys", "module_intake_server"]


def test_regression_a_window_closed_before_its_first_page_took_focus(qtbot: QtBot, tmp_path: Path) -> None:
    """Found as ``Journey(); teardown()``: the window focuses a new page's first control on a zero-delay
    timer; a window deleted before that timer fired raised "Internal C++ object (MainWindow) already
    deleted" from inside the event loop. The timer now belongs to the window and dies with it."""
    window = MainWindow(make_context(tmp_path), confirm=lambda *_a: True)
    window.show()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(50)  # the focus timer would have fired by now (the autouse fixture fails on the error)


def test_regression_a_take_stopped_before_the_first_picture_says_so_and_leaves_nothing(
    qtbot: QtBot, tmp_path: Path, strict_logs: StrictLogs
) -> None:
    """Found by stopping a take a few milliseconds after it started: nothing had been recorded, the person
    read "Your answer could not be saved: video.mkv does not contain a video we can read", and the empty
    take's folder stayed in the submission folder with nobody naming it (after Send it would have stayed on
    a shared computer). Now the message says the recording has no video frames, and the take is deleted."""
    strict_logs.expect("No RHI backend|No audio device detected")
    ctx = make_context(tmp_path, video_uri="camera:0", devices=HeldCameraDevices())  # never a picture
    drive_to_first_prompt(ctx.machine)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page
    assert isinstance(page, PromptPage)
    page.ctx.services.settings.countdown_s = 0
    page.record_button.click()
    qtbot.waitUntil(page.stop_button.isEnabled, timeout=WAIT_MS)
    page.stop_button.click()
    qtbot.waitUntil(lambda: ctx.machine.state.phase is Phase.READ, timeout=WAIT_MS)
    assert wait_for_all(WAIT_MS)
    assert "has no video frames" in page.error_label.text() and "video.mkv" not in page.error_label.text()
    folder = ctx.session.folder
    assert folder is not None and not list(folder.glob("takes/*"))
    assert ctx.machine.can_fire(Event.NEXT)  # and recording again is possible
    window.current_page.leave()


def test_regression_an_answer_of_a_few_frames_is_accepted_by_the_server(
    tmp_path: Path, module_intake_server: IntakeServer
) -> None:
    """Found by a journey that kept an answer stopped after a few frames: Send failed with "The intake server
    could not confirm the submission: Take ... video is not 30 frames per second". The take's video is
    copied from Matroska, whose millisecond stamps (33, 33, 34...) average to 30 fps only over many
    frames; a take of 1, 2 or 4 frames came out at 30.3 or 30.07 fps. Finishing now puts copied frames on
    the 30 fps grid, so the server's own check (ffprobe) accepts every length. (With exact times, the next
    journeys found that the poster seek, rounded up to the millisecond, missed the last frame of a take of
    3, 6 ... 15 frames: "Could not make the poster picture"; it now aims half a frame early.)"""
    for frames in (1, 2, 3, 4, 5):
        take_dir = make_take(tmp_path / f"submission-{frames}", duration_s=frames / 30, size=(320, 180))
        finished = finish_and_check(take_dir)
        assert finished.deliverable is not None and not finished.deliverable.video_reencoded  # copied
        assert video_rates(finished.mp4_path) == ("30/1", "30/1")
        server, mp4, duration_s = module_intake_server, finished.mp4_path, finished.duration_s
        _manifest, result = send_submission(server, [mp4], prompt_ids=["love-role"], duration_s=duration_s)
        assert result["status"] == "received", frames


def video_rates(mp4: Path) -> tuple[str, str]:
    """(avg_frame_rate, r_frame_rate) of the video stream, as ffprobe (and the intake server) reads them."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams", "-of", "json", str(mp4)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    stream = json.loads(out)["streams"][0]
    return str(stream["avg_frame_rate"]), str(stream["r_frame_rate"])


def test_regression_closing_and_deleting_after_a_failed_send_cancels_the_queued_version(
    journeys: Run,
) -> None:
    """Found (shrunk by hand from a 40-step journey) as: Send while the server is down (the outbox keeps the
    submission to send later), change an answer, close the app and agree to delete what was recorded. The
    folder went, but the queued version stayed in the outbox: the next start tried to send it ("The
    submission's manifest ... cannot be used: No such file or directory"), and a version the server had
    seen was never discarded there. Closing with a yes now cancels the queued version too, as Cancel does."""
    journey = Journey()
    try:
        journey.start_at(start="check and send")
        journey.after_every_step()
        journey.server_goes_down()
        journey.after_every_step()
        journey.send()
        journey.after_every_step()
        submission_id = journey.ctx.machine.model.submission_id
        assert submission_id is not None  # queued, to send later
        journey.server_comes_back()
        journey.after_every_step()
        journey.answer_again(index=0)
        journey.after_every_step()
        journey.interrupt(what="close and start again")  # "Yes, close and delete"
        journey.after_every_step()  # the next start sent nothing and said nothing
        record = journey.ctx.services.outbox().get(submission_id)
        assert record is not None and record.state is SubmissionState.CANCELLED
    finally:
        journey.teardown()


def test_regression_a_language_change_reaching_a_window_whose_menu_is_gone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Found by a journey (CI, after 'start again for someone else' then 'choose language'): a language
    change reached the old window while it was being destroyed, its Help menu already deleted, and
    retranslating it raised "Internal C++ object (QMenu) already deleted" in Qt's event loop."""
    window = MainWindow(make_context(tmp_path), confirm=lambda *_a: True)
    window.help_menu.menu.deleteLater()  # the menu goes first while the window is destroyed
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window.help_menu.menu)
    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))  # nothing raised (autouse check)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
