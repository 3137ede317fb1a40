"""Device check with the synthetic camera and microphone: preview, level meter, hints, pickers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.vision import FrameReport, Lighting
from tests.helpers.flow_app import drive_to_device_check, faces_video, make_context, use
from ui.main_window import MainWindow
from ui.pages.device_check import DeviceCheckPage
from ui.widgets.level_meter import LevelHint

pytestmark = pytest.mark.usefixtures("strict_logs")


def open_device_check(
    qtbot: QtBot, tmp_path: Path, *, extras: dict[str, object] | None = None, **kwargs: str
) -> MainWindow:
    ctx = make_context(tmp_path, **kwargs)
    use(ctx, **(extras or {}))
    drive_to_device_check(ctx.machine)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def device_check(qtbot: QtBot, tmp_path: Path) -> DeviceCheckPage:
    window = open_device_check(qtbot, tmp_path)
    page = window.current_page
    assert isinstance(page, DeviceCheckPage)
    yield page
    page.leave()


def test_live_mirrored_preview_and_level_from_synthetic_devices(
    qtbot: QtBot, device_check: DeviceCheckPage
) -> None:
    page = device_check
    qtbot.waitUntil(lambda: page.preview.frames_shown >= 5, timeout=10_000)
    assert page.preview.mirrored  # the recording is not mirrored; TakeRecorder gets raw frames
    qtbot.waitUntil(lambda: page.meter.hint is not LevelHint.UNKNOWN, timeout=10_000)
    assert page.meter.hint_label.text()
    qtbot.waitUntil(lambda: page.last_report is not None, timeout=10_000)
    assert page.lighting_label.text() != "Checking the light…"
    assert page.stack.currentWidget() is not page.no_device
    assert "no patients" in page.reminder_label.text()


def test_more_than_one_face_warns_about_patients(qtbot: QtBot, tmp_path: Path) -> None:
    """A camera (a ``file:`` video) showing two real faces: OpenCV's detector finds them; the page warns."""
    video = faces_video(tmp_path, faces=2)
    window = open_device_check(qtbot, tmp_path, video_uri=f"file:{video}")
    page = window.current_page
    assert isinstance(page, DeviceCheckPage)
    qtbot.waitUntil(lambda: page.last_report is not None and page.last_report.faces == 2, timeout=20_000)
    qtbot.waitUntil(page.faces_label.isVisible, timeout=2000)
    assert "More than one face" in page.faces_label.text() and "no patients" in page.faces_label.text()
    page._show_report(FrameReport(lighting=Lighting.TOO_DARK, mean_level=20.0, faces=1))
    assert not page.faces_label.isVisible()
    assert "too dark" in page.lighting_label.text()
    page.leave()


def test_pickers_list_devices_and_remember_the_choice(qtbot: QtBot, device_check: DeviceCheckPage) -> None:
    page = device_check
    assert page.camera_box.findData("synthetic:") >= 0
    assert page.mic_box.findData("synthetic:") >= 0
    page.camera_box.addItem("Broken camera", "camera:9")
    page.camera_box.setCurrentIndex(page.camera_box.findData("camera:9"))
    page.camera_box.activated.emit(page.camera_box.currentIndex())
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.no_device, timeout=10_000)
    saved = page.ctx.config.user_settings_path
    assert saved is not None and 'video_uri = "camera:9"' in saved.read_text(encoding="utf-8")
