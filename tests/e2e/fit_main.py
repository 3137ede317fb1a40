"""Subprocess entry for the screen-fit test: open the real window at one size and scale, walk its pages and
dialogs, and report what lies outside the screen's available geometry (taskbar excluded).

Usage: python -m tests.e2e.fit_main OUT_DIR LOCALE [LOCALE ...]
Run with QT_QPA_PLATFORM=xcb, DISPLAY on an Xvfb+openbox desktop and QT_SCALE_FACTOR for the scaling.
For each page (and the Settings dialog) it checks that the primary action and the focused widget lie inside
the available geometry and inside every scroll area around them, and on the screens where it matters that
the page title (consent), the question (reading and recording, where the screen has room) or the codes (Done,
after a real send to a local intake server) show too. It saves ``OUT_DIR/<locale>/<name>.png`` and prints
one JSON line: ``{"problems": [...], "checked": N}``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QScrollArea, QWidget

from recorder.demo.server import DemoServer
from recorder.flow import Event, Phase, Step
from tests.e2e.driver import wait_until
from tests.helpers.flow_app import make_context, short_campaign
from ui.main_window import MainWindow
from ui.pages.done import DonePage
from ui.settings_dialog import SettingsDialog
from ui.theme import apply_theme
from ui.widgets.window_behaviour import install_window_behaviour


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def outside(widget: QWidget, what: str) -> list[str]:
    """Why ``widget`` is not fully in view: off the available screen area or scrolled out of a scroll area."""
    screen = widget.screen()
    area = screen.availableGeometry()
    rect = global_rect(widget)
    found = []
    if not area.contains(rect):
        found.append(f"{what} ({type(widget).__name__} {rect.getRect()}) is outside {area.getRect()}")
    shown = widget.visibleRegion().boundingRect()
    if (
        widget.isVisible()
        and shown.height() < min(widget.height(), 48)
        and not isinstance(widget, QScrollArea)
    ):
        found.append(f"{what} ({type(widget).__name__}) is cut off by its window (shown {shown.getRect()})")
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            view = global_rect(parent.viewport())
            # A widget taller than half the view (a video, an error summary of long questions under the page
            # title) only needs its top in view: the title stays with it and the rest scrolls (SC 2.4.11 asks
            # that focus is not entirely hidden).
            big = rect.height() > view.height() // 2
            needed = QRect(rect.x(), rect.y(), rect.width(), 48) if big else rect
            if not view.contains(needed):
                found.append(f"{what} ({type(widget).__name__}) is scrolled out of view")
        parent = parent.parentWidget()
    return found


class Checker:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.problems: list[str] = []
        self.checked = 0

    def screen(self, window: QWidget, name: str, primary: QWidget | None) -> None:
        QTest.qWait(350)  # the window manager places and maps; the page's own focus timer fires
        QApplication.processEvents()
        pixmap = window.screen().grabWindow(0)  # the whole screen: what a person sees, taskbar strip too
        pixmap.save(str(self.out / f"{name}.png"))
        if primary is not None:
            self.problems += [f"{name}: {p}" for p in outside(primary, "primary action")]
        focused = QApplication.focusWidget()
        if focused is None:
            self.problems.append(f"{name}: nothing has keyboard focus")
        else:
            self.problems += [f"{name}: {p}" for p in outside(focused, "focused widget")]
        self.checked += 1

    def in_view_where_there_is_room(self, window: QWidget, name: str, widget: QWidget, what: str) -> None:
        """Where the window has room (at least 1000x560 logical pixels), ``widget`` (the question, the
        withdrawal code) shows with the action (below that, at 150 % on a 768-line screen, the page
        scrolls; the action and focus still show)."""
        if window.width() >= 1000 and window.height() >= 560:
            self.problems += [f"{name}: {p}" for p in outside(widget, what)]


def run_locale(locale: str, out: Path, server: DemoServer) -> Checker:
    out.mkdir(parents=True, exist_ok=True)
    checker = Checker(out)
    work = Path(tempfile.mkdtemp(prefix=f"vb-fit-{locale}-"))
    ctx = make_context(
        work,
        campaign_path=short_campaign(work, max_duration_s=8, countdown_s=2),
        extra={"server_url": server.url, "upload_key": server.upload_key},
    )
    ctx.translations.set_locale(locale)
    ctx.machine.model.locale = locale
    window = MainWindow(ctx, confirm=lambda *_a: True)
    window.show()
    window.raise_()
    window.activateWindow()
    wait_until(window.isActiveWindow, 20, "the window to become active")
    machine = ctx.machine
    checker.screen(window, "01-welcome", window.next_button)
    window.go(Event.NEXT)
    checker.screen(window, "02-about-you", window.next_button)
    window.go(Event.NEXT)
    # Consent opens at its top, the reading area focused: what people agree to is read before the questions.
    checker.screen(window, "02b-consent", window.next_button)
    title = window.current_page.title_label
    checker.problems += [f"02b-consent: {p}" for p in outside(title, "the page title")]
    window.go(Event.NEXT)  # nothing answered: the error summary, focused
    checker.screen(window, "03-consent-errors", window.next_button)
    title = window.current_page.title_label  # the summary is at the top: the page's title shows with it
    checker.problems += [f"03-consent-errors: {p}" for p in outside(title, "the page title")]
    last = window.current_page.findChildren(QWidget, "ErrorGroup")[-1]
    yes = last.findChildren(QWidget)[-1]
    yes.setFocus()  # a field at the bottom of the page, focused by code (a summary link)
    checker.screen(window, "03b-consent-last-question", window.next_button)
    machine.give_consent("fit", "0" * 64, {"record_and_use": True})
    machine.fire(Event.NEXT)
    checker.screen(window, "04-device-check", window.next_button)
    machine.fire(Event.NEXT)
    assert machine.state.step is Step.PROMPT
    page = window.current_page
    record = getattr(page, "record_button", None)
    wait_until(lambda: record is not None and record.hasFocus(), 20, "Record to have focus")
    checker.screen(window, "05-prompt-read", record)
    question = page.prompt_label
    checker.in_view_where_there_is_room(window, "05-prompt-read", question, "the question")
    dialog = SettingsDialog(ctx.config, window)
    dialog.show()
    wait_until(dialog.isActiveWindow, 20, "the Settings dialog to become active")
    save = dialog.findChild(QDialogButtonBox).buttons()[0]
    checker.screen(dialog, "06-settings", save)
    dialog.close()
    window.activateWindow()
    wait_until(window.isActiveWindow, 20, "the window to become active again")

    # Recording: the question, its tips and Stop together (a person answers what they can see).
    record.click()
    wait_until(lambda: machine.state.phase is Phase.RECORDING, 30, "recording to start")
    wait_until(page.stop_button.hasFocus, 30, "Stop to have focus once the camera records")
    checker.screen(window, "07-recording", page.stop_button)
    checker.in_view_where_there_is_room(window, "07-recording", question, "the question")
    page.stop_button.click()
    wait_until(lambda: machine.state.phase is Phase.CHECK, 60, "the take to be checked")
    checker.screen(window, "08-check", page.keep_button)
    for _ in range(machine.state.prompt_count):  # keep this answer, skip the rest
        if machine.state.step is Step.PROMPT and machine.state.phase is Phase.CHECK:
            page.keep_button.click()
        elif machine.state.step is Step.PROMPT:
            page.read_panel.skip_button.click()
        wait_until(lambda: machine.state.phase is not Phase.CHECK, 20, "the next question")
    wait_until(lambda: machine.state.step is Step.CHECK_AND_SEND, 20, "Check your answers and send")
    send_page = window.current_page
    QTest.qWait(1500)  # its pictures and the summary arrive after it is shown (and grow the page)
    checker.screen(window, "09-check-and-send", send_page.send_button)  # type: ignore[attr-defined]
    send_page.send_button.click()  # type: ignore[attr-defined]
    wait_until(lambda: machine.state.step is Step.DONE, 120, "Done, once the server has the answers")
    done = window.current_page
    assert isinstance(done, DonePage)
    wait_until(lambda: done.withdrawal_code is not None, 30, "the withdrawal code")
    checker.screen(window, "10-done", None)  # Finish is at the bottom: the codes are what must show
    # It opens at its top with the reference code; both codes where the screen has room (at 150 % on a
    # 768-line screen the withdrawal code is a scroll below).
    checker.problems += [f"10-done: {p}" for p in outside(done.reference_label, "the reference code")]
    checker.in_view_where_there_is_room(window, "10-done", done.withdrawal_label, "the withdrawal code")
    window.close()
    ctx.translations.set_locale("en")
    return checker


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    install_window_behaviour(app)  # as ui.app does
    problems: list[str] = []
    checked = 0
    server = DemoServer.start(Path(tempfile.mkdtemp(prefix="vb-fit-server-")))
    try:
        for locale in argv[1:] or ["en"]:
            checker = run_locale(locale, out / locale, server)
            problems += [f"{locale} {p}" for p in checker.problems]
            checked += checker.checked
    finally:
        server.stop()
    print(json.dumps({"problems": problems, "checked": checked}))
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
