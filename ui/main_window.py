"""The main window: a stack of pages that follows the flow machine, with Back / Next / Cancel underneath.

The window owns no flow logic. On every state change from :class:`recorder.flow.FlowMachine` it shows
the page registered for the step (:func:`ui.pages.base.register_page`) and updates the navigation bar
from the page's :meth:`~ui.pages.base.Page.nav`. A page is built the first time its step is shown: its
module (:data:`ui.pages.catalogue.PAGE_MODULES`) is imported then, so start-up loads only the first
screen, and OpenCV, QtMultimedia and the outbox come with the pages that use them. One instance serves
every step its class is registered for. Events from the buttons and from pages go through
:meth:`MainWindow.go`, which validates the page before NEXT and asks the person before anything is lost.

Keyboard: Back = Alt+Left (or Alt+B), Next = Alt+Right (or Alt+N), Cancel = Alt+C, Settings = Ctrl+,;
Tab moves through the page, then Back, Cancel, Next.

Booth mode (``booth_mode``, set by IT): the window opens full screen (``ui.app``), Settings and the log
folder are not offered, and :class:`ui.idle_guard.IdleGuard` discards an idle person's session; outside
booth mode the same guard only asks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from recorder.flow import ConfirmationNeeded, Event, FlowError, FlowState, Loss, Step
from recorder.ports import Clock
from ui.diagnostics import HelpMenu
from ui.i18n import Retranslating, translate
from ui.idle_guard import IdleGuard, idle_policy
from ui.pages.base import Nav, Page, PageContext
from ui.pages.catalogue import Pages, page_class
from ui.tasks import Task, tasks
from ui.widgets.nav_bar import NavBar
from ui.widgets.window_behaviour import below_first_screenful

if TYPE_CHECKING:
    from recorder.outbox import SendResult

log = logging.getLogger(__name__)

#: Asks the person a yes/no question: (title, text, yes label, no label) -> True for yes.
Confirmer = Callable[[str, str, str, str], bool]


def loss_sentences(losses: tuple[Loss, ...]) -> list[str]:
    """Translated sentences for what would be lost."""
    sentences = {
        Loss.DETAILS: translate("MainWindow", "the details you entered about yourself"),
        Loss.CONSENT: translate("MainWindow", "your consent answers"),
        Loss.KEPT_TAKES: translate("MainWindow", "the answers you have recorded and kept"),
        Loss.CURRENT_TAKE: translate("MainWindow", "the recording you are making now"),
    }
    return [sentences[loss] for loss in losses]


def message_box_confirm(parent: QWidget) -> Confirmer:
    """A :data:`Confirmer` that shows a modal message box with the safe answer as the default."""

    def ask(title: str, text: str, yes_label: str, no_label: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        yes = box.addButton(yes_label, QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton(no_label, QMessageBox.ButtonRole.RejectRole)
        yes.setAccessibleName(yes_label)
        no.setAccessibleName(no_label)
        yes.setAccessibleDescription(text)
        no.setAccessibleDescription(
            translate("MainWindow", "Nothing is deleted. This is the default answer.")
        )
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    return ask


class MainWindow(Retranslating, QMainWindow):
    """The app window for the support-worker flow.

    Args:
        ctx: shared page context (machine, campaign, config, translations).
        confirm: how to ask yes/no questions (default: a message box); tests pass a stub answerer.
        idle_clock: the clock of the idle timeout (default: the services' clock; a fake one in tests).
    """

    def __init__(
        self, ctx: PageContext, *, confirm: Confirmer | None = None, idle_clock: Clock | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.confirm: Confirmer = confirm or message_box_confirm(self)
        self.pages = Pages(self._build_page)
        self._current: Page | None = None

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.back_button = QPushButton()
        self.cancel_button = QPushButton()
        self.settings_button = QPushButton()
        self.next_button = QPushButton()
        self.next_button.setObjectName("PrimaryButton")
        # Outside the page's scroll area: the actions stay visible on any screen (two rows when narrow).
        self.nav_bar = NavBar(self.back_button, [self.settings_button, self.cancel_button], self.next_button)
        layout.addWidget(self.nav_bar)
        self.setCentralWidget(central)
        self.help_menu = HelpMenu(self, ctx.config)  # Help > Copy diagnostics for IT

        self.back_button.clicked.connect(lambda: self.go(Event.BACK))
        self.next_button.clicked.connect(self._next_clicked)
        self.cancel_button.clicked.connect(lambda: self.go(Event.CANCEL))
        self.settings_button.clicked.connect(self.open_settings)
        for keys, button in (
            ("Alt+Left", self.back_button),
            ("Alt+Right", self.next_button),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(
                lambda b=button: b.click() if b.isVisible() and b.isEnabled() else None
            )
        settings_shortcut = QShortcut(QKeySequence("Ctrl+,"), self)
        settings_shortcut.activated.connect(self.open_settings)

        self._unsubscribe = ctx.machine.subscribe(self._on_state)
        self.booth = ctx.config.flag("booth_mode")
        policy = idle_policy(ctx.config)
        self.idle = IdleGuard(ctx.session, self.stack, self.nav_bar, policy, idle_clock or ctx.services.clock)
        if self.booth:  # a shared PC: nothing the next person could change or open
            self.settings_button.hide()
            settings_shortcut.setEnabled(False)
            self.help_menu.open_logs_action.setVisible(False)
        self.retranslate()
        self.resize(1024, 760)
        self._on_state(ctx.machine.state)

    def _build_page(self, step: Step) -> Page:
        """The page for ``step``: the instance of its class if built for another step, else a new one."""
        cls = page_class(step)
        page = next((p for p in self.pages.built() if type(p) is cls), None)
        if page is None:
            page = cls(self.ctx)
            page.requested.connect(self.go)
            page.nav_changed.connect(self._refresh_nav)
            page.set_fire_hook(self.run_flow_action)
            self.stack.addWidget(page)
        return page

    # -- flow ------------------------------------------------------------------------------------------
    @property
    def current_page(self) -> Page:
        assert self._current is not None
        return self._current

    def go(self, event: Event) -> bool:
        """Fire ``event`` for the current page: validate before NEXT, confirm losses, report errors.

        Returns:
            True when the flow moved.
        """
        page = self.current_page
        if event is Event.NEXT:
            problems = page.problems()
            if problems:
                page.show_problems(problems)
                return False
            problem = page.validate()
            if problem:
                page.show_error(problem)
                return False
            page.show_problems([])
            page.commit()
        return self.run_flow_action(lambda: self.ctx.machine.fire(event))

    def run_flow_action(self, action: Callable[[], object]) -> bool:
        """Run a machine call; ask before losing anything; show flow errors on the page."""
        page = self.current_page
        try:
            action()
        except ConfirmationNeeded as need:
            if not self._confirm_losses(need.event, need.discards):
                return False
            try:
                self.ctx.machine.fire(need.event, confirmed=True)
            except FlowError as error:
                return self._flow_error(page, error)
        except FlowError as error:
            return self._flow_error(page, error)
        return True

    def _flow_error(self, page: Page, error: FlowError) -> bool:
        log.info("Flow refused: %s", error)
        page.show_error(translate("MainWindow", "That is not possible right now. Please check this page."))
        return False

    def _confirm_losses(self, event: Event, losses: tuple[Loss, ...]) -> bool:
        items = "\n".join(f"• {s}" for s in loss_sentences(losses))
        if event is Event.CANCEL:
            title = translate("MainWindow", "Stop and start again?")
            text = translate("MainWindow", "If you stop now, this will be deleted from this computer:")
            yes = translate("MainWindow", "Yes, delete and start again")
        else:
            title = translate("MainWindow", "Discard this recording?")
            text = translate("MainWindow", "If you go on, this will be deleted:")
            yes = translate("MainWindow", "Yes, delete it")
        no = translate("MainWindow", "No, keep it")
        return self.confirm(title, f"{text}\n{items}", yes, no)

    def _on_state(self, state: FlowState) -> None:
        page = self.pages[state.step]
        if page is not self._current:
            if self._current is not None:
                self._current.show_error(None)
                self._current.leave()
            self._current = page
            self.stack.setCurrentWidget(page)
            self._enter(page, state)
            # Focus the first control of the new page so keyboard users start at the top.
            QTimer.singleShot(0, self, lambda p=page: self._focus_first(p))  # cancelled if the window goes
        else:
            self._enter(page, state)
        self._refresh_nav()

    def _enter(self, page: Page, state: FlowState) -> None:
        """Let the page render ``state``; a failure there becomes a plain message, never a dead window."""
        try:
            page.enter(state)
        except Exception:
            log.exception("The %s screen could not start", state.step.value)
            page.show_error(
                translate(
                    "MainWindow",
                    "Something went wrong on this screen. Please go back and try again, or ask IT for help.",
                )
            )

    def _focus_first(self, page: Page) -> None:
        if page is not self._current or not self.isVisible():
            return
        widget: QWidget | None = page.nextInFocusChain()
        for _ in range(500):  # the focus chain is a ring over the whole window
            if widget is None or widget is page:
                return
            if (
                page.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                if below_first_screenful(page.scroll_area, widget):
                    # A page that starts with reading (consent): it opens at its top, the reading area
                    # focused (arrow keys and Page Down scroll it); Tab goes on to its first question.
                    page.scroll_area.verticalScrollBar().setValue(0)
                    page.scroll_area.setFocus(Qt.FocusReason.OtherFocusReason)
                else:
                    widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def _refresh_nav(self) -> None:
        if self._current is None:
            return
        nav: Nav = self._current.nav(self.ctx.machine.state)
        self.back_button.setVisible(nav.back)
        self.next_button.setVisible(nav.next)
        self.next_button.setEnabled(nav.next_enabled)
        self.cancel_button.setVisible(nav.cancel and self.ctx.machine.can_fire(Event.CANCEL))
        self.next_button.setText(nav.next_label or translate("MainWindow", "&Next"))
        self.back_button.setText(nav.back_label or translate("MainWindow", "&Back"))
        self.next_button.setAccessibleName(_plain(self.next_button.text()))
        self.back_button.setAccessibleName(_plain(self.back_button.text()))
        self.nav_bar.refit()

    def _next_clicked(self) -> None:
        self.go(Event.NEXT)

    def resume_unsent(self) -> Task:
        """At start-up: send what earlier runs queued, in the background (stops between chunks on quit).

        References of what was sent are shown on the first screen.
        """
        outbox = self.ctx.services.outbox
        return tasks().run(
            lambda job: outbox().send_pending(cancel=job.cancel),
            owner=self,
            on_success=self._resumed,
            on_failure=lambda error: log.info("Queued submissions were not sent yet: %s", error),
            name="resume sending",
        )

    def _resumed(self, results: list[SendResult]) -> None:
        from ui.pages.welcome import WelcomePage

        references = []
        for result in results:
            if result.error:
                log.info("A queued submission was not sent yet: %s", result.error)
            elif result.reference:
                log.info("A queued submission was sent at start-up")
                references.append(result.reference)
        first = self.pages[Step.WELCOME]
        if references and isinstance(first, WelcomePage):
            first.show_sent_earlier(references)

    # -- language, settings, closing -----------------------------------------------------------------
    def retranslate(self) -> None:
        if not shiboken6.isValid(self.help_menu.menu):
            # The window is being destroyed and its menu went first: a language change reaching it then (a
            # new window switching language while the old one is deleted) has nothing left to translate.
            return
        self.help_menu.retranslate()
        name = self.ctx.campaign.name.get(self.ctx.locale)
        self.setWindowTitle(translate("MainWindow", "Voicebooth") + " – " + name)
        self.cancel_button.setText(translate("MainWindow", "&Cancel"))
        self.cancel_button.setAccessibleName(translate("MainWindow", "Cancel and start again"))
        self.cancel_button.setAccessibleDescription(
            translate("MainWindow", "Asks before deleting anything you have entered or recorded.")
        )
        # No access key: Alt+S is Start's (Ctrl+comma opens Settings, as its description says).
        self.settings_button.setText(translate("MainWindow", "Settings"))
        self.settings_button.setAccessibleName(translate("MainWindow", "Settings"))
        self.settings_button.setAccessibleDescription(
            translate(
                "MainWindow",
                "Camera, microphone, language and countdown (Ctrl+comma). "
                "Settings made by your IT department are shown but cannot be changed.",
            )
        )
        self.back_button.setAccessibleDescription(translate("MainWindow", "Go back to the previous step."))
        self.next_button.setAccessibleDescription(translate("MainWindow", "Go on to the next step."))
        self.nav_bar.setAccessibleName(translate("MainWindow", "Navigation"))
        self._refresh_nav()

    def open_settings(self) -> None:
        if self.booth:
            return
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.config, self)
        dialog.exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        step = self.ctx.machine.state.step
        queued = step is Step.CHECK_AND_SEND and self.ctx.machine.model.submission_id is not None
        delete_folder = False
        if queued:  # sending stopped or failed: the outbox holds it and sends it at the next start
            ok = self.confirm(
                translate("MainWindow", "Close and send later?"),
                translate(
                    "MainWindow",
                    "Your video is saved on this computer and will be sent the next time you open "
                    "Voicebooth. Nothing is lost.",
                ),
                translate("MainWindow", "Close and send later"),
                translate("MainWindow", "Stay"),
            )
        elif step is Step.SENDING:
            ok = self.confirm(
                translate("MainWindow", "Close while sending?"),
                translate(
                    "MainWindow",
                    "Your video is still being sent. If you close Voicebooth now, sending will carry on "
                    "the next time you open it. Nothing is lost.",
                ),
                translate("MainWindow", "Close and send later"),
                translate("MainWindow", "Keep sending"),
            )
        else:
            losses = self.ctx.machine.losses_on_leave()
            delete_folder = bool(losses)
            ok = not losses or self.confirm(
                translate("MainWindow", "Close Voicebooth?"),
                translate("MainWindow", "If you close now, this will be deleted from this computer:")
                + "\n"
                + "\n".join(f"• {s}" for s in loss_sentences(losses)),
                translate("MainWindow", "Yes, close and delete"),
                translate("MainWindow", "No, stay"),
            )
        if not ok:
            event.ignore()
            return
        if self._current is not None:
            self._current.leave()
        # What the person agreed to lose goes now, not at some later start (a shared computer).
        self.ctx.session.close(delete=delete_folder)
        self.idle.stop()
        self._unsubscribe()
        event.accept()


def _plain(label: str) -> str:
    """A button text without its ``&`` mnemonic marker, for accessible names."""
    return label.replace("&&", "\x00").replace("&", "").replace("\x00", "&")
