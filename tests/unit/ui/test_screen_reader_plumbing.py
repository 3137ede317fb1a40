"""What ui.accessibility adds for screen readers, read through Qt's own accessibility interfaces.

The same behaviour is checked end to end over AT-SPI by tests/e2e/test_atspi_tree.py; these are the quick
in-process checks of each rule (offscreen, no D-Bus).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.helpers.qt import StrictLogs
from ui.accessibility import install_accessibility, read_in_order


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_accessibility(app)
    return app


def test_heading_labels_have_the_heading_role_and_plain_labels_do_not(qtbot: QtBot) -> None:
    _app()
    page = QWidget()
    qtbot.addWidget(page)
    title, plain = QLabel("Check your answers", page), QLabel("Some text", page)
    title.setObjectName("PageTitle")
    for label, role in ((title, QAccessible.Role.Heading), (plain, QAccessible.Role.StaticText)):
        interface = QAccessible.queryAccessibleInterface(label)
        assert interface is not None and interface.role() == role
        assert interface.text(QAccessible.Text.Name) == label.text()


def test_a_combo_box_is_named_by_its_label_and_its_closed_popup_holds_no_focus(
    qtbot: QtBot, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("does not support grabbing the keyboard")  # the offscreen platform, opening the popup
    _app()
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label, combo = QLabel("&Status:"), QComboBox()
    combo.addItems(["All", "New", "Approved"])
    label.setBuddy(combo)
    layout.addWidget(label)
    layout.addWidget(combo)
    window.show()
    qtbot.waitExposed(window)
    assert combo.accessibleName() == "Status"  # from the label, without "&" and ":"
    interface = QAccessible.queryAccessibleInterface(combo)
    assert interface is not None and interface.role() == QAccessible.Role.ComboBox
    assert interface.text(QAccessible.Text.Name) == "Status"
    assert interface.text(QAccessible.Text.Value) == "All"
    view = combo.view()
    qtbot.waitUntil(lambda: not view.currentIndex().isValid())  # Qt made "All" current: cleared
    assert interface.childCount() == 1  # the popup list, as Qt's own combo box interface has
    combo.blockSignals(True)  # refilled with its signals blocked, as pages do on a language change
    combo.clear()
    combo.addItems(["All", "New", "Approved"])
    combo.setCurrentIndex(1)
    combo.blockSignals(False)
    qtbot.waitUntil(lambda: not view.currentIndex().isValid())
    combo.showPopup()
    qtbot.waitUntil(view.isVisible)
    combo.hidePopup()
    qtbot.waitUntil(lambda: not view.isVisible())
    assert not view.currentIndex().isValid() and combo.currentIndex() == 1 and combo.currentText() == "New"


def test_a_named_field_keeps_its_own_name(qtbot: QtBot) -> None:
    _app()
    window = QWidget()
    qtbot.addWidget(window)
    label, combo = QLabel("Sort"), QComboBox(window)
    label.setParent(window)
    label.setBuddy(combo)
    combo.setAccessibleName("Sort submissions")
    window.show()
    qtbot.waitExposed(window)
    assert combo.accessibleName() == "Sort submissions"


def test_a_modal_dialog_hides_the_main_window_from_screen_readers(qtbot: QtBot) -> None:
    _app()
    main = QMainWindow()
    qtbot.addWidget(main)
    main.setCentralWidget(QPushButton("Start"))
    main.show()
    qtbot.waitExposed(main)
    interface = QAccessible.queryAccessibleInterface(main)
    assert interface is not None and interface.childCount() > 0
    dialog = QDialog(main)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    assert interface.childCount() == 0 and interface.child(0) is None
    dialog.close()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert interface.childCount() > 0


def test_read_in_order_puts_siblings_in_the_order_seen(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    detail, filters = QWidget(parent), QWidget(parent)  # built detail first
    read_in_order(filters, detail)
    widgets = [child for child in parent.children() if isinstance(child, QWidget)]
    assert widgets == [filters, detail]
