"""The app icon: every window (flow and review) shows the Voicebooth icon from resources/icons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.flow_app import make_context
from tests.helpers.qt import StrictLogs
from ui import app
from ui.main_window import MainWindow


@pytest.fixture
def restore_icon(qapp: QApplication) -> Iterator[QApplication]:
    previous = qapp.windowIcon()
    yield qapp
    qapp.setWindowIcon(previous)


def _close_to(colour: QColor, hex_rgb: str) -> bool:
    want = QColor(hex_rgb)
    return max(abs(colour.red() - want.red()), abs(colour.green() - want.green()),
               abs(colour.blue() - want.blue())) < 40  # fmt: skip


def test_windows_show_the_voicebooth_icon(qtbot: QtBot, tmp_path: Path, restore_icon: QApplication) -> None:
    assert app.ICON_PATH.is_file()
    assert app.apply_app_icon(restore_icon)
    window = MainWindow(make_context(tmp_path), confirm=lambda *_a: True)
    qtbot.addWidget(window)
    image = window.windowIcon().pixmap(64, 64).toImage()
    assert image.width() == 64
    assert _close_to(image.pixelColor(4, 32), "#005EB8")  # the NHS-blue tile
    assert _close_to(image.pixelColor(32, 30), "#DA291C")  # the red record dot in the speech bubble


def test_a_missing_icon_is_logged_and_start_up_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, restore_icon: QApplication, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("The app icon .* could not be loaded")
    monkeypatch.setattr(app, "ICON_PATH", tmp_path / "missing.svg")
    assert not app.apply_app_icon(restore_icon)
