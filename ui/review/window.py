"""The review window: submissions on the left, the chosen one on the right, problems across the top.

Every request to the server runs on a worker thread; results come back on the UI thread and stale ones
(for a submission no longer selected) are dropped. A failed request shows a plain message with Try again;
an ended sign-in opens the sign-in dialog and, once signed in, repeats what failed.

The window puts together the parts with one job each: :class:`~ui.review.top_bar.TopBar`,
:class:`~ui.review.list_loader.ListLoader` (the list), :class:`~ui.review.detail_loader.DetailLoader` (the
chosen submission and its clips), :class:`~ui.review.actions.ReviewActions` (decisions, comments, CSV) and
:mod:`ui.review.shortcuts`. It keeps sign-in, problem reporting and the export and withdraw dialogs.

Keyboard (also listed at the bottom of the window):
    Alt+Down / Alt+Up  next / previous submission     Alt+A / Alt+C / Alt+R  approve / changes / reject
    Alt+N  write the decision note     Alt+P  play or pause     Alt+M  add comment     Ctrl+F  search
    F5  refresh
    Ctrl+E  export            Ctrl+Shift+Q  sign out
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from recorder.review import ReviewError, SignedOutError, SubmissionPage, Withdrawal
from ui.accessibility import read_in_order
from ui.i18n import Retranslating, translate
from ui.review.actions import ReviewActions
from ui.review.banner import ErrorBanner
from ui.review.detail_loader import DetailLoader
from ui.review.detail_panel import DetailPanel
from ui.review.errors import can_retry, error_message
from ui.review.export_dialog import ExportDialog
from ui.review.list_loader import ListLoader
from ui.review.list_panel import ListPanel
from ui.review.services import ReviewServices
from ui.review.shortcuts import install_shortcuts, keys_hint
from ui.review.sign_in import SignInDialog
from ui.review.style import REVIEW_STYLE
from ui.review.thumbnails import ThumbnailLoader
from ui.review.top_bar import TopBar
from ui.review.withdraw_dialog import WithdrawDialog, withdrawn_message
from ui.tasks import Task, tasks

log = logging.getLogger(__name__)


class ReviewWindow(Retranslating, QMainWindow):
    """The whole review mode UI over :class:`ReviewServices`."""

    def __init__(self, services: ReviewServices) -> None:
        super().__init__()
        self.services = services
        self.client = services.client
        self.setObjectName("ReviewWindow")
        self.setStyleSheet(REVIEW_STYLE)
        self.banner = ErrorBanner()
        self.top_bar = TopBar()
        self.who_label = self.top_bar.who_label
        self.list_panel = ListPanel(services.campaign, services.locale)
        self.detail_panel = DetailPanel(services.prompt_text)
        self.keys_label = QLabel()
        self.keys_label.setObjectName("Hint")
        self.keys_label.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.detail_panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 860])
        read_in_order(self.list_panel, self.detail_panel)  # filters and list, then the detail, as seen
        self.splitter = splitter
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.keys_label)
        self.setCentralWidget(central)

        self._closing = False
        self._sign_in: SignInDialog | None = None
        self._after_sign_in: list[Callable[[], None]] = []  # what to repeat once signed in again
        self.export_dialog: ExportDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self.thumbnails = ThumbnailLoader(
            self.client,
            self.list_panel.tree.iconSize(),
            self.list_panel.set_thumbnail,
            lambda: not self._closing,
        )
        self.lists = ListLoader(self.client, self.list_panel, self.thumbnails, self._run)
        self.details = DetailLoader(services, self.detail_panel, self.banner, self._run, self.report)
        self.review_actions = ReviewActions(
            self.client, self.detail_panel, self.lists, self.details, self._run, services.export_dir, self
        )
        self._connect()
        self.retranslate()
        self._fit_to_screen()

    def _connect(self) -> None:
        panel = self.detail_panel
        self.list_panel.filters_changed.connect(self.reload)
        self.list_panel.selection_changed.connect(self.details.selection_changed)
        self.list_panel.load_more_requested.connect(self.lists.load_more)
        panel.take_selected.connect(self.details.play_take)
        panel.export_requested.connect(self.open_export)
        panel.withdraw_requested.connect(self.open_withdraw)
        panel.decision.decided.connect(self.review_actions.decide)
        panel.decision.undo_requested.connect(self.review_actions.undo_decision)
        panel.comments.comment_requested.connect(self.review_actions.comment)
        panel.consent.wording_reason_given.connect(self.review_actions.record_wording)
        panel.comments.seek_requested.connect(self.details.seek_to_comment)
        panel.player.failed.connect(self.details.player_failed)
        self.top_bar.refresh_button.clicked.connect(self.refresh)
        self.top_bar.csv_button.clicked.connect(self.review_actions.ask_where_to_save_csv)
        self.top_bar.sign_out_button.clicked.connect(self.sign_out)
        self._shortcuts = install_shortcuts(
            self,
            (
                ("Alt+Down", lambda: self.list_panel.step(1)),
                ("Alt+Up", lambda: self.list_panel.step(-1)),
                ("Alt+A", lambda: panel.decision.decide("approved")),
                ("Alt+C", lambda: panel.decision.decide("changes_requested")),
                ("Alt+R", lambda: panel.decision.decide("rejected")),
                ("Alt+P", panel.player.toggle),
                ("Alt+M", self.review_actions.comment_from_box),
                ("Alt+N", panel.decision.note.setFocus),
                ("Ctrl+Z", panel.decision.undo),
                ("Ctrl+F", self.list_panel.search.setFocus),
                ("F5", self.refresh),
                ("Ctrl+E", self.open_export),
                ("Ctrl+Shift+Q", self.sign_out),
            ),
        )

    def _fit_to_screen(self) -> None:
        """1360×900 where there is room, else most of the screen (never larger than the screen)."""
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        if area is None or area.width() <= 0:
            self.resize(1360, 900)
            return
        self.resize(min(1360, area.width() - 20), min(900, area.height() - 40))

    def retranslate(self) -> None:
        title = translate("ReviewWindow", "Voicebooth review")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.top_bar.retranslate(self.client.username, self.client.server_url, self.client.signed_in)
        self.keys_label.setText(keys_hint())

    # --- start, sign-in, errors --------------------------------------------------------------------------

    def start(self) -> None:
        """Use a stored sign-in (then load the list), or ask for one.

        The password store is read on a worker thread: unlocking it may wait for the desktop's keyring.
        """

        def resumed(found: object) -> None:
            if self._closing:
                return
            self.retranslate()
            if found:
                self.reload()
            else:
                self.ask_sign_in("", then=self.reload)

        tasks().run(
            lambda _job: self.client.resume(),
            owner=self,
            on_success=resumed,
            on_failure=lambda _e: resumed(False),
            name="resume",
        )

    def ask_sign_in(self, reason: str, then: Callable[[], None] | None = None) -> None:
        """Open the sign-in dialog (once); after signing in, run ``then`` and every other request that
        failed on the ended sign-in meanwhile (the list, the detail and the player often all do)."""
        if then is not None and then not in self._after_sign_in:
            self._after_sign_in.append(then)
        if self._sign_in is not None:
            return
        dialog = SignInDialog(self.client, reason, self)
        self._sign_in = dialog

        def finished(_code: int) -> None:
            self._sign_in = None
            dialog.deleteLater()
            self.retranslate()
            self.activateWindow()  # keyboard focus back to the review window
            waiting, self._after_sign_in = self._after_sign_in, []
            if self.client.signed_in:
                for retry in waiting:
                    retry()
            elif not self.isVisible():
                self.close()

        dialog.finished.connect(finished)
        dialog.open()

    def report(self, error: BaseException, retry: Callable[[], None] | None) -> None:
        """Show ``error`` in plain words; an ended sign-in asks for a new one and then retries."""
        if isinstance(error, SignedOutError):
            expired = self.client.http.token
            self.client.http.token = None  # at once; the password store is cleaned on a worker thread
            tasks().run(
                lambda _job: self.client.forget_expired_sign_in(expired),
                owner=self.client,
                on_failure=lambda e: log.warning("Could not forget an ended sign-in: %s", e),
                name="forget-sign-in",
            )
            self.retranslate()
            self.ask_sign_in(error_message(error), then=retry)
            return
        if not isinstance(error, ReviewError):
            log.error("Review action failed", exc_info=error)
        self.banner.show_problem(error_message(error), retry if can_retry(error) else None)

    def _run(
        self,
        name: str,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        retry: Callable[[], None] | None,
    ) -> Task:
        return tasks().run(
            lambda _job: work(),
            owner=self,
            on_success=lambda result: None if self._closing else on_success(result),
            on_failure=lambda error: None if self._closing else self.report(error, retry),
            name=name,
        )

    # --- list and detail ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the first page with the current filters (keeps the selection when it is still listed)."""
        self.lists.reload()

    def refresh(self) -> None:
        """Reload the list and the shown submission."""
        self.banner.clear()
        self.reload()
        selected = self.list_panel.selected_id()
        if selected:
            self.load_detail(selected)

    def load_detail(self, submission_id: str) -> None:
        self.details.load(submission_id)

    # --- dialogs ------------------------------------------------------------------------------------------

    def open_export(self) -> None:
        detail = self.detail_panel.detail
        if detail is None or not self.detail_panel.export_button.isEnabled():
            return
        dialog = ExportDialog(
            self.client,
            detail,
            self.detail_panel.current_take_id(),
            self.services.export_dir,
            self.services.end_card(),
            self.services.campaign,
            self,
        )
        self.export_dialog = dialog
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()

    def open_withdraw(self) -> None:
        """Confirm and withdraw the shown submission at the person's request (work on a worker thread)."""
        detail = self.detail_panel.detail
        if detail is None or not self.detail_panel.withdraw_button.isEnabled() or self.withdraw_dialog:
            return
        # Nothing is played from a submission being withdrawn: its files are about to disappear.
        self.detail_panel.player.unload()
        dialog = WithdrawDialog(self.client, detail, self)
        self.withdraw_dialog = dialog
        submission_id = detail.submission_id

        def finished(code: int) -> None:
            self.withdraw_dialog = None
            dialog.deleteLater()
            take = self.detail_panel.current_take()
            if code != WithdrawDialog.DialogCode.Accepted and take is not None:
                self.details.play_take(take.take_id)  # cancelled: back to the clip

        dialog.withdrawn.connect(lambda result: self._withdrawn(submission_id, result))
        dialog.signed_out.connect(self.report)
        dialog.finished.connect(finished)
        dialog.open()

    def _withdrawn(self, submission_id: str, result: Withdrawal) -> None:
        if self.details.wanted == submission_id:
            self.detail_panel.show_withdrawn_message(withdrawn_message(result))
            self.load_detail(submission_id)
        self.reload()

    # --- sign out, close ----------------------------------------------------------------------------------

    def sign_out(self) -> None:
        self.detail_panel.player.unload()

        def done(_result: object) -> None:
            self.detail_panel.show_detail(None, None)
            self.list_panel.show_page(SubmissionPage((), 0, 1, 1, {}))
            self.retranslate()
            self.ask_sign_in("", then=self.reload)

        tasks().run(
            lambda _job: self.client.sign_out(), owner=self, on_success=done, on_failure=done, name="sign-out"
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.detail_panel.player.unload()
        super().closeEvent(event)
