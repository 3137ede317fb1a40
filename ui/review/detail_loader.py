"""Loads the chosen submission into the detail panel and plays its takes; stale answers are dropped.

A clip that cannot be played shows a plain message with Try again; an ended sign-in goes through sign-in.
"""

from __future__ import annotations

from recorder.review import ClipMissingError, SignedOutError, SubmissionDetail
from ui.review.background import ReportProblem, RunRequest
from ui.review.banner import ErrorBanner
from ui.review.detail_panel import DetailPanel
from ui.review.errors import error_message
from ui.review.services import ReviewServices


class DetailLoader:
    """Keeps ``detail_panel`` showing the submission the reviewer chose.

    Args:
        services: the client, the clip proxy and the campaign's consent versions.
        detail_panel: where the submission is shown.
        banner: where a clip's problem is shown.
        run: runs a request off the UI thread.
        report: shows a failure (an ended sign-in asks for a new one).
    """

    def __init__(
        self,
        services: ReviewServices,
        detail_panel: DetailPanel,
        banner: ErrorBanner,
        run: RunRequest,
        report: ReportProblem,
    ) -> None:
        self.services = services
        self.detail_panel = detail_panel
        self.banner = banner
        self._run = run
        self._report = report
        self.wanted = ""  # the submission whose detail we are waiting for

    def selection_changed(self, submission_id: str) -> None:
        if not submission_id:
            self.wanted = ""
            self.detail_panel.show_detail(None, None)
            return
        if self.detail_panel.detail is None or self.detail_panel.detail.submission_id != submission_id:
            self.load(submission_id)

    def load(self, submission_id: str) -> None:
        """Ask for the submission's detail; it is shown only if still the one wanted when it arrives."""
        self.wanted = submission_id

        def show(detail: SubmissionDetail) -> None:
            if detail.submission_id != self.wanted:
                return  # the reviewer has moved on
            version = self.services.consent_version(detail.consent.version_id)
            self.detail_panel.show_detail(detail, version)

        self._run(
            "detail",
            lambda: self.services.client.detail(submission_id),
            show,
            lambda: self.load(submission_id),
        )

    def play_take(self, take_id: str) -> None:
        take = self.detail_panel.current_take()
        available = take is not None and take.take_id == take_id and take.available
        self.detail_panel.show_unavailable(not available)
        if available:
            self.detail_panel.player.load(self.services.proxy.url_for(take_id))

    def player_failed(self) -> None:
        take_id = self.detail_panel.current_take_id()
        problem = self.services.proxy.problem(take_id) if take_id else None
        retry = (lambda: self.play_take(take_id)) if take_id else None
        if problem is None:
            problem = ClipMissingError("The video could not be played.")
        if isinstance(problem, SignedOutError):
            self._report(problem, retry)
            return
        # Always offer Try again here: a missing file may be restored, a dropped connection may return.
        self.banner.show_problem(error_message(problem), retry)

    def seek_to_comment(self, take_id: str, at_ms: int) -> None:
        if take_id != self.detail_panel.current_take_id():
            self.detail_panel.select_take(take_id)
        self.detail_panel.player.seek(at_ms)
