"""Extra stylesheet rules for review mode (on top of the app's): section titles, the consent box, status.

Colours come from :data:`ui.theme.PALETTE`; the date fields get the same yellow focus as everything else
(the app stylesheet does not list QDateEdit, which only review mode uses).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.theme import PALETTE

REVIEW_STYLE = f"""
QLabel#SectionTitle {{ font-weight: bold; color: {PALETTE["blue"]}; margin-top: 6px; }}
QFrame#ConsentBox {{
    background: {PALETTE["white"]};
    border: 3px solid {PALETTE["blue"]};
    border-radius: 4px;
}}
QLabel#ConsentState {{ font-weight: bold; color: {PALETTE["success"]}; }}
QLabel#ConsentState[bad="true"] {{
    color: {PALETTE["error"]};
    border-left: 6px solid {PALETTE["error"]};
    padding-left: 8px;
}}
QLabel#ConsentUse {{ font-weight: bold; }}
QPushButton#DangerButton {{
    background: {PALETTE["white"]};
    color: {PALETTE["error"]};
    border: 2px solid {PALETTE["error"]};
    border-bottom: 4px solid {PALETTE["error"]};
}}
QPushButton#DangerButton:hover {{ background: {PALETTE["pale_grey"]}; }}
QPushButton#DangerButton:focus {{
    background: {PALETTE["focus"]};
    color: {PALETTE["focus_text"]};
    border: 3px solid {PALETTE["focus_text"]};
    border-bottom: 5px solid {PALETTE["focus_text"]};
    padding: 7px 17px 5px 17px;
}}
QPushButton#DangerButton:disabled {{
    background: {PALETTE["pale_grey"]};
    color: {PALETTE["secondary_text"]};
    border: 2px dashed {PALETTE["mid_grey"]};
}}
QFrame#DecisionBar {{ background: {PALETTE["white"]}; border-top: 2px solid {PALETTE["mid_grey"]}; }}
QFrame#ReviewBanner {{ background: {PALETTE["white"]}; border-bottom: 2px solid {PALETTE["error"]}; }}
QDateEdit {{ background: {PALETTE["white"]}; border: 2px solid {PALETTE["text"]}; padding: 6px; }}
QDateEdit:disabled {{ color: {PALETTE["secondary_text"]}; border: 2px dashed {PALETTE["mid_grey"]}; }}
QDateEdit:focus {{
    background: {PALETTE["focus"]};
    color: {PALETTE["focus_text"]};
    border: 3px solid {PALETTE["focus_text"]};
    border-bottom: 5px solid {PALETTE["focus_text"]};
}}
QTreeWidget {{ background: {PALETTE["white"]}; border: 2px solid {PALETTE["text"]}; }}
QTreeWidget::item:selected {{ background: {PALETTE["blue"]}; color: {PALETTE["white"]}; }}
QListWidget::item:selected {{ background: {PALETTE["blue"]}; color: {PALETTE["white"]}; }}
"""


def restyle(widget: QWidget) -> None:
    """Apply the stylesheet again after an object name or property the rules select on has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def show_label_text(
    label: QLabel, text: str, *, style_name: str | None = None, hide_when_empty: bool = False
) -> None:
    """Show ``text`` in ``label``, also as its accessible name (screen readers announce the change).

    Args:
        label: a message label (an error, a status line).
        text: the message; empty clears it.
        style_name: the stylesheet rule to use (``Error``, ``Hint``, ``Lead``), None to keep the current one.
        hide_when_empty: hide the label while there is no message.
    """
    label.setText(text)
    label.setAccessibleName(text)
    if style_name is not None:
        label.setObjectName(style_name)
        restyle(label)
    if hide_when_empty:
        label.setVisible(bool(text))
