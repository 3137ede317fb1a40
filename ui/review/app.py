"""``voicebooth --review``: builds the review services from the configuration and runs the review window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from recorder.campaign import CampaignError, load_campaign
from recorder.config import Config
from recorder.net import TrustError
from ui.i18n import translate
from ui.pauses import freeze_start_up_heap
from ui.review.services import build_services, make_sessions
from ui.review.window import ReviewWindow
from ui.tasks import tasks

log = logging.getLogger(__name__)


def run_review_window(app: QApplication, config: Config) -> int:
    """Show review mode until it is closed; returns the process exit code.

    Called by :func:`ui.app.run_review` after the application, theme and language are set up.
    """
    if not config.text("server_url"):
        _tell(
            translate(
                "ReviewApp",
                "No intake server is set, so there is nothing to review. Ask IT to set the server address "
                "(server_url), or start Voicebooth with --server.",
            )
        )
        return 2
    try:
        campaign = load_campaign(config.text("campaign_pack") or None)
        services = build_services(
            config.text("server_url"), campaign, make_sessions(config), locale=config.text("locale")
        )
    except (CampaignError, TrustError, OSError, ValueError) as error:
        log.error("Review mode could not start: %s", error)
        _tell(translate("ReviewApp", "Review mode could not start: {reason}").format(reason=str(error)))
        return 2
    window = ReviewWindow(services)
    freeze_start_up_heap()  # a full collection later would stop the window for 150 ms
    window.show()
    window.start()
    try:
        return int(app.exec())
    finally:
        tasks().shutdown(10_000)
        services.close()


def _tell(message: str) -> None:
    box = QMessageBox()
    box.setWindowTitle(translate("ReviewApp", "Voicebooth review"))
    box.setText(message)
    box.setAccessibleName(translate("ReviewApp", "Voicebooth review"))
    box.exec()
    print(message, file=sys.stderr)
