"""The page interface and page registry that the main window's stack is built from.

How to add a screen (the whole API)::

    from recorder.flow import Event, FlowState, Step
    from ui.i18n import translate
    from ui.pages.base import Nav, Page, PageContext, register_page

    @register_page(Step.DEVICE_CHECK)          # one class may register for several steps
    class DeviceCheckPage(Page):
        CONTEXT = "DeviceCheckPage"            # translation context for this page's strings

        def __init__(self, ctx: PageContext) -> None:
            super().__init__(ctx)              # builds title_label, error_label, body (QVBoxLayout)
            self.button = QPushButton()
            self.button.clicked.connect(lambda: self.request(Event.NEXT))
            self.body.addWidget(self.button)
            self.retranslate()                 # set every text once; called again on language change

        def title(self) -> str:                # translated page title, shown large at the top
            return translate("DeviceCheckPage", "Check your camera and microphone")

        def retranslate(self) -> None:         # set EVERY visible text and accessible name here
            super().retranslate()              # title, accessible name of the page
            self.button.setText(translate("DeviceCheckPage", "Looks good"))
            self.button.setAccessibleName(translate("DeviceCheckPage", "Looks good, continue"))

        def enter(self, state: FlowState) -> None: ...   # shown (or its phase changed): start preview
        def leave(self) -> None: ...                      # hidden: stop preview, release devices
        def validate(self) -> str | None: ...             # before NEXT: translated problem, or None
        def problems(self) -> list[FieldProblem]: ...    # before NEXT: field problems (NHS error pattern)
        def commit(self) -> None: ...                     # after validate, before NEXT: write to the model
        def nav(self, state: FlowState) -> Nav: ...       # which of Back / Next / Cancel show, and labels

Rules:
- The flow machine (:mod:`recorder.flow`) decides; a page never switches pages itself. It calls
  ``self.request(Event.X)`` (the window fires it, asking for confirmation when something would be lost,
  and shows ``FlowError``s) or, for events that carry data, the machine's helpers via ``self.ctx.machine``
  (``take_ready``, ``keep``, ``sent``...) wrapped in ``self.window_fire(lambda: ...)``.
- ``enter(state)`` is called every time the state changes while the page is current (e.g. each prompt
  phase), so one page can render several phases; ``leave()`` once when another page becomes current.
- Every interactive widget needs an accessible name (the accessibility test walks all of them), and every
  string goes through :func:`ui.i18n.translate` with literal text.
- Name the module in :data:`ui.pages.catalogue.PAGE_MODULES` for its steps: the window imports it, and builds
  the page, when one of those steps is first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recorder.campaign import Campaign
from recorder.config import Config
from recorder.flow import Event, FlowMachine, FlowState, Step
from recorder.flow.services import FlowServices
from recorder.flow.session import SubmissionSession
from ui.i18n import Retranslating, Translations, translate
from ui.tasks import TaskBackground
from ui.widgets.error_pattern import ErrorSummary, FieldProblem, FormErrors


@dataclass
class PageContext:
    """Everything pages share. One per window.

    Attributes:
        machine: the flow state machine and its model (details, consent, kept takes).
        campaign: the loaded campaign pack (prompts, consent versions, branding).
        translations: switches the app's language.
        services: clock, devices, outbox, Windows registry and settings (built once at start-up).
        session: the person's submission (folder, takes, queueing, sending); pages send it intents.
    """

    machine: FlowMachine
    campaign: Campaign
    translations: Translations
    services: FlowServices
    session: SubmissionSession

    @property
    def config(self) -> Config:
        """The resolved configuration (video/audio URIs, data dir, server...)."""
        return self.services.config

    @property
    def data_dir(self) -> Path:
        """Where submissions and the outbox live (created)."""
        return self.services.data_dir

    @property
    def locale(self) -> str:
        return self.machine.model.locale


def build_context(
    machine: FlowMachine, campaign: Campaign, translations: Translations, services: FlowServices
) -> PageContext:
    """The window's context: its :class:`SubmissionSession` reports back through the task manager."""
    background = TaskBackground()
    session = SubmissionSession(machine, campaign, services, background)
    background.owner = session
    return PageContext(machine, campaign, translations, services, session)


@dataclass(frozen=True)
class Nav:
    """What the window's navigation bar shows for a page in a state. ``None`` labels mean the default."""

    back: bool = True
    next: bool = True
    next_enabled: bool = True
    cancel: bool = True
    next_label: str | None = None
    back_label: str | None = None


