"""Subprocess for the crash test: keep one answer with the keyboard, start recording the next, then wait.

Usage: python -m tests.e2e.crash_main ROOT SERVER_URL UPLOAD_KEY
Prints ``RECORDING`` once the second answer has been recording for a second (frames on disk), then waits
to be killed. ROOT is the folder ``tests.helpers.flow_app.make_context`` builds the app's data under.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from recorder.flow import Phase, Step
from tests.e2e.driver import KeyboardDriver, wait_until
from tests.helpers.flow_app import make_context, short_campaign
from ui.main_window import MainWindow
from ui.pages.prompt import PromptPage
from ui.theme import apply_theme


def main(argv: list[str]) -> int:
    root, server_url, upload_key = Path(argv[0]), argv[1], argv[2]
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    ctx = make_context(
        root,
        campaign_path=short_campaign(root, max_duration_s=20, countdown_s=0),
        extra={"server_url": server_url, "upload_key": upload_key},
    )
    window = MainWindow(ctx, confirm=lambda *_a: True)
    window.show()
    window.activateWindow()
    wait_until(window.isActiveWindow, 20, "the window to become active")
    driver = KeyboardDriver(window)
    driver.wait_step(Step.WELCOME)
    driver.next()
    driver.wait_step(Step.ABOUT_YOU)
    driver.tab_to(window.current_page.rows["name"].edit)  # type: ignore[attr-defined]
    driver.type_text("Sam Jones")
    driver.tab_to(window.current_page.rows["name"].show.yes)  # type: ignore[attr-defined]
    driver.key(Qt.Key.Key_Space)
    driver.next()
    driver.wait_step(Step.CONSENT)
    for answer in window.current_page.choices.values():  # type: ignore[attr-defined]
        driver.tab_to(answer.yes)
        driver.key(Qt.Key.Key_Space)
    driver.next()
    driver.wait_step(Step.DEVICE_CHECK)
    driver.next()
    for index in range(2):
        driver.wait_step(Step.PROMPT, Phase.READ)
        page = window.current_page
        assert isinstance(page, PromptPage)
        wait_until(page.record_button.hasFocus, 30, "Record to have focus")
        driver.shortcut(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        driver.wait_step(Step.PROMPT, Phase.RECORDING)
        wait_until(page.stop_button.hasFocus, 30, "Stop to have focus")
        driver.settle(1500)
        if index == 1:
            wait_until(lambda p=page: p.take.elapsed_s() > 1.0, 30, "a second on disk")  # type: ignore[misc]
            print("RECORDING", flush=True)
            while True:  # wait for SIGKILL
                QApplication.processEvents()
                time.sleep(0.02)
        driver.key(Qt.Key.Key_Space)  # Stop
        driver.wait_step(Step.PROMPT, Phase.CHECK)
        wait_until(page.keep_button.hasFocus, 60, "Keep to have focus")
        driver.shortcut(Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    return 1  # never reached


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
