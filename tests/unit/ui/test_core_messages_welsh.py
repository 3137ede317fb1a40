"""The core's messages under the Welsh UI: real failures provoked through the real ports, shown in Welsh.

The core words its errors in English with a stable code (recorder/messages.py); the UI shows the Welsh
sentence for the code (ui/core_messages.py). Provoked for real here: ``camera:9`` (no such camera),
a ``file:`` microphone that does not exist, a webcam another program holds (the real CameraVideo over a
capture whose reads fail), a privacy block (a registry answering like a locked-down Windows PC), a full
disk (a small tmpfs filled up: checked before a take, and on the prompt page) and an intake server
on a port nothing listens on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.devices import MonotonicClock, open_audio_source, open_video_source
from recorder.flow import Phase, Step
from recorder.messages import MessageCode
from recorder.takes.deliverable import finish_take
from recorder.takes.session import RecordingError, TakeRecorder
from tests.helpers.fake_devices import FakePrivacyRegistry, HeldCameraDevices, HeldCapture
from tests.helpers.flow_app import (
    drive_to_check_and_send,
    drive_to_first_prompt,
    make_context,
    short_campaign,
)
from tests.helpers.qt import StrictLogs
from tests.helpers.server import free_port
from tests.helpers.takes import make_take
from tests.integration.test_disk_full import fill, small_disk  # noqa: F401 - a fixture used below
from tests.unit.ui.test_device_check import open_device_check
from ui.core_messages import error_text, message_text, templates
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.check_and_send import CheckAndSendPage
from ui.pages.device_check import DeviceCheckPage
from ui.pages.prompt import PromptPage

pytestmark = pytest.mark.usefixtures("strict_logs")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.fixture
def welsh(tmp_path: Path, english_afterwards: None) -> Iterator[None]:
    """The person chose Cymraeg (the translator is global; English again afterwards)."""
    assert Translations(tmp_path / "qm").set_locale("cy")
    yield


def test_every_code_the_core_can_emit_has_a_welsh_translation(qtbot: QtBot, tmp_path: Path) -> None:
    english = templates()
    assert set(english) == {str(code) for code in MessageCode}, "a code without a sentence in the UI"
    assert Translations(tmp_path / "qm").set_locale("cy")
    try:
        cymraeg = templates()
        untranslated = [code for code in MessageCode if cymraeg[code] == english[code]]
        assert not untranslated, f"no Welsh for: {untranslated}"
        for code in MessageCode:
            assert sorted(PLACEHOLDER.findall(cymraeg[code])) == sorted(PLACEHOLDER.findall(english[code]))
    finally:
        Translations(tmp_path / "qm").set_locale("en")


def test_unknown_codes_and_english_show_the_cores_words(qtbot: QtBot, welsh: None) -> None:
    assert message_text("a_code_from_a_newer_core", "The core's words.") == "The core's words."
    assert message_text(None, "No code.") == "No code."
    # a translation that names a value the core did not give falls back to the English sentence
    assert message_text(MessageCode.CAMERA_NOT_FOUND, "English.", {}) == "English."
    assert error_text(ValueError("A plain exception.")) == "A plain exception."


def _no_device_reason(qtbot: QtBot, tmp_path: Path, video: str, audio: str, **extras: object) -> str:
    window = open_device_check(qtbot, tmp_path, video_uri=video, audio_uri=audio, extras=extras)
    page = window.current_page
    assert isinstance(page, DeviceCheckPage)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.no_device, timeout=15_000)
    text = page.no_device.reason_label.text()
    page.leave()
    return text


def test_no_camera_in_welsh(qtbot: QtBot, tmp_path: Path, welsh: None) -> None:
    reason = _no_device_reason(qtbot, tmp_path, "camera:9", "synthetic:")
    assert "Ni chanfuwyd camera rhif 9" in reason, reason
    assert "No camera" not in reason and "plugged in" not in reason


def test_missing_microphone_in_welsh(qtbot: QtBot, tmp_path: Path, welsh: None) -> None:
    missing = tmp_path / "no-such-recording.wav"
    reason = _no_device_reason(qtbot, tmp_path, "synthetic:", f"file:{missing}")
    assert f"Nid yw'r ffeil sain {missing} yn bodoli" in reason, reason
    assert "does not exist" not in reason


def test_camera_held_by_another_program_in_welsh(qtbot: QtBot, tmp_path: Path, welsh: None) -> None:
    reason = _no_device_reason(qtbot, tmp_path, "camera:0", "synthetic:", devices=HeldCameraDevices())
    assert "Stopiodd y camera anfon lluniau" in reason, reason
    assert "stopped sending" not in reason


def test_camera_blocked_by_privacy_settings_in_welsh(qtbot: QtBot, tmp_path: Path, welsh: None) -> None:
    reason = _no_device_reason(
        qtbot, tmp_path, "camera:9", "synthetic:", privacy_registry=FakePrivacyRegistry()
    )
    assert "Mae Polisi Grŵp Windows yn rhwystro" in reason, reason
    assert "LetAppsAccessCamera = 2" in reason  # the exact setting, for IT
    assert "blocks the camera" not in reason


@pytest.fixture
def full_disk(small_disk: Path) -> Path:  # noqa: F811 - the fixture of tests/integration/test_disk_full.py
    """A small tmpfs (mounted for the test) filled up."""
    fill(small_disk / "filler.bin")
    return small_disk


def test_not_enough_disk_space_to_record_in_welsh(qtbot: QtBot, full_disk: Path, welsh: None) -> None:
    clock = MonotonicClock()
    video = open_video_source("synthetic:", clock, size=(320, 180))
    audio = open_audio_source("synthetic:", clock)
    recorder = TakeRecorder(full_disk / "sub", video, audio, clock=clock, size=(320, 180), max_duration_s=3.0)
    with pytest.raises(RecordingError) as raised:
        recorder.preflight()
    video.close()
    audio.close()
    assert raised.value.message_code is MessageCode.DISK_TOO_FULL
    assert "not enough free disk space" in str(raised.value)  # the English stays for the log
    shown = error_text(raised.value)
    assert shown.startswith("Nid oes digon o le ar y ddisg i recordio"), shown
    assert f"{raised.value.message_params['need_mb']} MB" in shown


def _send_from_the_review(qtbot: QtBot, tmp_path: Path, settings: dict[str, object]) -> str:
    """Review with one real answer, Send pressed with ``settings``: the failure the page shows."""
    take_dir = make_take(tmp_path / "submission", duration_s=2.0)
    finish_take(take_dir)
    ctx = make_context(tmp_path, extra={"upload_key": "k", **settings})
    drive_to_check_and_send(ctx.machine, take_dir)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page
    assert isinstance(page, CheckAndSendPage)
    qtbot.waitUntil(page.send_button.hasFocus, timeout=2000)
    qtbot.keyClick(page.send_button, " ")
    qtbot.waitUntil(lambda: ctx.machine.state.step is Step.CHECK_AND_SEND, timeout=30_000)
    assert page.error_label.isVisible()
    assert (take_dir / "deliverable.mp4").is_file()  # the answer is kept
    return page.error_label.text()


def test_unreachable_server_in_welsh(
    qtbot: QtBot, tmp_path: Path, strict_logs: StrictLogs, welsh: None
) -> None:
    strict_logs.expect("Sending failed|not sent yet")
    message = _send_from_the_review(qtbot, tmp_path, {"server_url": f"http://127.0.0.1:{free_port()}"})
    assert "Nid yw'r gweinydd derbyn yn 127.0.0.1 yn derbyn cysylltiadau" in message, message
    assert "not accepting connections" not in message and "could not be sent" not in message


def test_a_missing_certificate_file_set_by_it_in_welsh(
    qtbot: QtBot, tmp_path: Path, strict_logs: StrictLogs, welsh: None
) -> None:
    strict_logs.expect("Sending failed|not sent yet")
    missing = tmp_path / "it" / "proxy-ca.pem"
    message = _send_from_the_review(
        qtbot, tmp_path, {"server_url": f"https://127.0.0.1:{free_port()}", "ca_bundle": str(missing)}
    )
    assert f"Nid yw'r ffeil dystysgrif a osodwyd fel ca_bundle ({missing}) yn bodoli" in message, message
    assert "does not exist" not in message


def test_recording_cannot_start_on_a_full_disk_in_welsh(
    qtbot: QtBot,
    tmp_path: Path,
    small_disk: Path,  # noqa: F811 - the fixture of tests/integration/test_disk_full.py
    strict_logs: StrictLogs,
    welsh: None,
) -> None:
    """The prompt page, Record pressed, the person's folder on a full disk: the reason is in Welsh."""
    strict_logs.expect("No RHI backend|No audio device detected")
    strict_logs.expect("Could not save the session")  # the full disk refuses the saved place too
    ctx = make_context(
        tmp_path,
        campaign_path=short_campaign(tmp_path, max_duration_s=2, countdown_s=1),
        extra={"data_dir": str(small_disk)},
    )
    folder = ctx.session.ensure_folder()
    fill(small_disk / "filler.bin")  # another program took the rest of the disk
    machine = ctx.machine
    drive_to_first_prompt(machine)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page
    assert isinstance(page, PromptPage)
    try:
        page.ctx.services.settings.countdown_s = 0
        qtbot.waitUntil(page.record_button.hasFocus, timeout=5000)
        qtbot.keyClick(page.record_button, " ")
        qtbot.waitUntil(page.error_label.isVisible, timeout=15_000)
        text = page.error_label.text()
        assert "Nid oes digon o le ar y ddisg i recordio" in text, text
        assert "not enough free disk space" not in text
        assert machine.state.phase is Phase.READ  # back where the person can try again
        assert not list(folder.glob("takes/*"))  # nothing left behind
    finally:
        page.leave()


