"""Drives the real main window through the whole support-worker flow with the keyboard only.

Used by the keyboard end-to-end test (with pytest-qt) and by the Xvfb screenshot run (in a subprocess, no
pytest). Every action is a key press sent to the focused widget (``QTest.keyClick``); no mouse events and
no direct calls into pages. ``on_screen(name)`` is called once on each screen, e.g. to save a screenshot.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from recorder.flow import Phase, Step
from ui.main_window import MainWindow


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the event loop until ``condition()`` holds; AssertionError naming ``what`` on timeout."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for: {what}")
        QApplication.processEvents()
        QTest.qWait(20)


class KeyboardDriver:
    """Keyboard-only walk from Welcome to Done.

    Args:
        window: the shown main window.
        on_screen: called with a screen name after each screen has settled (screenshots).
        timeout_s: the longest wait for any one step (finishing a take, sending).
    """

    def __init__(
        self, window: MainWindow, on_screen: Callable[[str], None] | None = None, timeout_s: float = 60.0
    ) -> None:
        self.window = window
        self.on_screen = on_screen or (lambda _name: None)
        self.timeout_s = timeout_s
        self.keys_pressed = 0

    # -- primitives -----------------------------------------------------------------------------
    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        return widget if widget is not None else self.window

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.focused(), key, modifier)
        self.keys_pressed += 1
        QApplication.processEvents()

    def shortcut(self, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
        """A window shortcut (Alt+Right for Next, Ctrl+R ...), sent to whatever has focus."""
        self.key(key, modifier)

    def type_text(self, text: str) -> None:
        """Type ``text`` into the focused widget, one key press per character (â, ŵ... as typed text)."""
        for char in text:
            if char.isascii():
                QTest.keyClick(self.focused(), char)
            else:  # QTest maps only ASCII to keys; other letters arrive as the text of a key event
                QTest.sendKeyEvent(
                    QTest.KeyAction.Click,
                    self.focused(),
                    Qt.Key.Key_unknown,
                    char,
                    Qt.KeyboardModifier.NoModifier,
                )
            self.keys_pressed += 1
        QApplication.processEvents()

    def tab_to(self, target: QWidget, limit: int = 200) -> None:
        """Press Tab until ``target`` has focus (it must be in the tab order)."""
        wait_until(lambda: target.isVisible() and target.isEnabled(), self.timeout_s, "a control to appear")
        for _ in range(limit):
            if target.hasFocus():
                return
            self.key(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {target.accessibleName() or target.objectName()!r}")

    def step(self) -> Step:
        return self.window.ctx.machine.state.step

    def phase(self) -> Phase:
        return self.window.ctx.machine.state.phase

    def wait_step(self, step: Step, phase: Phase | None = None) -> None:
        def there() -> bool:
            return self.step() is step and (phase is None or self.phase() is phase)

        wait_until(there, self.timeout_s, f"{step.value} {phase.value if phase else ''}")

    def settle(self, ms: int = 120) -> None:
        QTest.qWait(ms)

    def next(self) -> None:
        """Alt+Right, the window's Next shortcut."""
        wait_until(self.window.next_button.isEnabled, self.timeout_s, "Next to be enabled")
        self.shortcut(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)

    def back(self) -> None:
        """Alt+Left, the window's Back shortcut."""
        self.shortcut(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)

    # -- the walk -------------------------------------------------------------------------------
    def run(self, name: str = "Sam Jones") -> str:
        """Welcome → … → Done; returns the reference code shown.

        Args:
            name: typed as the person's name, with Yes to showing it (the other details stay empty).
        """
        self.wait_step(Step.WELCOME)
        self.settle()
        self.on_screen("01-welcome")
        self.next()

        self.wait_step(Step.ABOUT_YOU)
        about = self.window.current_page
        self.tab_to(about.rows["name"].edit)  # type: ignore[attr-defined]
        self.type_text(name)
        self.tab_to(about.rows["name"].show.yes)  # type: ignore[attr-defined]
        self.key(Qt.Key.Key_Space)
        self.settle()
        self.on_screen("02-about-you")
        self.next()

        self.wait_step(Step.CONSENT)
        self.back()  # every step has a way back; the details typed are still there
        self.wait_step(Step.ABOUT_YOU)
        assert about.rows["name"].edit.text() == name  # type: ignore[attr-defined]
        self.next()
        self.wait_step(Step.CONSENT)
        page = self.window.current_page
        self.settle()
        self.on_screen("03-consent")
        for answer in page.choices.values():  # type: ignore[attr-defined]
            self.tab_to(answer.yes)
            self.key(Qt.Key.Key_Space)
        self.next()

        self.wait_step(Step.DEVICE_CHECK)
        device_page = self.window.current_page
        wait_until(lambda: device_page.preview.frames_shown > 3, self.timeout_s, "the camera preview")  # type: ignore[attr-defined]
        self.settle(600)
        self.on_screen("04-device-check")
        self.next()

        prompt_count = self.window.ctx.machine.state.prompt_count
        for index in range(prompt_count):
            self.answer_prompt(index)

        self.wait_step(Step.CHECK_AND_SEND)
        self.settle(300)
        self.on_screen("11-review")
        review = self.window.current_page
        self.tab_to(review.send_button)  # type: ignore[attr-defined]
        self.key(Qt.Key.Key_Space)
        self.wait_step(Step.SENDING)
        self.settle(50)
        self.on_screen("12-sending")
        self.wait_step(Step.DONE)
        self.settle()
        self.on_screen("13-done")
        reference = self.window.ctx.machine.model.reference
        assert reference
        return reference

    def answer_prompt(self, index: int) -> None:
        self.wait_step(Step.PROMPT, Phase.READ)
        page = self.window.current_page
        wait_until(lambda: page.record_button.hasFocus(), self.timeout_s, "Record to have focus")  # type: ignore[attr-defined]
        if index == 0:
            wait_until(lambda: page.preview.frames_shown > 2, self.timeout_s, "the prompt preview")  # type: ignore[attr-defined]
            self.settle(300)
            self.on_screen("05-prompt-read")
        self.shortcut(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        if self.window.ctx.machine.state.phase is Phase.COUNTDOWN and index == 0:
            self.settle(100)
            self.on_screen("06-countdown")
        self.wait_step(Step.PROMPT, Phase.RECORDING)
        wait_until(lambda: page.stop_button.hasFocus(), self.timeout_s, "Stop to have focus")  # type: ignore[attr-defined]
        if index == 0:
            self.settle(700)
            self.on_screen("07-recording")
            # the first answer runs into its time limit; the second is stopped with Space
        else:
            self.settle(1300)  # past the 1 s the test expects at least, before the 2 s limit
            self.key(Qt.Key.Key_Space)
        self.wait_step(Step.PROMPT, Phase.CHECK)
        wait_until(lambda: page.keep_button.hasFocus(), self.timeout_s, "Keep to have focus")  # type: ignore[attr-defined]
        if index == 0:
            self.settle(500)
            self.on_screen("08-check")
            self.shortcut(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # watch back
            self.wait_step(Step.PROMPT, Phase.WATCH_BACK)
            self.settle(800)
            self.on_screen("09-watch-back")
            self.shortcut(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # trim controls open...
            wait_until(lambda: page.trim.start_handle.hasFocus(), self.timeout_s, "the trim controls")  # type: ignore[attr-defined]
            self.settle(200)
            self.on_screen("10-trim")
            self.shortcut(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # ...and close, nothing cut
        self.shortcut(Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
