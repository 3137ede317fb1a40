"""Loads the submissions list page by page with the list panel's filters; a late answer never wins.

The first page selects the first submission (ready for the arrow keys). Further pages are asked for by the
list's model when the reviewer reaches the end of what is loaded; posters by the rows painted on screen.
"""

from __future__ import annotations

from recorder.review import ListFilter, ReviewClient, SubmissionPage
from ui.review.background import RunRequest
from ui.review.list_panel import ListPanel
from ui.review.thumbnails import ThumbnailLoader
from ui.tasks import Task


class ListLoader:
    """Fills ``list_panel`` from the server.

    Args:
        client: the review API client.
        list_panel: where the submissions are shown (and where the filters come from).
        thumbnails: fetches each row's poster.
        run: runs a request off the UI thread.
    """

    def __init__(
        self, client: ReviewClient, list_panel: ListPanel, thumbnails: ThumbnailLoader, run: RunRequest
    ) -> None:
        self.client = client
        self.list_panel = list_panel
        self.thumbnails = thumbnails
        self._run = run
        self.page = 1
        self.generation = 0
        self.task: Task | None = None
        list_panel.poster_wanted.connect(lambda submission, take: thumbnails.want([(submission, take)]))

    def reload(self) -> None:
        """Load the first page with the current filters (keeps the selection when it is still listed)."""
        self.page = 1
        self.generation += 1
        generation = self.generation
        filters = self.list_panel.list_filter(page=1)

        def show(page: SubmissionPage) -> None:
            if generation == self.generation:  # an older answer arriving late must not win
                self.show_page(page)

        self.task = self._run("list", lambda: self.client.list_submissions(filters), show, self.reload)

    def load_more(self) -> None:
        """Append the next page (asked for when the reviewer scrolls to the end)."""
        filters: ListFilter = self.list_panel.list_filter(page=self.page + 1)
        generation = self.generation

        def show(page: SubmissionPage) -> None:
            if generation == self.generation:
                self.show_page(page, append=True)

        self._run("list-more", lambda: self.client.list_submissions(filters), show, self.load_more)

    def show_page(self, page: SubmissionPage, append: bool = False) -> None:
        if append:
            self.page = page.page
        first = not self.list_panel.items and not append
        self.list_panel.show_page(page, append=append)
        if first and page.items and not self.list_panel.search.hasFocus():
            if not self.list_panel.selected_id():
                self.list_panel.step(1)  # start with the first submission on screen
            self.list_panel.tree.setFocus()  # ready for the arrow keys
