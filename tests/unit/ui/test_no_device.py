"""The no-camera / no-microphone screens, provoked with sources that fail to open.

With :mod:`recorder.devices` in the tree, ``camera:9`` and a missing ``file:`` really fail to open; until it
lands, the fake devices (tests/helpers/fake_devices.py) refuse those URIs with a SourceError the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.unit.ui.test_device_check import open_device_check
from ui.pages.device_check import DeviceCheckPage
from ui.pages.no_device import Missing

pytestmark = pytest.mark.usefixtures("strict_logs")


def _no_device_page(qtbot: QtBot, tmp_path: Path, video: str, audio: str) -> DeviceCheckPage:
    window = open_device_check(qtbot, tmp_path, video_uri=video, audio_uri=audio)
    page = window.current_page
    assert isinstance(page, DeviceCheckPage)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.no_device, timeout=10_000)
    assert not window.next_button.isEnabled()
    return page


def test_no_camera_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    page = _no_device_page(qtbot, tmp_path, "camera:9", "synthetic:")
    panel = page.no_device
    assert panel.missing is Missing.CAMERA
    assert "camera" in panel.heading.text().lower()
    assert panel.reason_label.text()  # the source's own plain-English reason
    assert "Teams" in panel.steps_label.text() and "Try again" in panel.steps_label.text()
    qtbot.waitUntil(panel.retry_button.hasFocus, timeout=2000)
    page.leave()


def test_no_microphone_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-recording.wav"
    page = _no_device_page(qtbot, tmp_path, "synthetic:", f"file:{missing}")
    assert page.no_device.missing is Missing.MICROPHONE
    assert "microphone" in page.no_device.heading.text().lower()
    page.leave()


def test_try_again_recovers_when_the_device_is_back(qtbot: QtBot, tmp_path: Path) -> None:
    page = _no_device_page(qtbot, tmp_path, "camera:9", "synthetic:")
    page.ctx.extras["video_uri"] = "synthetic:"  # as if the person plugged the camera in and chose it
    qtbot.keyClick(page.no_device.retry_button, " ")
    qtbot.waitUntil(lambda: page.preview.frames_shown >= 2, timeout=10_000)
    assert page.stack.currentWidget() is not page.no_device
    page.leave()
