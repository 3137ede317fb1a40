"""WCAG contrast of the style sheet's colour pairs, computed (not assumed): every text >= 4.5:1 on its
background, every control's boundary and state >= 3:1 (WCAG 2.2 SC 1.4.3 and 1.4.11)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.pages.base import YesNo
from ui.theme import PALETTE, apply_theme, stylesheet

#: (foreground, background, what): text on its background; must be >= 4.5:1.
TEXT_PAIRS = [
    ("text", "white", "body text, fields"),
    ("text", "pale_grey", "body text on the page"),
    ("secondary_text", "white", "hints, placeholders (QPalette.PlaceholderText)"),
    ("secondary_text", "pale_grey", "hints, disabled text on the page"),
    ("blue", "white", "button text"),
    ("white", "blue", "checked buttons, selected rows"),
    ("white", "success", "primary buttons"),
    ("error", "white", "error summary links, field messages"),
    ("error", "pale_grey", "error messages on the page"),
    ("focus_text", "focus", "focused controls"),
]
#: (boundary or state colour, background, what): must be >= 3:1.
BOUNDARY_PAIRS = [
    ("text", "white", "field borders, radio circles and the chosen dot"),
    ("text", "pale_grey", "field borders and radio circles on the page"),
    ("blue", "white", "button borders"),
    ("blue", "pale_grey", "button borders on the page"),
    ("success", "pale_grey", "primary button on the page"),
    ("error", "white", "error summary border, field error border"),
    ("error", "pale_grey", "red left border on the page"),
    ("focus_text", "focus", "focus underline on the yellow fill"),
]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratio_formula_matches_known_values() -> None:
    assert ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert ratio("#A8ABAC", "#F0F4F5") == pytest.approx(2.09, abs=0.01)  # the radio edge issue 12 saw


@pytest.mark.parametrize(("fg", "bg", "what"), TEXT_PAIRS)
def test_text_is_at_least_4_5_to_1(fg: str, bg: str, what: str) -> None:
    assert ratio(PALETTE[fg], PALETTE[bg]) >= 4.5, what


@pytest.mark.parametrize(("fg", "bg", "what"), BOUNDARY_PAIRS)
def test_control_boundaries_are_at_least_3_to_1(fg: str, bg: str, what: str) -> None:
    assert ratio(PALETTE[fg], PALETTE[bg]) >= 3.0, what


def test_the_style_sheet_uses_only_checked_pairs_for_radio_buttons_and_placeholders(qtbot: QtBot) -> None:
    sheet = stylesheet()
    radio = sheet[sheet.index("QRadioButton::indicator {") :]
    assert f"border: 2px solid {PALETTE['text']}" in radio.split("}")[0]
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    palette_before, sheet_before, font_before = app.palette(), app.styleSheet(), app.font()
    try:
        apply_theme(app)
        placeholder = app.palette().placeholderText().color().name()
        assert ratio(placeholder, PALETTE["white"]) >= 4.5
    finally:
        app.setPalette(palette_before)
        app.setStyleSheet(sheet_before)
        app.setFont(font_before)


def test_arrow_keys_choose_a_radio_answer_and_disabled_looks_disabled(qtbot: QtBot) -> None:
    choice = YesNo()
    choice.setStyleSheet(stylesheet())
    qtbot.addWidget(choice)
    choice.show()
    choice.activateWindow()
    qtbot.waitUntil(choice.isActiveWindow)
    choice.yes.setFocus()
    qtbot.keyClick(choice.yes, Qt.Key.Key_Right)
    assert choice.value() is False and choice.no.hasFocus()
    qtbot.keyClick(choice.no, Qt.Key.Key_Left)
    assert choice.value() is True and choice.yes.hasFocus()
    enabled = choice.no.grab().toImage()
    choice.setEnabled(False)
    disabled = choice.no.grab().toImage()
    assert enabled != disabled  # the circle and the text change when it cannot be chosen
