"""What screen readers get beyond Qt's defaults: headings, fields named by their labels, one focus, modals.

Installed once per application (:func:`install_accessibility`), it covers every window:

- **Headings.** A label styled as a heading (object name ``PageTitle``, ``PromptText``, ``PanelHeading``
  or review's ``SectionTitle``) is exposed with the heading role, so heading navigation (H in Orca and
  NVDA) finds it. Qt has the role (``QAccessible.Role.Heading``) but gives it to no widget; an
  accessibility factory gives it to these. The level (1 or 2, :data:`HEADING_LEVELS`) is not exposed:
  that needs ``QAccessibleAttributesInterface`` from ``interface_cast``, which crashes when implemented
  in Python (PySide6 6.11).
- **A modal dialog hides what is behind it.** While a modal dialog is open, the app's main windows
  (the flow's and review's) report no children, the way ``aria-modal`` works on the web, so a screen
  reader cannot wander into controls that cannot be used.
- **Fields are named by their labels.** A field without an accessible name of its own, with a label
  pointing to it (``QLabel.setBuddy``), takes the label's text; a combo box says its name (its label)
  rather than its current value, which Qt on Linux says instead (so "Status", not "All").
- **One focused node.** A combo box's popup list keeps a current item while it is closed, and Qt reports
  that item as focused beside the control that really has focus. The current item is cleared whenever the
  popup closes (the combo box keeps its own current index, so nothing else changes).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAccessibleWidget,
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QWidget,
)

#: Object names of labels that are headings, with their level (1 = the screen's own heading).
HEADING_LEVELS = {"PageTitle": 1, "PromptText": 1, "PanelHeading": 2, "SectionTitle": 2}


def heading_level(label: QLabel) -> int | None:
    """The heading level of ``label`` (from its object name or a ``headingLevel`` property), or None."""
    explicit = label.property("headingLevel")
    if isinstance(explicit, int) and explicit > 0:
        return explicit
    return HEADING_LEVELS.get(label.objectName())


class HeadingAccessible(QAccessibleWidget):
    """A label exposed as a heading; its name is its accessible name, else its text."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, kind: QAccessible.Text) -> str:
        if kind is QAccessible.Text.Name:
            return self._label.accessibleName() or self._label.text()
        return str(super().text(kind))


class LabelledComboAccessible(QAccessibleWidget):
    """A combo box named by its label. Qt on Linux names a combo box by its current text (leaving the
    label to a relation that not every screen reader follows); this one says the label, with the current
    text as its value and the popup list as its child, as Qt's own does."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo

    def text(self, kind: QAccessible.Text) -> str:
        if kind is QAccessible.Text.Name and self._combo.accessibleName():
            return self._combo.accessibleName()
        if kind in (QAccessible.Text.Name, QAccessible.Text.Value):
            return self._combo.currentText()
        return str(super().text(kind))

    def childCount(self) -> int:
        return 1

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]  # (nullptr)
        return QAccessible.queryAccessibleInterface(self._combo.view()) if index == 0 else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return 0 if child.object() is self._combo.view() else -1


def _is_behind_modal(window: QWidget) -> bool:
    modal = QApplication.activeModalWidget()
    return modal is not None and modal.window() is not window and modal.isVisible()


class BehindModalAccessible(QAccessibleWidget):
    """A top-level window that shows no children to assistive technology while another window is modal."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, QAccessible.Role.Window)
        self._window = window

    def childCount(self) -> int:
        return 0 if _is_behind_modal(self._window) else int(super().childCount())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]  # (nullptr)
        return None if _is_behind_modal(self._window) else super().child(index)


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QLabel) and heading_level(obj) is not None:
        return HeadingAccessible(obj)
    if isinstance(obj, QComboBox):
        return LabelledComboAccessible(obj)
    if isinstance(obj, QMainWindow):
        return BehindModalAccessible(obj)
    return None


def _label_text(label: QLabel) -> str:
    """A label's text as a name: without its "&" mnemonic marker and its closing colon."""
    return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def name_fields_by_labels(root: QWidget) -> None:
    """Give every field under ``root`` that has a label (buddy) but no name of its own the label's text.

    A name set this way is marked, so it follows the label after a language change.
    """
    for label in root.findChildren(QLabel):
        field = label.buddy()
        if field is None:
            continue
        if field.accessibleName() and not field.property("nameFromLabel"):
            continue  # named on purpose by its page
        field.setAccessibleName(_label_text(label))
        field.setProperty("nameFromLabel", True)


def _clear_popup_current(combo: QComboBox) -> None:
    view = combo.view()
    if not view.isVisible() and view.selectionModel() is not None:
        view.selectionModel().clearCurrentIndex()


def _keep_popup_current_clear(combo: QComboBox) -> None:
    """Clear the popup's current item now and whenever it is set while the popup is closed (also when the
    combo box is refilled with its signals blocked), on the next event loop turn."""
    _clear_popup_current(combo)
    selection = combo.view().selectionModel()
    if selection is None:
        return

    def current_changed(current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            QTimer.singleShot(0, combo, lambda: _clear_popup_current(combo))

    selection.currentChanged.connect(current_changed)


class _AccessibilityFilter(QObject):
    """Watches windows being shown (to name fields) and combo popups closing (to drop their focus)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        is_window = isinstance(watched, QWidget) and watched.isWindow()
        if is_window and kind in (QEvent.Type.Show, QEvent.Type.LanguageChange):
            name_fields_by_labels(watched)  # type: ignore[arg-type]
        if isinstance(watched, QComboBox) and kind is QEvent.Type.Polish:
            _keep_popup_current_clear(watched)
        elif kind is QEvent.Type.Hide and isinstance(watched, QAbstractItemView):
            combo = watched.parentWidget()
            while combo is not None and not isinstance(combo, QComboBox):
                combo = combo.parentWidget()
            if combo is not None:
                _clear_popup_current(combo)
        return False


def read_in_order(*widgets: QWidget) -> None:
    """Make screen readers meet sibling ``widgets`` in the order given (the order they are seen in).

    Qt exposes a widget's children in the order of its child list, which follows construction and
    reparenting, not the layout; raising each in turn puts them at the end of that list in this order.
    """
    for widget in widgets:
        widget.raise_()


_installed: list[_AccessibilityFilter] = []


def install_accessibility(app: QApplication) -> None:
    """Install the heading/modal factory and the field and focus filter on ``app`` (once)."""
    if _installed:
        return
    QAccessible.installFactory(_factory)
    watcher = _AccessibilityFilter(app)
    app.installEventFilter(watcher)
    _installed.append(watcher)
