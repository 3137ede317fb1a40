"""The Help menu: "Copy diagnostics" (a redacted report on the clipboard for IT) and "Open log folder".

The report is built off the UI thread (it reads the log file) by :func:`recorder.diagnostics.build_report`;
only the clipboard and the message box are touched on the UI thread. :func:`protect_person_details` makes
the person's details known to the redactor as they type them, so logs and reports never contain them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox

from recorder.config import Config
from recorder.diagnostics import build_report
from recorder.flow import FlowMachine
from recorder.logs import current_log_path, default_log_dir, register_config_secrets
from recorder.redact import REDACTOR
from ui.i18n import translate
from ui.tasks import Task, tasks

log = logging.getLogger(__name__)

#: Shows a finished message: (title, text) -> None. Tests pass a recorder instead of a modal box.
Notifier = Callable[[str, str], None]


def protect_person_details(machine: FlowMachine, config: Config) -> Callable[[], None]:
    """Register the person's details (read fresh from ``machine.model`` each time, so a reset or a new
    person is covered) and the upload key with the redactor; returns an unregister function."""
    register_config_secrets(config.network_values())
    remove_name = REDACTOR.add_source(lambda: [machine.model.name.value], words=True)
    remove_other = REDACTOR.add_source(lambda: [machine.model.job_title.value, machine.model.employer.value])

    def remove() -> None:
        remove_name()
        remove_other()

    return remove


def qt_facts() -> list[str]:
    """Qt lines for the report (UI thread: reads the application and its screens)."""
    app = QGuiApplication.instance()
    lines = [f"PySide6 {pyside_version}", f"Platform: {QGuiApplication.platformName()}"]
    if isinstance(app, QGuiApplication):
        for screen in app.screens():
            size = screen.size()
            lines.append(
                f"Screen {screen.name()}: {size.width()}x{size.height()} at {screen.devicePixelRatio()}x"
            )
    return lines


class HelpMenu:
    """Adds the Help menu to ``window`` and runs its actions.

    Args:
        window: the main window (its menu bar gets the menu).
        config: the running configuration (for the report).
        notify: how to tell the person the outcome (default: a message box).
    """

    def __init__(self, window: QMainWindow, config: Config, notify: Notifier | None = None) -> None:
        self.window = window
        self.config = config
        self.notify: Notifier = notify or self._message_box
        self.task: Task | None = None
        self.menu = window.menuBar().addMenu("")
        self.copy_action = QAction(window)
        self.open_logs_action = QAction(window)
        self.menu.addAction(self.copy_action)
        self.menu.addAction(self.open_logs_action)
        self.copy_action.triggered.connect(self.copy_diagnostics)
        self.open_logs_action.triggered.connect(self.open_log_folder)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(translate("HelpMenu", "&Help"))
        self.copy_action.setText(translate("HelpMenu", "Copy &diagnostics for IT"))
        self.copy_action.setToolTip(
            translate("HelpMenu", "Copies a report for IT support. Names, keys and passwords are removed.")
        )
        self.open_logs_action.setText(translate("HelpMenu", "Open the &log folder"))

    def copy_diagnostics(self) -> None:
        """Build the report on a worker; put it on the clipboard when done."""
        if self.task is not None and not self.task.done:
            return
        facts = qt_facts()
        config, log_path = self.config, current_log_path()
        self.copy_action.setEnabled(False)
        self.task = tasks().run(
            lambda _job: build_report(config, log_path=log_path, extra_sections={"Qt": facts}),
            owner=self,
            on_success=self._copied,
            on_failure=self._failed,
            name="diagnostics",
        )

    def _copied(self, report: object) -> None:
        self.copy_action.setEnabled(True)
        QGuiApplication.clipboard().setText(str(report))
        self.notify(
            translate("HelpMenu", "Diagnostics copied"),
            translate(
                "HelpMenu",
                "A report for IT support is on the clipboard. Paste it into your message to them. "
                "Names, keys and passwords have been removed.",
            ),
        )

    def _failed(self, error: BaseException) -> None:
        self.copy_action.setEnabled(True)
        log.error("The diagnostics report could not be made: %s", error)
        self.notify(
            translate("HelpMenu", "Diagnostics not copied"),
            translate("HelpMenu", "The report for IT support could not be made. Please try again."),
        )

    def open_log_folder(self) -> None:
        path = current_log_path()
        folder = path.parent if path is not None else default_log_dir()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.notify(
                translate("HelpMenu", "Log folder"),
                translate("HelpMenu", "The log folder is here:") + f"\n{folder}",
            )

    def _message_box(self, title: str, text: str) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        box.exec()
