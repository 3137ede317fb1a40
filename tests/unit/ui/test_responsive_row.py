"""ResponsiveRow: side by side where the widgets fit, one above the other where they do not."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.responsive_row import ResponsiveRow


def _fixed(width: int) -> QWidget:
    widget = QWidget()
    widget.setMinimumSize(width, 40)
    return widget


def test_a_set_width_decides_and_the_stretches_follow_the_direction(qtbot: QtBot) -> None:
    row = ResponsiveRow(side_by_side_from_px=600, spacing=10)
    qtbot.addWidget(row)
    text = QLabel("Tips, a few lines of them")
    picture = _fixed(100)
    row.add(text, 1, stacked_stretch=0)
    row.add(picture, 1)
    row.resize(800, 300)
    row.show()
    qtbot.waitUntil(lambda: row.side_by_side and text.x() < picture.x())
    assert text.y() == picture.y()
    assert (row.box.stretch(0), row.box.stretch(1)) == (1, 1)

    row.resize(500, 300)
    qtbot.waitUntil(lambda: not row.side_by_side)
    qtbot.waitUntil(lambda: picture.y() > text.y())
    assert (row.box.stretch(0), row.box.stretch(1)) == (0, 1)  # the text keeps its height, the picture grows
    assert picture.height() > text.height()


def test_without_a_set_width_it_is_the_room_the_widgets_need(qtbot: QtBot) -> None:
    row = ResponsiveRow(spacing=20)
    qtbot.addWidget(row)
    row.add(_fixed(300))
    row.add(_fixed(200))
    assert row.needed_width() == 520
    row.resize(520, 200)
    row.show()
    qtbot.waitUntil(lambda: row.side_by_side)
    row.resize(519, 200)
    qtbot.waitUntil(lambda: not row.side_by_side)


def test_a_widget_shown_later_is_taken_into_account_and_the_row_never_widens_the_page(qtbot: QtBot) -> None:
    """Done's withdrawal code arrives after the page is shown: side by side must be decided again then, and
    a row side by side must not make its page wider than the window (a sideways scroll bar)."""
    row = ResponsiveRow(spacing=20)
    qtbot.addWidget(row)
    row.add(_fixed(300))
    late = _fixed(400)
    late.hide()
    row.add(late)
    row.resize(600, 200)
    row.show()
    qtbot.waitUntil(lambda: row.side_by_side)  # only the first one is shown: it fits
    late.show()
    qtbot.waitUntil(lambda: not row.side_by_side)  # 300 + 20 + 400 do not fit in 600
    assert row.minimumSizeHint().width() == 400 and row.width() == 600
