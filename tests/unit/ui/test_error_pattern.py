"""The NHS error pattern: summary with links that move focus, message and red border at the field, each
problem gone as soon as it is fixed, focus on the summary when problems are shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.theme import PALETTE, stylesheet
from ui.widgets.error_pattern import ERROR_INDENT_PX, ErrorGroup, ErrorSummary, FieldProblem, FormErrors


def _left_edge(widget: QWidget) -> str:
    """The colour drawn 2 px in from the widget's left edge, half way down."""
    return widget.grab().toImage().pixelColor(2, widget.height() // 2).name()


class _Form(QWidget):
    def __init__(self, own_stylesheet: bool = True) -> None:
        super().__init__()
        if own_stylesheet:
            self.setStyleSheet(stylesheet())
        layout = QVBoxLayout(self)
        self.summary = ErrorSummary()
        layout.addWidget(self.summary)
        self.groups: list[ErrorGroup] = []
        self.edits: list[QLineEdit] = []
        for name in ("Name", "Email"):
            group = ErrorGroup()
            group.add(QLabel(name))
            edit = QLineEdit()
            group.add(edit)
            layout.addWidget(group)
            self.groups.append(group)
            self.edits.append(edit)
        self.errors = FormErrors(self.summary)
        for edit in self.edits:
            edit.textChanged.connect(self.errors.recheck)

    def problems(self) -> list[FieldProblem]:
        return [
            FieldProblem(group, edit, f"Enter {i}")
            for i, (group, edit) in enumerate(zip(self.groups, self.edits, strict=True))
            if not edit.text()
        ]


def test_summary_links_move_focus_and_each_problem_goes_once_fixed(qtbot: QtBot) -> None:
    form = _Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.errors.show(form.problems(), check=form.problems)
    assert form.summary.isVisible() and form.summary.hasFocus()
    assert [link.text() for link in form.summary.links] == ["Enter 0", "Enter 1"]
    for group in form.groups:
        assert group.property("error") is True and group.message_label.isVisible()
        assert group.message == group.message_label.accessibleName() and group.message.startswith("Error:")
    assert _left_edge(form.groups[0]) == PALETTE["error"].lower()  # the thick red left border is drawn

    qtbot.mouseClick(form.summary.links[1], Qt.MouseButton.LeftButton)
    assert form.edits[1].hasFocus()
    qtbot.keyClicks(form.edits[1], "a@b.nhs.uk")  # fixed: its message and link go at once
    assert form.groups[1].property("error") is False and form.groups[1].message_label.isHidden()
    assert [link.text() for link in form.summary.links] == ["Enter 0"]
    form.edits[1].clear()  # a new problem waits for the next submit (the person is still typing)
    assert [link.text() for link in form.summary.links] == ["Enter 0"]
    qtbot.keyClicks(form.edits[0], "Sam")
    assert form.summary.isHidden() and _left_edge(form.groups[0]) != PALETTE["error"].lower()


def test_the_red_border_shows_with_the_app_wide_stylesheet(qtbot: QtBot, qapp: QApplication) -> None:
    """As the app runs (apply_theme sets the stylesheet on the application, not on the window): Qt does not
    look at a changed dynamic property again by itself, so the border only shows if the group repolishes."""
    before = qapp.styleSheet()
    qapp.setStyleSheet(stylesheet())
    try:
        form = _Form(own_stylesheet=False)
        qtbot.addWidget(form)
        form.show()
        qtbot.waitExposed(form)
        assert _left_edge(form.groups[0]) != PALETTE["error"].lower()
        form.errors.show(form.problems(), check=form.problems)
        assert _left_edge(form.groups[0]) == PALETTE["error"].lower()
        label = form.groups[0].findChildren(QLabel)[0]
        qtbot.waitUntil(lambda: label.x() >= ERROR_INDENT_PX)  # the question moves right of the border
        qtbot.keyClicks(form.edits[0], "Sam")
        assert _left_edge(form.groups[0]) != PALETTE["error"].lower()
        qtbot.waitUntil(lambda: label.x() == 0)
    finally:
        qapp.setStyleSheet(before)