class Page(Retranslating, QWidget):
    """Base of every screen. Subclasses set :attr:`CONTEXT` and override the hooks they need.

    Signals:
        requested(object): the page asks the window to fire a :class:`recorder.flow.Event`.
        nav_changed(): the page's :meth:`nav` answer may have changed (e.g. a box was ticked).
    """

    requested = Signal(object)
    nav_changed = Signal()

    CONTEXT: ClassVar[str] = "Page"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._fire_hook: Callable[[Callable[[], object]], bool] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # A scroll area keeps large text usable on small screens and at high zoom.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.StyledPanel)  # the stylesheet's frame: shown when focused
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never a Tab stop; focused only to read from the top
        scroll.setObjectName("PageScroll")
        self.scroll_area = scroll
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(32, 24, 32, 24)
        self.body.setSpacing(14)
        self.title_label = QLabel()
        self.title_label.setObjectName("PageTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName("")
        # The NHS error summary under the title (field problems link to their fields; see problems()).
        self.error_summary = ErrorSummary()
        self.error_label = self.error_summary  # its text() is every message shown
        self.errors = FormErrors(self.error_summary)
        self.body.addWidget(self.title_label)
        self.body.addWidget(self.error_summary)
        scroll.setWidget(inner)
        outer.addWidget(scroll)

    # -- hooks for subclasses ---------------------------------------------------------------------
    def title(self) -> str:
        """The translated page title."""
        return translate("Page", "Voicebooth")

    def retranslate(self) -> None:
        """Set every visible text; subclasses call ``super().retranslate()`` first."""
        self.title_label.setText(self.title())
        self.setAccessibleName(self.title())
        self.title_label.setAccessibleName(self.title())
        self.scroll_area.setAccessibleName(self.title())
        self.error_summary.retranslate()
        self.errors.recheck()

    def enter(self, state: FlowState) -> None:
        """The page became current, or the flow state changed while it is current."""

    def leave(self) -> None:
        """Another page is about to become current: stop timers, release devices."""

    def validate(self) -> str | None:
        """Check the page before NEXT; return a translated, plain-English problem or None."""
        return None

    def problems(self) -> list[FieldProblem]:
        """Check the page's fields before NEXT: each problem names its group, control and message.

        Shown in the NHS error pattern (summary with links, message at the field, red border) and taken away
        field by field as the person fixes them (connect the fields' change signals to :meth:`recheck`).
        """
        return []

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Show ``problems`` (empty clears); each disappears once :meth:`recheck` finds it fixed."""
        self.errors.show(problems, check=self.problems)

    def recheck(self, *_args: object) -> None:
        """A field changed: take away the problems shown that are fixed now."""
        self.errors.recheck()

    def commit(self) -> None:
        """Write the page's values into ``self.ctx.machine.model`` (after :meth:`validate` passed)."""

    def nav(self, state: FlowState) -> Nav:
        """Which navigation buttons to show in ``state``."""
        return Nav(back=self.ctx.machine.can_fire(Event.BACK))

    # -- helpers ----------------------------------------------------------------------------------
    def request(self, event: Event) -> None:
        """Ask the window to fire ``event`` (it validates, confirms losses and reports errors)."""
        self.requested.emit(event)

    def window_fire(self, action: Callable[[], object]) -> bool:
        """Run a machine call (e.g. ``lambda: machine.keep(12.0)``) with the window's error handling.

        Returns:
            True when the action ran without a flow error (or when no window is attached, as in unit tests).
        """
        if self._fire_hook is None:
            action()
            return True
        return self._fire_hook(action)

    def set_fire_hook(self, hook: Callable[[Callable[[], object]], bool]) -> None:
        self._fire_hook = hook

    def show_error(self, message: str | None) -> None:
        """Show (or with None, hide) a plain-English problem under the title; screen readers hear it."""
        self.errors.show_general(message)


PageT = TypeVar("PageT", bound=type[Page])

#: flow step -> page class; filled by :func:`register_page` as page modules are imported.
PAGE_REGISTRY: dict[Step, type[Page]] = {}


def register_page(*steps: Step) -> Callable[[PageT], PageT]:
    """Class decorator: show this page for ``steps``. A later registration for a step replaces it."""
    if not steps:
        raise ValueError("register_page needs at least one step")

    def decorate(cls: PageT) -> PageT:
        for step in steps:
            PAGE_REGISTRY[step] = cls
        return cls

    return decorate


class YesNo(QWidget):
    """An explicit Yes / No choice (no answer until the person picks one), keyboard-operable.

    Signals:
        changed(): the answer changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.yes = QRadioButton()
        self.no = QRadioButton()
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        layout.addStretch(1)
        for button in (self.yes, self.no):
            button.installEventFilter(self)  # arrow keys choose, not only move (keyboard users)
        self.yes.toggled.connect(lambda _checked: self.changed.emit())
        self.no.toggled.connect(lambda _checked: self.changed.emit())
        self.set_question("")

    def set_question(self, question: str, description: str | None = None) -> None:
        """Set the translated button texts and accessible names that carry ``question`` for screen readers.

        Args:
            question: the question the answer belongs to (part of each button's accessible name).
            description: extra help read out with each button (default: how to choose).
        """
        yes, no = translate("YesNo", "Yes"), translate("YesNo", "No")
        self.yes.setText(yes)
        self.no.setText(no)
        self.yes.setAccessibleName(f"{question}: {yes}" if question else yes)
        self.no.setAccessibleName(f"{question}: {no}" if question else no)
        help_text = description or translate(
            "YesNo", "Choose Yes or No. The arrow keys move between the two answers."
        )
        self.yes.setAccessibleDescription(help_text)
        self.no.setAccessibleDescription(help_text)
        self.setAccessibleName(question)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        if event.type() == QEvent.Type.KeyPress and watched in (self.yes, self.no):
            assert isinstance(event, QKeyEvent)
            if event.key() in arrows and not event.modifiers():
                other = self.no if watched is self.yes else self.yes
                other.setFocus(Qt.FocusReason.TabFocusReason)
                other.setChecked(True)
                return True
        return super().eventFilter(watched, event)

    def value(self) -> bool | None:
        """True for Yes, False for No, None when not answered."""
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def set_value(self, value: bool | None) -> None:
        self.group.setExclusive(False)  # an exclusive group cannot be cleared
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.group.setExclusive(True)
