"""The review window: submissions on the left, the chosen one on the right, problems across the top.

Every request to the server runs on a worker thread; results come back on the UI thread and stale ones
(for a submission no longer selected) are dropped. A failed request shows a plain message with Try again;
an ended sign-in opens the sign-in dialog and, once signed in, repeats what failed.

Keyboard (also listed at the bottom of the window):
    Alt+Down / Alt+Up  next / previous submission     Alt+A / Alt+C / Alt+R  approve / changes / reject
    Alt+N  write the decision note     Alt+P  play or pause     Alt+M  add comment     Ctrl+F  search
    F5  refresh
    Ctrl+E  export            Ctrl+Shift+Q  sign out
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from recorder.review import (
    ClipMissingError,
    ListFilter,
    ReviewError,
    SignedOutError,
    SubmissionDetail,
    SubmissionPage,
    Withdrawal,
)
from ui.i18n import translate
from ui.review.banner import ErrorBanner
from ui.review.detail_panel import DetailPanel
from ui.review.errors import can_retry, error_message
from ui.review.export_dialog import ExportDialog
from ui.review.list_panel import ListPanel
from ui.review.services import ReviewServices
from ui.review.sign_in import SignInDialog
from ui.review.style import REVIEW_STYLE
from ui.review.thumbnails import ThumbnailLoader
from ui.review.withdraw_dialog import WithdrawDialog, withdrawn_message
from ui.workers import Task, run_in_background

log = logging.getLogger(__name__)


class ReviewWindow(QMainWindow):
    """The whole review mode UI over :class:`ReviewServices`."""

    def __init__(self, services: ReviewServices) -> None:
        super().__init__()
        self.services = services
        self.client = services.client
        self.setObjectName("ReviewWindow")
        self.setStyleSheet(REVIEW_STYLE)
        self.banner = ErrorBanner()
        self.who_label = QLabel()
        self.who_label.setObjectName("Hint")
        self.who_label.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.csv_button = QPushButton()
        self.sign_out_button = QPushButton()
        self.list_panel = ListPanel(services.campaign, services.locale)
        self.detail_panel = DetailPanel(services.prompt_text)
        self.keys_label = QLabel()
        self.keys_label.setObjectName("Hint")
        self.keys_label.setWordWrap(True)
        top = QFrame()
        top.setObjectName("NavBar")
        top_row = QHBoxLayout(top)
        top_row.addWidget(self.who_label, 1)
        top_row.addWidget(self.refresh_button)
        top_row.addWidget(self.csv_button)
        top_row.addWidget(self.sign_out_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.detail_panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 860])
        self.splitter = splitter
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.keys_label)
        self.setCentralWidget(central)

        self._page = 1
        self._list_generation = 0
        self._detail_wanted = ""  # the submission whose detail we are waiting for
        self._list_task: Task | None = None
        self.thumbnails = ThumbnailLoader(
            self.client,
            self.list_panel.tree.iconSize(),
            self.list_panel.set_thumbnail,
            lambda: not self._closing,
        )
        self._sign_in: SignInDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self._closing = False

        self.list_panel.filters_changed.connect(self.reload)
        self.list_panel.selection_changed.connect(self._selection_changed)
        self.list_panel.load_more_requested.connect(self._load_more)
        self.detail_panel.take_selected.connect(self._play_take)
        self.detail_panel.export_requested.connect(self.open_export)
        self.detail_panel.withdraw_requested.connect(self.open_withdraw)
        self.detail_panel.decision.decided.connect(self._decide)
        self.detail_panel.comments.comment_requested.connect(self._comment)
        self.detail_panel.comments.seek_requested.connect(self._seek_to_comment)
        self.detail_panel.player.failed.connect(self._player_failed)
        self.refresh_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(self._save_server_csv)
        self.sign_out_button.clicked.connect(self.sign_out)
        self._shortcuts: list[QShortcut] = []
        for keys, action in (
            ("Alt+Down", lambda: self.list_panel.step(1)),
            ("Alt+Up", lambda: self.list_panel.step(-1)),
            ("Alt+A", lambda: self.detail_panel.decision.decide("approved")),
            ("Alt+C", lambda: self.detail_panel.decision.decide("changes_requested")),
            ("Alt+R", lambda: self.detail_panel.decision.decide("rejected")),
            ("Alt+P", self.detail_panel.player.toggle),
            ("Alt+M", self._comment_from_box),
            ("Alt+N", self.detail_panel.decision.note.setFocus),
            ("Ctrl+F", self.list_panel.search.setFocus),
            ("F5", self.refresh),
            ("Ctrl+E", self.open_export),
            ("Ctrl+Shift+Q", self.sign_out),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(action)
            self._shortcuts.append(shortcut)
        self.retranslate()
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """1360×900 where there is room, else most of the screen (never larger than the screen)."""
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        if area is None or area.width() <= 0:
            self.resize(1360, 900)
            return
        self.resize(min(1360, area.width() - 20), min(900, area.height() - 40))

    # --- texts ----------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        title = translate("ReviewWindow", "Voicebooth review")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.who_label.setText(
            translate("ReviewWindow", "Signed in as {user} at {server}").format(
                user=self.client.username, server=self.client.server_url
            )
            if self.client.signed_in
            else translate("ReviewWindow", "Not signed in")
        )
        self.refresh_button.setText(translate("ReviewWindow", "Refresh (F5)"))
        self.refresh_button.setAccessibleName(translate("ReviewWindow", "Refresh the list"))
        self.csv_button.setText(translate("ReviewWindow", "Download metadata CSV"))
        self.csv_button.setAccessibleName(
            translate("ReviewWindow", "Download the metadata of all submissions")
        )
        self.sign_out_button.setText(translate("ReviewWindow", "Sign out"))
        self.sign_out_button.setAccessibleName(translate("ReviewWindow", "Sign out"))
        self.refresh_button.setAccessibleDescription(
            translate("ReviewWindow", "Loads the list again; the chosen submission stays chosen.")
        )
        self.csv_button.setAccessibleDescription(
            translate(
                "ReviewWindow", "Saves a spreadsheet of every received submission, without withdrawn ones."
            )
        )
        self.sign_out_button.setAccessibleDescription(
            translate("ReviewWindow", "Ends your sign-in and removes it from this computer (Ctrl+Shift+Q).")
        )
        self.keys_label.setText(
            translate(
                "ReviewWindow",
                "Keys: Alt+Down / Alt+Up next or previous · Alt+N note · Alt+A approve · "
                "Alt+C request changes · Alt+R reject · Alt+P play or pause · Alt+M comment · "
                "Ctrl+F search · F5 refresh · Ctrl+E export",
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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

        run_in_background(
            lambda _p: self.client.resume(),
            on_success=resumed,
            on_failure=lambda _e: resumed(False),
            name="resume",
        )

    def ask_sign_in(self, reason: str, then: Callable[[], None] | None = None) -> None:
        if self._sign_in is not None:
            return
        dialog = SignInDialog(self.client, reason, self)
        self._sign_in = dialog

        def finished(_code: int) -> None:
            self._sign_in = None
            dialog.deleteLater()
            self.retranslate()
            self.activateWindow()  # keyboard focus back to the review window
            if self.client.signed_in and then is not None:
                then()
            elif not self.client.signed_in and not self.isVisible():
                self.close()

        dialog.finished.connect(finished)
        dialog.open()

    def report(self, error: BaseException, retry: Callable[[], None] | None) -> None:
        """Show ``error`` in plain words; an ended sign-in asks for a new one and then retries."""
        if isinstance(error, SignedOutError):
            self.client.http.token = None  # at once; the password store is cleaned on a worker thread
            run_in_background(lambda _p: self.client.forget_expired_sign_in(), name="forget-sign-in")
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
        return run_in_background(
            lambda _progress: work(),
            on_success=lambda result: None if self._closing else on_success(result),
            on_failure=lambda error: None if self._closing else self.report(error, retry),
            name=name,
        )

    # --- list -----------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the first page with the current filters (keeps the selection when it is still listed)."""
        self._page = 1
        self._list_generation += 1
        generation = self._list_generation
        filters = self.list_panel.list_filter(page=1)

        def show(page: SubmissionPage) -> None:
            if generation == self._list_generation:  # an older answer arriving late must not win
                self._show_page(page)

        self._list_task = self._run("list", lambda: self.client.list_submissions(filters), show, self.reload)

    def refresh(self) -> None:
        """Reload the list and the shown submission."""
        self.banner.clear()
        self.reload()
        selected = self.list_panel.selected_id()
        if selected:
            self.load_detail(selected)

    def _load_more(self) -> None:
        filters: ListFilter = self.list_panel.list_filter(page=self._page + 1)
        generation = self._list_generation

        def show(page: SubmissionPage) -> None:
            if generation == self._list_generation:
                self._show_page(page, append=True)

        self._run("list-more", lambda: self.client.list_submissions(filters), show, retry=self._load_more)

    def _show_page(self, page: SubmissionPage, append: bool = False) -> None:
        if append:
            self._page = page.page
        first = self.list_panel.tree.topLevelItemCount() == 0 and not append
        self.list_panel.show_page(page, append=append)
        if first and page.items and not self.list_panel.search.hasFocus():
            if not self.list_panel.selected_id():
                self.list_panel.step(1)  # start with the first submission on screen
            self.list_panel.tree.setFocus()  # ready for the arrow keys
        for summary in page.items:
            if summary.takes and summary.submission_id not in self.list_panel.thumbnails:
                self.thumbnails.want(summary.submission_id, summary.takes[0].take_id)

    # --- detail ---------------------------------------------------------------------------------------

    def _selection_changed(self, submission_id: str) -> None:
        if not submission_id:
            self._detail_wanted = ""
            self.detail_panel.show_detail(None, None)
            return
        if self.detail_panel.detail is None or self.detail_panel.detail.submission_id != submission_id:
            self.load_detail(submission_id)

    def load_detail(self, submission_id: str) -> None:
        self._detail_wanted = submission_id

        def show(detail: SubmissionDetail) -> None:
            if detail.submission_id != self._detail_wanted:
                return  # the reviewer has moved on
            version = self.services.consent_version(detail.consent.version_id)
            self.detail_panel.show_detail(detail, version)

        self._run(
            "detail", lambda: self.client.detail(submission_id), show, lambda: self.load_detail(submission_id)
        )

    def _play_take(self, take_id: str) -> None:
        take = self.detail_panel.current_take()
        available = take is not None and take.take_id == take_id and take.available
        self.detail_panel.show_unavailable(not available)
        if available:
            self.detail_panel.player.load(self.services.proxy.url_for(take_id))

    def _player_failed(self) -> None:
        take_id = self.detail_panel.current_take_id()
        problem = self.services.proxy.problem(take_id) if take_id else None
        retry = (lambda: self._play_take(take_id)) if take_id else None
        if problem is None:
            problem = ClipMissingError("The video could not be played.")
        if isinstance(problem, SignedOutError):
            self.report(problem, retry)
            return
        # Always offer Try again here: a missing file may be restored, a dropped connection may return.
        self.banner.show_problem(error_message(problem), retry)

    def _seek_to_comment(self, take_id: str, at_ms: int) -> None:
        if take_id != self.detail_panel.current_take_id():
            self.detail_panel.select_take(take_id)
        self.detail_panel.player.seek(at_ms)

    # --- actions --------------------------------------------------------------------------------------

    def _decide(self, decision: str, note: str) -> None:
        detail = self.detail_panel.detail
        if detail is None:
            return
        submission_id = detail.submission_id

        def done(_result: object) -> None:
            if (
                self.detail_panel.detail is not None
                and self.detail_panel.detail.submission_id == submission_id
            ):
                self.detail_panel.decision.clear_note()
            self.reload()
            if self._detail_wanted == submission_id:
                self.load_detail(submission_id)

        self._run(
            "decision",
            lambda: self.client.decide(submission_id, decision, note),
            done,
            retry=lambda: self._decide(decision, note),
        )

    def _comment_from_box(self) -> None:
        text = self.detail_panel.comments.text.text().strip()
        if text:
            self._comment(text)
        else:
            self.detail_panel.comments.text.setFocus()

    def _comment(self, text: str) -> None:
        detail, take_id = self.detail_panel.detail, self.detail_panel.current_take_id()
        if detail is None or take_id is None:
            return
        at_ms = self.detail_panel.player.position_ms
        submission_id = detail.submission_id

        def done(_result: object) -> None:
            self.detail_panel.comments.clear_text()
            if self._detail_wanted == submission_id:
                self.load_detail(submission_id)

        self._run(
            "comment",
            lambda: self.client.comment(take_id, at_ms, text),
            done,
            retry=lambda: self._comment(text),
        )

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
                self._play_take(take.take_id)  # cancelled: back to the clip

        dialog.withdrawn.connect(lambda result: self._withdrawn(submission_id, result))
        dialog.signed_out.connect(self.report)
        dialog.finished.connect(finished)
        dialog.open()

    def _withdrawn(self, submission_id: str, result: Withdrawal) -> None:
        if self._detail_wanted == submission_id:
            self.detail_panel.show_withdrawn_message(withdrawn_message(result))
            self.load_detail(submission_id)
        self.reload()

    def _save_server_csv(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ReviewWindow", "Save the metadata CSV"),
            str(self.services.export_dir / "voicebooth-submissions.csv"),
            translate("ReviewWindow", "CSV files (*.csv)"),
        )
        if path:
            self.save_server_csv(Path(path))

    def save_server_csv(self, path: Path) -> None:
        self._run(
            "csv",
            lambda: self.client.download_csv(path),
            lambda _p: None,
            retry=lambda: self.save_server_csv(path),
        )

    def sign_out(self) -> None:
        self.detail_panel.player.unload()

        def done(_result: object) -> None:
            self.detail_panel.show_detail(None, None)
            self.list_panel.show_page(SubmissionPage((), 0, 1, 1, {}))
            self.retranslate()
            self.ask_sign_in("", then=self.reload)

        run_in_background(
            lambda _p: self.client.sign_out(), on_success=done, on_failure=done, name="sign-out"
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.detail_panel.player.unload()
        super().closeEvent(event)
