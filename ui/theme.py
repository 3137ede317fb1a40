"""The app's look: an NHS-style accessible palette, large type and a yellow focus indicator everywhere.

Colours follow the NHS identity guidelines' accessible pairs (no NHS logo is used anywhere). Every
focusable widget gets the same unmistakable focus style: a warm yellow fill with black text and a thick
black underline, so keyboard users always see where they are, and it does not rely on colour alone
(the underline/border changes too). The stylesheet lives in ``resources/style/voicebooth.qss`` with
``@name@`` placeholders filled from :data:`PALETTE`, so IT or a campaign can restyle without code.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

STYLE_DIR = Path(__file__).resolve().parent.parent / "resources" / "style"

#: Named colours; contrast of text on background is at least 4.5:1 for every pair used together.
PALETTE: dict[str, str] = {
    "blue": "#005EB8",  # NHS blue: primary buttons, headings bar
    "dark_blue": "#003087",  # hover / pressed
    "text": "#212B32",  # body text on white or pale grey
    "secondary_text": "#4C6272",  # hints (5.9:1 on white)
    "white": "#FFFFFF",
    "pale_grey": "#F0F4F5",  # page background
    "mid_grey": "#AEB7BD",  # borders
    "focus": "#FFEB3B",  # warm yellow focus fill
    "focus_text": "#000000",  # always black on yellow
    "error": "#D5281B",  # error border and text (with an icon/word, never colour alone)
    "success": "#007F3B",
    "warning": "#FFB81C",
}

#: Base font size in points; headings scale from it.
BASE_POINT_SIZE = 14
TITLE_POINT_SIZE = 24
HEADING_POINT_SIZE = 18


def stylesheet(palette: dict[str, str] | None = None, base_pt: int = BASE_POINT_SIZE) -> str:
    """The application stylesheet with colours and sizes filled in."""
    colours = dict(PALETTE if palette is None else palette)
    text = (STYLE_DIR / "voicebooth.qss").read_text(encoding="utf-8")
    values = {
        **colours,
        "base_pt": str(base_pt),
        "title_pt": str(round(base_pt * TITLE_POINT_SIZE / BASE_POINT_SIZE)),
        "heading_pt": str(round(base_pt * HEADING_POINT_SIZE / BASE_POINT_SIZE)),
        "style_dir": STYLE_DIR.as_posix(),  # arrow images next to the stylesheet
    }
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def apply_theme(app: QApplication, base_pt: int = BASE_POINT_SIZE) -> None:
    """Apply font, palette and stylesheet to ``app`` (call once, before showing windows)."""
    font = QFont(app.font())
    font.setPointSize(base_pt)
    app.setFont(font)
    pal = QPalette(app.palette())
    pal.setColor(QPalette.ColorRole.Window, QColor(PALETTE["pale_grey"]))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(PALETTE["text"]))
    pal.setColor(QPalette.ColorRole.Base, QColor(PALETTE["white"]))
    pal.setColor(QPalette.ColorRole.Text, QColor(PALETTE["text"]))
    pal.setColor(QPalette.ColorRole.Button, QColor(PALETTE["white"]))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(PALETTE["text"]))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(PALETTE["blue"]))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(PALETTE["white"]))
    # Placeholder text is read as an instruction: 4.5:1 on white like every text (Qt's default is ~3:1).
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(PALETTE["secondary_text"]))
    app.setPalette(pal)
    app.setStyleSheet(stylesheet(base_pt=base_pt))
