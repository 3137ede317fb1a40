"""The no-camera / no-microphone screens, provoked with the real device layer (and stand-ins for hardware).

``camera:9`` really fails to open here (there is no camera), a ``file:`` microphone that does not exist
really fails; a webcam another program holds is the real CameraVideo over a capture whose reads fail
(tests/helpers/fake_devices.py), and a privacy block is a registry answering like a locked-down Windows PC.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.fake_devices import FakePrivacyRegistry, HeldCameraDevices
from tests.helpers.flow_app import use
from tests.unit.ui.test_device_check import open_device_check
from ui.pages.device_check import DeviceCheckPage
from ui.pages.no_device import Cause, Device

pytestmark = pytest.mark.usefixtures("strict_logs")


def _no_device_page(
    qtbot: QtBot, tmp_path: Path, video: str, audio: str, **extras: object
) -> DeviceCheckPage:
    window = open_device_check(qtbot, tmp_path, video_uri=video, audio_uri=audio, extras=extras)
    page = window.current_page
    assert isinstance(page, DeviceCheckPage)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.no_device, timeout=10_000)
    assert not window.next_button.isEnabled()
    assert page.validate()  # Next is refused with a reason, even by its shortcut
    return page


def test_no_camera_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    page = _no_device_page(qtbot, tmp_path, "camera:9", "synthetic:")
    panel = page.no_device
    assert [(p.device, p.cause) for p in panel.problems] == [(Device.CAMERA, Cause.NOT_FOUND)]
    assert panel.heading.text() == "No camera was found"
    assert "camera:9" in panel.reason_label.text() or "number 9" in panel.reason_label.text()
    assert "plugged in" in panel.steps_label.text() and "Try again" in panel.steps_label.text()
    qtbot.waitUntil(panel.retry_button.hasFocus, timeout=2000)
    assert panel.retry_button.accessibleName() and panel.retry_button.accessibleDescription()
    page.leave()


def test_no_microphone_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-recording.wav"
    page = _no_device_page(qtbot, tmp_path, "synthetic:", f"file:{missing}")
    panel = page.no_device
    assert [(p.device, p.cause) for p in panel.problems] == [(Device.MICROPHONE, Cause.NOT_FOUND)]
    assert panel.heading.text() == "No microphone was found"
    assert "headset or microphone" in panel.steps_label.text()
    assert "does not exist" in panel.reason_label.text()
    page.leave()


def test_neither_device(qtbot: QtBot, tmp_path: Path) -> None:
    page = _no_device_page(qtbot, tmp_path, "camera:9", f"file:{tmp_path / 'none.wav'}")
    qtbot.waitUntil(lambda: len(page.no_device.problems) == 2, timeout=10_000)
    assert page.no_device.heading.text() == "We cannot use your camera or your microphone"
    page.leave()


def test_a_camera_another_program_holds(qtbot: QtBot, tmp_path: Path) -> None:
    page = _no_device_page(qtbot, tmp_path, "camera:0", "synthetic:", devices=HeldCameraDevices())
    panel = page.no_device
    assert [(p.device, p.cause) for p in panel.problems] == [(Device.CAMERA, Cause.IN_USE)]
    assert panel.heading.text() == "Your camera is not sending a picture"
    assert "Teams" in panel.steps_label.text()
    page.leave()


def test_a_camera_blocked_by_privacy_settings(qtbot: QtBot, tmp_path: Path) -> None:
    page = _no_device_page(qtbot, tmp_path, "camera:9", "synthetic:", privacy_registry=FakePrivacyRegistry())
    panel = page.no_device
    assert [(p.device, p.cause) for p in panel.problems] == [(Device.CAMERA, Cause.BLOCKED)]
    assert panel.heading.text() == "This computer's privacy settings block the camera"
    assert "Privacy and security" in panel.steps_label.text()
    assert "Force Deny" in panel.reason_label.text()  # the exact setting, for IT
    page.leave()


def test_welsh_panel(qtbot: QtBot, tmp_path: Path, english_afterwards: None) -> None:
    page = _no_device_page(qtbot, tmp_path, "camera:9", "synthetic:")
    page.ctx.translations.set_locale("cy")
    qtbot.waitUntil(lambda: page.no_device.heading.text() != "No camera was found", timeout=2000)
    assert "Try again" not in page.no_device.steps_label.text()
    page.leave()


def test_try_again_recovers_when_the_device_is_back(qtbot: QtBot, tmp_path: Path) -> None:
    page = _no_device_page(qtbot, tmp_path, "camera:9", "synthetic:")
    use(page.ctx, video_uri="synthetic:")  # as if the person plugged the camera in and chose it
    qtbot.keyClick(page.no_device.retry_button, " ")
    qtbot.waitUntil(lambda: page.preview.frames_shown >= 2, timeout=10_000)
    assert page.stack.currentWidget() is not page.no_device
    page.leave()
