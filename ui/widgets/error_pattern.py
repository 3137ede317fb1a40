"""Errors in the NHS design system's pattern: a summary at the top that links to each field, the message
at the field, a red left border on the field's group, cleared as soon as it is fixed, announced to screen
readers.

How to use it on a form (a page, a dialog)::

    summary = ErrorSummary()                       # put it at the top, under the title
    name_group = ErrorGroup()                      # wraps a question: label, message slot, control(s)
    name_group.add(name_label); name_group.add(name_edit)
    errors = FormErrors(summary)

    def problems() -> list[FieldProblem]:          # the form's checks, each tied to its group and control
        return [FieldProblem(name_group, name_edit, "Enter your name")] if not name_edit.text() else []

    errors.show(problems())                        # on submit: summary (focused), messages, red borders
    name_edit.textChanged.connect(errors.recheck)  # a fixed problem disappears at once

``errors.show_general("Sending stopped...")`` shows a problem that belongs to no field (summary only).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.i18n import translate


def restyle(widget: QWidget) -> None:
    """Apply the stylesheet again after a property its rules select on has changed (Qt does not look at
    dynamic properties again by itself: without this the red border of an error never showed)."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def show_from_top(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` back to its top when ``widget`` starts within the first
    screenful of the scrolled content (the summary under the page title: the title shows with it, and the
    summary's heading and first links below it, even when a long summary does not fit whole)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            inner = parent.widget()
            if inner is not None and inner.isAncestorOf(widget):
                top = widget.mapTo(inner, widget.rect().topLeft()).y()
                if top < parent.viewport().height() // 2:
                    parent.verticalScrollBar().setValue(0)
        parent = parent.parentWidget()


def announce(widget: QWidget, message: str) -> None:
    """Ask screen readers to read ``message`` out now (politely: after what they are saying)."""
    if message and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, message))


#: How far a question with an error moves right: the red left border (5 px) and the gap after it.
ERROR_INDENT_PX = 17


class ErrorGroup(QFrame):
    """One question of a form: its label and control(s), with a message slot above the controls.

    While it has a problem the group shows the message ("Error: ...") and a thick red left border
    (stylesheet: ``QFrame#ErrorGroup[error="true"]``).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ErrorGroup")
        self.setProperty("error", False)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(6)
        self.message_label = QLabel()
        self.message_label.setObjectName("FieldError")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self._message_index = -1  # where the message goes: after the first widget added (the label)

    def add(self, widget: QWidget, stretch: int = 0) -> None:
        """Add ``widget`` to the group; the error message goes right after the first one (its label)."""
        self.box.addWidget(widget, stretch)
        if self._message_index < 0:
            self.box.addWidget(self.message_label)
            self._message_index = self.box.indexOf(self.message_label)

    def set_message(self, message: str | None) -> None:
        """Show ``message`` at the field with the red border, or with None take both away."""
        if self._message_index < 0:  # a group with no widgets yet: the message goes first
            self.box.addWidget(self.message_label)
            self._message_index = 0
        text = translate("ErrorPattern", "Error: {message}").format(message=message) if message else ""
        self.message_label.setText(text)
        self.message_label.setAccessibleName(text)
        self.message_label.setVisible(bool(message))
        if self.property("error") is not bool(message):
            self.setProperty("error", bool(message))
            # The border is the stylesheet's; the room for it beside the contents is the layout's.
            self.box.setContentsMargins(ERROR_INDENT_PX if message else 0, 0, 0, 0)
            restyle(self)

    @property
    def message(self) -> str:
        return self.message_label.text()


class ErrorLink(QLabel):
    """A link in the error summary: focusable, pressed by click, Return or Space, and its text wraps
    (a long question never makes the summary wider than the page).

    Signals:
        clicked(): the link was pressed.
    """

    clicked = Signal()

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setObjectName("ErrorLink")
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(text)
        self.setAccessibleDescription(translate("ErrorPattern", "Goes to the question with the problem."))

    def click(self) -> None:
        self.clicked.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.click()
        else:
            super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.click()
        else:
            super().mouseReleaseEvent(event)


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one field: its group, the control that gets focus from the summary link, the text."""

    group: ErrorGroup
    control: QWidget
    message: str