def test_finishing_a_take_that_cannot_be_finished_in_welsh(qtbot: QtBot, tmp_path: Path, welsh: None) -> None:
    """A real take trimmed to almost nothing, and a real take whose sound file is gone."""
    from recorder.takes.deliverable import FinishError

    take_dir = make_take(tmp_path / "submission", duration_s=2.0)
    with pytest.raises(FinishError) as too_short:
        finish_take(take_dir, trim=(1.0, 1.05))
    assert too_short.value.message_code is MessageCode.TRIM_TOO_SHORT
    assert error_text(too_short.value) == "Mae'r rhan o'r recordiad i'w chadw yn rhy fyr."
    (take_dir / "audio.pcm").unlink()
    with pytest.raises(FinishError) as no_sound:
        finish_take(take_dir)
    assert error_text(no_sound.value) == "Nid oes ffeil sain gan y recordiad."


def test_a_camera_unplugged_mid_take_is_explained_in_welsh(qtbot: QtBot, tmp_path: Path, welsh: None) -> None:
    """The real recorder over the real CameraVideo whose capture stops: the take check's reason is Welsh."""
    from recorder.devices import camera
    from recorder.takes.check import check_take
    from recorder.takes.session import RecordingState
    from ui.pages.take_problems import translated_problem

    clock = MonotonicClock()
    video = camera.CameraVideo(
        0, clock, (320, 180), 30.0, open_capture=lambda _i: HeldCapture(frames_before_failing=45)
    )
    audio = open_audio_source("synthetic:", clock)
    recorder = TakeRecorder(tmp_path / "sub", video, audio, clock=clock, size=(320, 180), max_duration_s=20.0)
    recorder.start()
    qtbot.waitUntil(lambda: recorder.status.state is not RecordingState.RECORDING, timeout=20_000)
    result = recorder.stop()
    assert result.stop_reason == camera.STOPPED
    finish_take(result.take_dir)
    problems = check_take(result.take_dir).problems
    assert camera.STOPPED in problems  # English in check.json, for the log and the reviewer
    shown = [translated_problem(p) for p in problems]
    assert "Stopiodd y camera anfon lluniau. Gwiriwch ei fod wedi'i gysylltu o hyd." in shown, shown


def test_review_errors_come_from_the_same_table_in_welsh(qtbot: QtBot, welsh: None) -> None:
    """Review mode's errors carry codes like the sending side's: a server that is down reads exactly as it
    does when sending, and a sign-in without a password in Welsh too (both provoked for real)."""
    import requests

    from recorder.review import ReviewClient, ServerUnreachableError, SignInError, TokenStore
    from ui.review.errors import error_message

    client = ReviewClient(f"http://127.0.0.1:{free_port()}", requests.Session(), TokenStore())
    with pytest.raises(ServerUnreachableError) as down:
        client.sign_in("reviewer", "a password")
    assert error_message(down.value) == templates()[MessageCode.SERVER_UNREACHABLE].format(host="127.0.0.1")
    assert "Nid yw'r gweinydd derbyn yn 127.0.0.1 yn derbyn cysylltiadau" in error_message(down.value)
    with pytest.raises(SignInError) as empty:
        client.sign_in("reviewer", "")
    assert error_message(empty.value) == "Rhowch eich enw defnyddiwr a'ch cyfrinair."
