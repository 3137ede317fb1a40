"""Subprocess entry for the review part of the screen-fit test: the real review window at one size and scale.

Usage: python -m tests.e2e.fit_review_main OUT_DIR
Run with QT_QPA_PLATFORM=xcb, DISPLAY on an Xvfb+openbox desktop and QT_SCALE_FACTOR. Starts its own intake
server with two submissions, signs in, and checks that the decision buttons, the reference/status header,
the comment box after Alt+M and the export dialog's Export and Close lie inside the available geometry (and
are not scrolled out of view); prints one JSON line like :mod:`tests.e2e.fit_main`.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import keyring
from PySide6.QtWidgets import QApplication, QWidget

from tests.e2e.fit_main import Checker, outside
from tests.helpers.qt import wait_for_all
from tests.helpers.server import DEFAULT_PACK, IntakeServer
from tests.integration.review.screens_main import wait_until
from tests.integration.review.seed import MemoryKeyring, decide_directly, deliverable, seed
from tests.unit.ui.review.conftest import make_services
from ui.review.window import ReviewWindow
from ui.theme import apply_theme
from ui.widgets.window_behaviour import install_window_behaviour


def run(out: Path, server: IntakeServer, work: Path) -> Checker:
    checker = Checker(out)
    clip = deliverable(work / "clips")
    owen = seed(server, clip, name="Owen Price", prompt_id="nhs-better")
    priya = seed(server, clip, name="Priya Shah", job_title="Ward sister", show_job=True)
    decide_directly(server, priya, "approved", "Lovely, warm answer")
    services = make_services(server.url, work / "exports")
    window = ReviewWindow(services)
    window.show()
    window.start()
    wait_until(lambda: window._sign_in is not None and window._sign_in.isVisible(), 20, "the sign-in dialog")
    dialog = window._sign_in
    assert dialog is not None
    dialog.username.setText("")
    dialog.sign_in_button.click()  # the error pattern shown: the fields keep their size
    checker.screen(dialog, "01-sign-in-errors", dialog.sign_in_button)
    dialog.username.setText(server.reviewer[0])
    dialog.password.setText(server.reviewer[1])
    dialog.sign_in_button.click()
    wait_until(lambda: window.list_panel.model.rowCount() == 2, 30, "the list")
    panel = window.detail_panel
    window.list_panel.select(owen.submission_id)
    wait_until(
        lambda: panel.detail is not None and panel.detail.submission_id == owen.submission_id, 20, "detail"
    )
    wait_until(lambda: panel.player.frames_shown > 0, 30, "the first frame")
    for widget, what in ((panel.header, "reference and status"), (panel.decision.reject_button, "Reject")):
        checker.problems += [f"02-detail: {p}" for p in outside(widget, what)]
    checker.screen(window, "02-detail", panel.decision.approve_button)
    window.review_actions.comment_from_box()  # what Alt+M does with an empty box: the cursor goes there
    checker.screen(window, "03-alt-m-comment-box", panel.comments.text)
    window.list_panel.select(priya.submission_id)
    wait_until(panel.export_button.isEnabled, 20, "the export button")
    window.open_export()
    export = window.export_dialog
    assert export is not None
    wait_until(export.isVisible, 10, "the export dialog")
    close: QWidget = export.close_button
    checker.problems += [f"04-export: {p}" for p in outside(close, "Close")]
    checker.screen(export, "04-export", export.export_button)
    export.reject()
    window.close()
    services.close()
    return checker


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="vb-fit-review-"))
    server = IntakeServer.start(work / "intake", campaigns=[DEFAULT_PACK])
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    install_window_behaviour(app)  # as ui.app does
    try:
        checker = run(out, server, work)
    finally:
        wait_for_all(30_000)
        server.stop()
    print(json.dumps({"problems": checker.problems, "checked": checker.checked}))
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