class ErrorSummary(QFrame):
    """ "There is a problem" and a link (a button that moves focus to the field) per problem.

    Also shows a problem that belongs to no field (``show_general``). Focused when shown, so the keyboard
    and screen reader start at the list of problems (NHS pattern); hidden while there is nothing to show.

    Signals:
        link_activated(object): the :class:`FieldProblem` whose link was pressed (after focus moved).
    """

    link_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ErrorSummary")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("ErrorPattern", "There is a problem"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.title_label = QLabel()
        self.title_label.setObjectName("ErrorSummaryTitle")
        self.general_label = QLabel()
        self.general_label.setObjectName("ErrorSummaryText")
        self.general_label.setWordWrap(True)
        self.general_label.hide()
        layout.addWidget(self.title_label)
        layout.addWidget(self.general_label)
        self.links_box = QVBoxLayout()
        self.links_box.setSpacing(2)
        layout.addLayout(self.links_box)
        self.links: list[ErrorLink] = []
        self._problems: list[FieldProblem] = []
        self._general = ""
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.title_label.setText(translate("ErrorPattern", "There is a problem"))
        self.setAccessibleName(translate("ErrorPattern", "There is a problem"))

    def text(self) -> str:
        """Every message shown, one per line (what a screen reader hears after the title)."""
        lines = [self._general] if self._general else []
        return "\n".join(lines + [p.message for p in self._problems])

    @property
    def problems(self) -> list[FieldProblem]:
        return list(self._problems)

    def set_content(self, problems: Sequence[FieldProblem], general: str = "") -> None:
        """Show ``general`` and a link per problem (hidden when both are empty)."""
        self._problems = list(problems)
        self._general = general
        self.general_label.setText(general)
        self.general_label.setVisible(bool(general))
        for link in self.links:
            self.links_box.removeWidget(link)
            link.deleteLater()
        self.links = []
        for problem in self._problems:
            link = ErrorLink(problem.message)
            link.clicked.connect(lambda p=problem: self._follow(p))
            self.links_box.addWidget(link)
            self.links.append(link)
        self.setAccessibleDescription(self.text())
        self.setVisible(bool(self._problems or general))

    def _follow(self, problem: FieldProblem) -> None:
        problem.control.setFocus(Qt.FocusReason.OtherFocusReason)
        self.link_activated.emit(problem)


class FormErrors:
    """Shows a form's problems in the summary and at each field, and takes each away once it is fixed."""

    def __init__(self, summary: ErrorSummary, *, focus_summary: bool = True) -> None:
        self.summary = summary
        self.focus_summary = focus_summary
        self._check: Callable[[], Sequence[FieldProblem]] | None = None
        self._groups: list[ErrorGroup] = []

    def show(
        self, problems: Sequence[FieldProblem], check: Callable[[], Sequence[FieldProblem]] | None = None
    ) -> None:
        """Show ``problems`` (empty clears). ``check`` re-runs the form's checks for :meth:`recheck`."""
        self._check = check
        for group in self._groups:
            group.set_message(None)
        self._groups = []
        for problem in problems:
            if problem.group not in self._groups:  # the first problem of a group is the one shown there
                problem.group.set_message(problem.message)
                self._groups.append(problem.group)
        self.summary.set_content(problems)
        if problems:
            self._draw_attention(focus=self.focus_summary)

    def show_general(self, message: str | None, *, focus: bool = False) -> None:
        """Show a problem that belongs to no field (None clears everything); announced, and focused when
        ``focus`` (the person's place stays where it was otherwise, e.g. on Try again)."""
        self.show([])
        self.summary.set_content([], message or "")
        if message:
            self._draw_attention(focus=focus)

    def clear(self) -> None:
        self.show([])

    def recheck(self, *_args: object) -> None:
        """A field changed: drop the problems that are fixed now (new problems wait for the next submit)."""
        if self._check is None or not self._groups:
            return
        shown = set(self._groups)
        still = [p for p in self._check() if p.group in shown]
        kept_groups = {p.group for p in still}
        for group in self._groups:
            if group not in kept_groups:
                group.set_message(None)
        self._groups = [g for g in self._groups if g in kept_groups]
        self.summary.set_content(still)

    def _draw_attention(self, *, focus: bool) -> None:
        if focus and self.summary.window().isVisible():
            self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
            QTimer.singleShot(0, self.summary, lambda: show_from_top(self.summary))
        announce(self.summary, f"{self.summary.accessibleName()}. {self.summary.text()}")
