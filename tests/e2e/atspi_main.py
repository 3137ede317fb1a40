"""The app under the AT-SPI test: the real windows, stopped on every screen until the tree has been read.

Usage: python -m tests.e2e.atspi_main   (started by tests/e2e/atspi_walk.py, never by hand)
Run with QT_QPA_PLATFORM=xcb, DISPLAY on an Xvfb display and QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 inside a
D-Bus session. Starts its own intake server (one upload key, one reviewer). On each screen it prints one
JSON line ``{"screen": name, "headings": [...], "modal": title or null, "order": [...]}`` (what the
walker checks the tree against) and waits for a line on stdin before going on. Screens: the
support-worker flow with the keyboard driver (demo devices, sending to the server), the Settings dialog
as a modal over the flow, then review mode: the sign-in dialog (modal) and, signed in, the list and the
detail of the submission the flow sent.
"""

from __future__ import annotations

import json
import queue
import sys
import tempfile
import threading
from pathlib import Path

import keyring
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tests.e2e.driver import KeyboardDriver, wait_until
from tests.e2e.screens_main import show_active
from tests.helpers.flow_app import make_context, short_campaign
from tests.helpers.qt import wait_for_all
from tests.helpers.server import DEFAULT_PACK, IntakeServer
from tests.integration.review.seed import MemoryKeyring
from tests.unit.ui.review.conftest import make_services
from ui.accessibility import heading_level, install_accessibility
from ui.main_window import MainWindow
from ui.review.window import ReviewWindow
from ui.settings_dialog import SettingsDialog
from ui.theme import apply_theme

_lines: queue.Queue[str] = queue.Queue()


def _read_stdin() -> None:
    for line in sys.stdin:
        _lines.put(line.strip())
    _lines.put("eof")


def visible_headings() -> list[str]:
    """The texts of the heading labels on screen, in every visible window."""
    found: list[str] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for label in window.findChildren(QLabel):
            if label.isVisible() and heading_level(label) is not None and label.text():
                found.append(label.accessibleName() or label.text())
    return found


def checkpoint(name: str, order: list[str] | None = None) -> None:
    """Say which screen is on, then keep the event loop running (AT-SPI is answered from it) until told.

    ``order``: accessible names a screen reader must meet in this order (the order they are seen in).
    """
    QTest.qWait(300)  # let the screen settle: focus moves, late texts
    modal = QApplication.activeModalWidget()
    line = {
        "screen": name,
        "headings": visible_headings(),
        "modal": modal.windowTitle() if modal else None,
        "order": order or [],
    }
    print(json.dumps(line), flush=True)
    wait_until(lambda: not _lines.empty(), 120, f"the walker to read {name}")
    if _lines.get() != "next":
        raise SystemExit("the walker stopped")


def flow(server: IntakeServer, work: Path) -> None:
    ctx = make_context(
        work / "flow",
        campaign_path=short_campaign(work, max_duration_s=4, countdown_s=3),
        extra={"server_url": server.url, "upload_key": server.upload_key},
    )
    window = MainWindow(ctx, confirm=lambda *_a: True)
    show_active(window)
    settings = SettingsDialog(ctx.config, window)
    settings.setWindowModality(Qt.WindowModality.ApplicationModal)
    settings.show()
    wait_until(settings.isVisible, 10, "the Settings dialog")
    checkpoint("00-settings-modal")
    settings.reject()
    window.activateWindow()
    wait_until(window.isActiveWindow, 20, "the window to become active again")
    KeyboardDriver(window, on_screen=checkpoint).run(name="Sam Jones")
    window.current_page.leave()
    window.close()


def review(server: IntakeServer, work: Path) -> None:
    window = ReviewWindow(make_services(server.url, work / "exports"))
    show_active(window)
    window.start()
    wait_until(lambda: window._sign_in is not None and window._sign_in.isVisible(), 20, "the sign-in dialog")
    dialog = window._sign_in
    assert dialog is not None
    checkpoint("20-review-sign-in")
    dialog.username.setText(server.reviewer[0])
    dialog.password.setText(server.reviewer[1])
    dialog.sign_in_button.click()
    wait_until(lambda: window.list_panel.model.rowCount() == 1, 30, "the list")
    window.list_panel.select(window.list_panel.items[0].submission_id)
    wait_until(lambda: window.detail_panel.detail is not None, 30, "the detail")
    window.list_panel.tree.setFocus()
    panel = window.detail_panel
    seen_order = [window.list_panel.search, window.list_panel.status, window.list_panel.tree, panel.takes]
    checkpoint("21-review-list-and-detail", [widget.accessibleName() for widget in seen_order])
    window.close()


def main() -> int:
    threading.Thread(target=_read_stdin, daemon=True).start()
    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="vb-atspi-"))
    server = IntakeServer.start(work / "intake", campaigns=[DEFAULT_PACK])
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    install_accessibility(app)
    try:
        flow(server, work)
        review(server, work)
    finally:
        wait_for_all(30_000)
        server.stop()
    print(json.dumps({"screen": None}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
