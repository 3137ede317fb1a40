"""Subprocess entry for the review screenshot test: real windows on Xvfb, a PNG of every review screen.

Usage: python -m tests.integration.review.screens_main OUT_DIR
Run with QT_QPA_PLATFORM=xcb and DISPLAY set to an Xvfb display. Starts its own intake server, seeds it
through the API with real deliverables (one with a moving face), then shows: the sign-in dialog (with a
wrong-password message), the list with the detail of an approved submission, the detail of a new one with
comments, the export dialog while exporting and when done, a withdrawn submission, the "server cannot be
reached" banner, the main screen in Welsh, and frames of the exported files (caption, face, end card).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import keyring
from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from recorder.media.ffmpeg_binary import ffmpeg_exe
from tests.helpers.qt import wait_for_all
from tests.helpers.server import DEFAULT_PACK, IntakeServer
from tests.integration.review.seed import MemoryKeyring, decide_directly, deliverable, seed, withdraw
from tests.unit.recorder.export.moving_face import make_moving_face_clip
from tests.unit.ui.review.conftest import make_services
from ui.i18n import Translations
from ui.review.window import ReviewWindow
from ui.theme import apply_theme
from ui.widgets.window_behaviour import install_window_behaviour


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if condition():
            return
        QTest.qWait(50)
    raise TimeoutError(f"Timed out waiting for {what}")


def grab(widget: QWidget, out: Path, name: str) -> None:
    """Capture the real window from the X screen (video surfaces included)."""
    QTest.qWait(400)
    QApplication.processEvents()
    screen = widget.screen()
    pixmap = screen.grabWindow(widget.winId())
    if pixmap.isNull():
        pixmap = widget.grab()
    pixmap.save(str(out / f"{name}.png"))


def contact_sheet(videos: list[Path], png: Path) -> None:
    """Frames at 1 s (face, caption) and 5 s (end card) of each exported file, side by side, 480 px high."""
    inputs: list[str] = []
    for video in videos:
        for at_s in ("1.0", "5.0"):
            inputs += ["-ss", at_s, "-i", str(video)]
    count = len(inputs) // 4
    scaled = ";".join(f"[{i}:v]scale=-2:480,setsar=1[s{i}]" for i in range(count))
    stack = "".join(f"[s{i}]" for i in range(count)) + f"hstack=inputs={count}"
    subprocess.run(
        [ffmpeg_exe(), "-y", "-loglevel", "error", *inputs, "-filter_complex", f"{scaled};{stack}",
         "-frames:v", "1", str(png)],
        check=True,
    )  # fmt: skip


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="vb-review-screens-"))
    server = IntakeServer.start(work / "intake", campaigns=[DEFAULT_PACK])  # verified wording: exportable
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    install_window_behaviour(app)  # as ui.app does
    try:
        return _run(app, server, work, out)
    finally:
        wait_for_all(30_000)
        server.stop()


def _run(app: QApplication, server: IntakeServer, work: Path, out: Path) -> int:
    clip = deliverable(work / "clips")
    face = make_moving_face_clip(work / "clips" / "face.mp4", duration_s=4.0).path
    gone = seed(server, clip, name="Rhys Morgan", prompt_id="nhs-better")
    seed(server, clip, name="Owen Price", prompt_id="nhs-better")
    priya = seed(server, face, name="Priya Shah", job_title="Ward sister", show_job=True, duration_s=4.0)
    decide_directly(server, priya, "approved", "Lovely, warm answer")
    withdraw(server, gone)
    services = make_services(server.url, work / "exports")
    window = ReviewWindow(services)
    window.resize(1270, 960)  # the Xvfb screen is 1280x1024
    window.show()
    window.start()

    wait_until(lambda: window._sign_in is not None and window._sign_in.isVisible(), 20, "the sign-in dialog")
    dialog = window._sign_in
    assert dialog is not None
    dialog.username.setText("reviewer")
    dialog.password.setText("wrong password")
    dialog.sign_in_button.click()
    wait_until(lambda: dialog.error_label.isVisible(), 30, "the wrong-password message")
    dialog.password.setText(server.reviewer[1])
    grab(dialog, out, "01-sign-in-wrong-password")
    dialog.sign_in_button.click()
    wait_until(lambda: window.list_panel.model.rowCount() == 3, 30, "the list")

    window.list_panel.select(priya.submission_id)
    player = window.detail_panel.player
    wait_until(lambda: player.frames_shown > 0, 30, "the first frame")
    player.seek(1500)
    QTest.qWait(600)
    grab(window, out, "02-list-and-approved-detail")

    owen = next(s for s in window.list_panel.items if s.display_name == "Owen Price")
    window.list_panel.select(owen.submission_id)
    wait_until(lambda: window.detail_panel.detail is not None and window.detail_panel.detail.submission_id
               == owen.submission_id, 20, "Owen's detail")  # fmt: skip
    wait_until(lambda: player.frames_shown > 0, 30, "Owen's first frame")
    window.detail_panel.comments.text.setText("Lovely smile here")
    window.detail_panel.comments.add_button.click()
    wait_until(lambda: window.detail_panel.comments.list.count() == 1, 20, "the comment")
    window.detail_panel.decision.note.setPlainText("Please say which ward you work on.")
    grab(window, out, "03-new-submission-with-comment")
    window.open_withdraw()
    withdraw_dialog = window.withdraw_dialog
    assert withdraw_dialog is not None
    wait_until(withdraw_dialog.isVisible, 10, "the withdraw dialog")
    withdraw_dialog.note.setPlainText("Phoned the comms team on Monday and read out the code.")
    QTest.qWait(300)
    grab(withdraw_dialog, out, "10-withdraw-at-request")
    withdraw_dialog.reject()
    wait_until(lambda: window.withdraw_dialog is None, 10, "the withdraw dialog to close")

    window.list_panel.select(priya.submission_id)
    wait_until(lambda: window.detail_panel.export_button.isEnabled(), 20, "the export button")
    window.open_export()
    export = window.export_dialog
    assert export is not None
    wait_until(export.isVisible, 10, "the export dialog")
    export.captions_check.setChecked(True)
    export.captions.setPlainText(
        "1\n00:00:00,000 --> 00:00:02,000\nWhat I love is the team.\n\n"
        "2\n00:00:02,000 --> 00:00:04,000\nWe look after each other.\n"
    )
    export.start()
    wait_until(lambda: export.progress.value() > 300, 60, "export progress")
    grab(export, out, "04-export-in-progress")
    wait_until(lambda: export.last_export is not None, 180, "the export to finish")
    grab(export, out, "05-export-done")
    assert export.last_export is not None
    contact_sheet(list(export.last_export.result.files.values()), out / "09-exported-frames.png")
    export.reject()

    withdrawn = next(s for s in window.list_panel.items if s.display_name == "" and s.status == "withdrawn")
    window.list_panel.select(withdrawn.submission_id)
    wait_until(lambda: window.detail_panel.detail is not None and window.detail_panel.detail.status
               == "withdrawn", 20, "the withdrawn detail")  # fmt: skip
    QTest.qWait(800)
    grab(window, out, "06-withdrawn")

    server.stop()
    window.refresh()
    wait_until(lambda: bool(window.banner.message), 30, "the unreachable banner")
    grab(window, out, "07-server-unreachable")
    server.launch()

    def retried() -> bool:
        """Try again, as a person would, while a problem is shown: the list's, and the player's that may
        arrive after it (the clip's stream broke when the server stopped)."""
        if window.banner.message and window.banner.retry_button.isVisible():
            window.banner.retry_button.click()
            return False
        return not window.banner.message and window.list_panel.model.rowCount() == 3

    wait_until(retried, 30, "retry")

    translations = Translations(work / "qm")
    translations.set_locale("cy")
    window.list_panel.select(priya.submission_id)
    wait_until(lambda: window.detail_panel.detail is not None and window.detail_panel.detail.submission_id
               == priya.submission_id, 20, "Priya's detail")  # fmt: skip
    wait_until(lambda: player.frames_shown > 0, 30, "Priya's first frame")
    grab(window, out, "08-welsh")
    translations.set_locale("en")
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
