"""The Done screen's printout: the reference and withdrawal codes, as text and as QR codes, on one page.

:func:`paint_sheet` draws on any paint device (a printer, a PDF, an image in tests), so what is printed is
what the tests decode. Printing is offered only where a printer exists (:func:`printer_available`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPaintDevice, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from ui.widgets.qr_code import QrCode


@dataclass(frozen=True)
class CodeBlock:
    """One code on the sheet: a caption, the code as text, its QR code and what the QR code does."""

    caption: str
    code: str
    qr: QrCode
    qr_note: str


@dataclass(frozen=True)
class Sheet:
    """Everything printed: a title, the codes, and how to withdraw."""

    title: str
    blocks: tuple[CodeBlock, ...]
    footer: str


def printer_available() -> bool:
    """True when the computer has at least one printer (the Print button shows only then)."""
    return bool(QPrinterInfo.availablePrinterNames())


def print_sheet(sheet: Sheet, parent: QWidget) -> bool:
    """Ask where to print (the system's print dialog) and print; True when it was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(sheet.title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_sheet(sheet, printer)
    return True


def paint_sheet(sheet: Sheet, device: QPaintDevice) -> None:
    """Draw ``sheet`` on ``device`` (A4 or letter page, PDF, or an image): codes stacked, QR codes 4 cm."""
    painter = QPainter(device)
    try:
        dpi = device.logicalDpiX() or 96
        margin = dpi * 0.6
        width = device.width() - 2 * margin
        qr_side = dpi * 1.6  # 4 cm: scans from arm's length, stays readable on a cheap office printer
        y = margin
        y = _text(painter, sheet.title, margin, y, width, dpi, 16, bold=True)
        for block in sheet.blocks:
            y += dpi * 0.25
            y = _text(painter, block.caption, margin, y, width, dpi, 12)
            y = _text(painter, block.code, margin, y, width, dpi, 20, bold=True, mono=True)
            block.qr.paint_into(painter, QRectF(margin, y + dpi * 0.1, qr_side, qr_side))
            _text(
                painter, block.qr_note, margin + qr_side + dpi * 0.3, y + dpi * 0.1, width - qr_side, dpi, 10
            )
            y += qr_side + dpi * 0.2
        _text(painter, sheet.footer, margin, y + dpi * 0.2, width, dpi, 11)
    finally:
        painter.end()


def _text(
    painter: QPainter,
    text: str,
    x: float,
    y: float,
    width: float,
    dpi: int,
    points: int,
    *,
    bold: bool = False,
    mono: bool = False,
) -> float:
    """Draw wrapped ``text`` at (x, y); the y below it."""
    font = QFont("DejaVu Sans Mono" if mono else "DejaVu Sans")
    font.setPixelSize(max(1, round(points * dpi / 72)))
    font.setBold(bold)
    painter.setFont(font)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
    bounds = painter.boundingRect(QRectF(x, y, width, 10_000), flags, text)
    painter.drawText(bounds, flags, text)
    return bounds.bottom() + points * dpi / 72 * 0.3
