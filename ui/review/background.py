"""How review screens run a server request: on a worker thread, the outcome back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from ui.tasks import Task


class RunRequest(Protocol):
    """Runs ``work`` off the UI thread; ``on_success`` gets its result, a failure is reported with ``retry``.

    Neither callback runs once the window is closing.
    """

    def __call__(
        self,
        name: str,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        retry: Callable[[], None] | None,
    ) -> Task: ...


#: Shows a failure in plain words (an ended sign-in asks for a new one) and offers ``retry``.
ReportProblem = Callable[[BaseException, Callable[[], None] | None], None]
