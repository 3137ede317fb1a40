"""Subprocess entry for the Xvfb screenshot test: open the real window and save a PNG of every screen.

Usage: python -m tests.e2e.screens_main OUT_DIR SERVER_URL UPLOAD_KEY
Run with QT_QPA_PLATFORM=xcb and DISPLAY set to an Xvfb display.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from recorder.flow import Event
from tests.e2e.driver import KeyboardDriver, wait_until
from tests.helpers.flow_app import make_context, short_campaign
from ui.main_window import MainWindow
from ui.theme import apply_theme


def grab(window: MainWindow, out: Path, name: str) -> None:
    """Capture the real window from the X screen (so video surfaces show as people see them)."""
    QApplication.processEvents()
    screen = window.screen()
    pixmap = screen.grabWindow(window.winId())
    if pixmap.isNull():
        pixmap = window.grab()
    pixmap.save(str(out / f"{name}.png"))


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    server_url, upload_key = argv[1], argv[2]
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    work = Path(tempfile.mkdtemp(prefix="vb-screens-"))
    ctx = make_context(
        work,
        campaign_path=short_campaign(work, max_duration_s=3, countdown_s=2),
        extra={"server_url": server_url, "upload_key": upload_key},
    )
    window = MainWindow(ctx, confirm=lambda *_a: True)
    window.resize(1100, 860)
    window.show()
    driver = KeyboardDriver(window, on_screen=lambda name: grab(window, out, name))
    driver.run()
    window.close()

    # The no-camera screen, with a camera that is not there.
    bad = Path(tempfile.mkdtemp(prefix="vb-screens-nocam-"))
    ctx2 = make_context(bad, video_uri="camera:9")
    ctx2.machine.fire(Event.NEXT)
    ctx2.machine.fire(Event.NEXT)
    ctx2.machine.give_consent("screens", "0" * 64, {"share": True})
    ctx2.machine.fire(Event.NEXT)
    window2 = MainWindow(ctx2, confirm=lambda *_a: True)
    window2.resize(1100, 860)
    window2.show()
    page = window2.current_page
    wait_until(lambda: page.stack.currentWidget() is page.no_device, 20, "the no-camera panel")  # type: ignore[attr-defined]
    QTest.qWait(300)
    grab(window2, out, "12-no-camera")
    window2.current_page.leave()
    window2.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
