"""A QR code of a piece of text (a web address, a code), drawn crisp at any size, on screen and on paper.

The symbol comes from ``segno`` (QR Code model 2, error correction level M by default, so a smudged print
or a glare on the screen still scans); this widget only paints its modules: black on white with the
four-module quiet zone the standard asks for, scaled to whole device pixels so no module is blurred.
The same drawing goes to a printer through :meth:`QrCode.paint_into`.

Example::

    qr = QrCode()
    qr.set_content("https://intake.example.nhs.uk/withdraw?reference=VB-7K3M-Q9XD&code=...",
                   translate("DonePage", "QR code that opens the withdrawal page"))
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Modules of white around the symbol (ISO/IEC 18004 asks for four).
QUIET_ZONE_MODULES = 4
#: Smallest module on screen, in device-independent pixels: phones scan 3 px modules from a laptop screen.
MIN_MODULE_PX = 3


class QrCode(QWidget):
    """Shows ``content`` as a QR code; empty (and hidden from screen readers' focus) until content is set.

    Args:
        module_px: the size of one module on screen (the widget's preferred size follows from it).
        error: segno's error correction level (``"l"``, ``"m"``, ``"q"`` or ``"h"``).
    """

    def __init__(self, parent: QWidget | None = None, *, module_px: int = 4, error: str = "m") -> None:
        super().__init__(parent)
        self._module_px = max(MIN_MODULE_PX, module_px)
        self._error = error
        self._content = ""
        self._rows: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # -- content ------------------------------------------------------------------------------------
    def set_content(self, content: str, accessible_name: str) -> None:
        """Show ``content`` as a QR code; ``accessible_name`` says what scanning it does (translated)."""
        self._content = content
        if content:
            symbol = segno.make(content, error=self._error, micro=False, boost_error=True)
            self._rows = [
                [bool(module) for module in row] for row in symbol.matrix_iter(border=QUIET_ZONE_MODULES)
            ]
        else:
            self._rows = []
        self.setAccessibleName(accessible_name)
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        """Forget the content (e.g. a secret that has been shown long enough)."""
        self.set_content("", "")

    def content(self) -> str:
        """The text the code holds ("" when empty)."""
        return self._content

    def modules(self) -> int:
        """Modules along one side, quiet zone included (0 when empty)."""
        return len(self._rows)

    # -- drawing ------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        side = self.modules() * self._module_px
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._rows:
            return
        painter = QPainter(self)
        try:
            side = min(self.width(), self.height())
            self.paint_into(painter, QRectF(0, 0, side, side), whole_pixels=True)
        finally:
            painter.end()

    def paint_into(self, painter: QPainter, target: QRectF, *, whole_pixels: bool = False) -> None:
        """Draw the code (quiet zone included) filling the square ``target``.

        ``whole_pixels`` rounds the module size down to whole device pixels (sharp on screen; a printer's
        resolution needs no rounding)."""
        count = self.modules()
        if count == 0:
            return
        module = target.width() / count
        if whole_pixels:
            module = max(1.0, float(int(module)))
        left, top = target.left(), target.top()
        painter.fillRect(QRectF(left, top, module * count, module * count), QColor("white"))
        black = QColor("black")
        for y, row in enumerate(self._rows):
            x = 0
            while x < count:  # one rectangle per run of dark modules: fewer calls, no hairline seams
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < count and row[x]:
                    x += 1
                painter.fillRect(
                    QRectF(left + start * module, top + y * module, (x - start) * module, module), black
                )

    def to_image(self, side_px: int) -> QImage:
        """The code as a square image ``side_px`` wide (for tests and for documents)."""
        image = QImage(QSize(side_px, side_px), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            self.paint_into(painter, QRectF(QRect(0, 0, side_px, side_px)))
        finally:
            painter.end()
        return image
