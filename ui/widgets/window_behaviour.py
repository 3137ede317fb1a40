"""What every window of the app does, installed once on the application (:func:`install_window_behaviour`).

- **Fits the screen.** A window or dialog is kept inside the screen's available geometry (the taskbar left
  out) when it is shown: a main window that would not fit opens maximised, a dialog is shrunk (its content
  scrolls) and moved onto the screen.
- **Focus stays in view** (WCAG 2.2 SC 2.4.11): whenever focus moves, every scroll area around the focused
  widget scrolls it into view, also when focus moved by a shortcut or by code (Alt+M, a page's first field),
  and again whenever what a scroll area holds changes size around the focused widget (a page whose pictures
  and summary arrive after it was focused pushed its Send button below the edge).
- **Return presses the focused button** in every window, as Space does (Qt does that only in dialogs).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMainWindow, QPushButton, QScrollArea, QWidget

#: Room the window manager takes around a window (title bar, borders): a window plus this must fit.
FRAME_ALLOWANCE = QSize(16, 40)
#: Space kept round a focused widget when it is scrolled into view (its focus border, a little context).
FOCUS_MARGIN_PX = 24


def available_area(widget: QWidget) -> QRect | None:
    """The available geometry (taskbar excluded) of the screen ``widget`` is on, None when unknown."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is None:
        return None
    area = screen.availableGeometry()
    return area if area.width() > 0 and area.height() > 0 else None


def fit_window(window: QWidget) -> None:
    """Keep ``window`` inside its screen's available geometry: maximise a main window that would not fit,
    shrink and move a dialog (its content scrolls)."""
    area = available_area(window)
    if area is None:
        return
    limit = QSize(
        max(200, area.width() - FRAME_ALLOWANCE.width()), max(150, area.height() - FRAME_ALLOWANCE.height())
    )
    size = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) else window.sizeHint()
    size = size.expandedTo(window.minimumSizeHint())  # what its layout will make it, whatever was asked
    fits = size.width() <= limit.width() and size.height() <= limit.height()
    if isinstance(window, QMainWindow):
        if not fits and not window.windowState() & Qt.WindowState.WindowFullScreen:
            window.resize(size.boundedTo(limit))  # the size it keeps when restored
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    if not fits:
        window.resize(size.boundedTo(limit).expandedTo(window.minimumSizeHint().boundedTo(limit)))
    frame = QRect(window.pos(), window.size() + FRAME_ALLOWANCE)
    x = min(max(frame.left(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.top(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.left(), frame.top()):
        window.move(max(area.left(), x), max(area.top(), y))


class VerticalScrollArea(QScrollArea):
    """Scrolls up and down only: it is never narrower than its content's minimum width (nothing is cut at
    the left or right edge), however short it gets."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), content.minimumSizeHint().width() + bar), hint.height())

    def event(self, event: QEvent) -> bool:
        # Wrapped text is taller the narrower it is, which a layout's minimum size does not say: keep the
        # content at least as tall as its width needs, so it scrolls instead of squashing its fields.
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self, self._keep_wrapped_height)
        return super().event(event)

    def _keep_wrapped_height(self) -> None:
        content = self.widget()
        layout = content.layout() if content is not None else None
        if content is None or layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.viewport().width())
        if needed > 0 and needed != content.minimumHeight():
            content.setMinimumHeight(needed)


def scroll_area(content: QWidget) -> QScrollArea:
    """A frameless area that scrolls ``content`` up and down (never sideways: rows wrap instead), for the
    part of a dialog above its buttons, so the buttons stay on a small screen."""
    scroll = VerticalScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` (innermost first) so that it is visible: all of it, or
    for a widget taller than half the view (a video, a long error summary under the page title) its top,
    so that what is above it is not pushed away to show its bottom."""
    child = widget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            inner = parent.widget()
            if inner is child or (inner is not None and inner.isAncestorOf(child)):
                if inner is not None and child.height() > parent.viewport().height() // 2:
                    top = child.mapTo(inner, QPoint(0, 0))
                    parent.ensureVisible(top.x(), top.y(), FOCUS_MARGIN_PX, FOCUS_MARGIN_PX)
                else:
                    parent.ensureWidgetVisible(child, FOCUS_MARGIN_PX, FOCUS_MARGIN_PX)
                child = parent
        parent = parent.parentWidget()


def below_first_screenful(area: QScrollArea, widget: QWidget) -> bool:
    """Whether ``widget`` ends below what ``area`` shows when scrolled to its top."""
    content = area.widget()
    if content is None or not content.isAncestorOf(widget):
        return False
    bottom = widget.mapTo(content, widget.rect().bottomLeft()).y()
    return bottom > area.viewport().height()


def _keep_in_view(widget: QWidget) -> None:
    if widget.hasFocus():
        scroll_into_view(widget)


def _is_scrolled_content(widget: QWidget) -> bool:
    """Whether ``widget`` is what a scroll area scrolls (its viewport's child)."""
    viewport = widget.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    return isinstance(area, QScrollArea) and area.widget() is widget


def _is_plain_window(widget: QWidget) -> bool:
    kind = widget.windowType()
    return widget.isWindow() and kind in (Qt.WindowType.Window, Qt.WindowType.Dialog)


class WindowBehaviour(QObject):
    """The application-wide event filter behind :func:`install_window_behaviour`."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.focusChanged.connect(self._focus_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and _is_plain_window(watched):
            fit_window(watched)
        elif kind == QEvent.Type.Resize and isinstance(watched, QWidget) and _is_scrolled_content(watched):
            focused = QApplication.focusWidget()
            if focused is not None and watched.isAncestorOf(focused):
                QTimer.singleShot(0, focused, lambda: _keep_in_view(focused))
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QAbstractButton):
            assert isinstance(event, QKeyEvent)
            return self._return_presses(watched, event)
        return False

    @staticmethod
    def _return_presses(button: QAbstractButton, event: QKeyEvent) -> bool:
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            return False
        if isinstance(button, QPushButton) and (button.autoDefault() or button.isDefault()):
            return False  # a dialog's button: Qt presses it already
        if button.isCheckable() and not isinstance(button, QPushButton):
            return False  # radio buttons and check boxes: Return submits the dialog, Space ticks
        if button.isEnabled() and button.isVisible():
            button.animateClick()
        return True

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        scroll_into_view(new)
        # Once more after the layout settled (a page that just appeared, a panel that just opened).
        QTimer.singleShot(0, new, lambda: _keep_in_view(new))


def install_window_behaviour(app: QApplication) -> WindowBehaviour:
    """Install :class:`WindowBehaviour` on ``app`` (once; later calls return the installed one)."""
    for child in app.children():
        if isinstance(child, WindowBehaviour):
            return child
    behaviour = WindowBehaviour(app)
    app.installEventFilter(behaviour)
    return behaviour
