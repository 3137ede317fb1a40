"""Which module registers each step's page, and the window's pages built the first time they are needed.

Importing a page module runs its :func:`ui.pages.base.register_page`; :data:`PAGE_MODULES` names the module
for each step, so the window imports a page's module (and with it OpenCV, QtMultimedia or the outbox) only
when the page is first shown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from recorder.flow import Step
from ui.pages.base import PAGE_REGISTRY, Page

#: The module that registers each step's page (importing it runs its :func:`~ui.pages.base.register_page`).
PAGE_MODULES: dict[Step, str] = {
    Step.RECOVERY: "ui.pages.recovery",
    Step.WELCOME: "ui.pages.welcome",
    Step.ABOUT_YOU: "ui.pages.about_you",
    Step.CONSENT: "ui.pages.consent",
    Step.DEVICE_CHECK: "ui.pages.device_check",
    Step.PROMPT: "ui.pages.prompt",
    Step.CHECK_AND_SEND: "ui.pages.check_and_send",
    Step.SENDING: "ui.pages.check_and_send",
    Step.DONE: "ui.pages.done",
}


def page_class(step: Step) -> type[Page]:
    """The page class registered for ``step``, importing its module from :data:`PAGE_MODULES` if needed.

    A class registered already (a test's stand-in, or a module imported earlier) is used as it is.
    """
    if step not in PAGE_REGISTRY and step in PAGE_MODULES:
        importlib.import_module(PAGE_MODULES[step])
    cls = PAGE_REGISTRY.get(step)
    if cls is None:
        raise RuntimeError(f"No page is registered for the {step.value} step")
    return cls


class Pages(Mapping[Step, Page]):
    """The window's page for each step, built the first time it is asked for (shown, or looked at by a test).

    Args:
        build: makes the page for a step (the window's :meth:`MainWindow._build_page`).
    """

    def __init__(self, build: Callable[[Step], Page]) -> None:
        self._build = build
        self._built: dict[Step, Page] = {}

    def __getitem__(self, step: Step) -> Page:
        page = self._built.get(step)
        if page is None:
            page = self._built[step] = self._build(step)
        return page

    def __iter__(self) -> Iterator[Step]:
        return iter(Step)

    def __len__(self) -> int:
        return len(Step)

    def built(self) -> list[Page]:
        """The pages built so far (each once, though one may serve several steps)."""
        return list(dict.fromkeys(self._built.values()))
