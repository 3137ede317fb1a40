"""Writes Advanced SubStation (ASS) documents that ffmpeg's ``subtitles`` filter (libass) draws.

Both the burned-in captions and the end card's text are ASS, sized in output pixels (``PlayResX/Y`` equal
the output size), so libass wraps long lines, centres them and scales nothing. The font is "Arial", which
fontconfig maps to an installed sans-serif on Linux (DejaVu Sans here) and which Windows has.
Caption style: white text on a translucent black box, large enough to read on a phone; in 9:16 the captions
sit higher, clear of the buttons social apps draw over the bottom fifth. With captions, the campaign's hashtag
(from its pack) sits small in the top corner for the whole answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from recorder.export.shapes import Shape, Size
from recorder.export.srt import Cue

FONT = "Arial"
_STYLE_FORMAT = (
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
    "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, "
    "MarginL, MarginR, MarginV, Encoding"
)
_EVENT_FORMAT = "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"


def ass_colour(hex_rgb: str, alpha: int = 0) -> str:
    """``#RRGGBB`` as an ASS colour ``&HAABBGGRR`` (alpha 0 is opaque, 255 transparent)."""
    red, green, blue = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"&H{alpha:02X}{blue}{green}{red}".upper()


def ass_time(ms: int) -> str:
    """Milliseconds as an ASS time ``H:MM:SS.cc``."""
    centis = max(0, ms) // 10
    hours, rest = divmod(centis, 360_000)
    minutes, rest = divmod(rest, 6000)
    seconds, centis = divmod(rest, 100)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{centis:02d}"


def ass_text(text: str) -> str:
    """Plain text made literal for ASS: line breaks become ``\\N``; braces and backslashes lose meaning.

    ASS has no escape for ``{``/``}`` (they open override blocks), so they become round brackets; a
    backslash gets a word joiner after it so ``\\N`` typed by a person stays visible text.
    """
    cleaned = text.replace("\\", "\\\u2060").replace("{", "(").replace("}", ")")
    return "\\N".join(line.strip() for line in cleaned.splitlines())


def _document(size: Size, style: str, events: Sequence[str]) -> str:
    return "\n".join(
        [
            "[Script Info]",
            "ScriptType: v4.00+",
            f"PlayResX: {size.width_px}",
            f"PlayResY: {size.height_px}",
            "WrapStyle: 0",
            "ScaledBorderAndShadow: yes",
            "",
            "[V4+ Styles]",
            _STYLE_FORMAT,
            style,
            "",
            "[Events]",
            _EVENT_FORMAT,
            *events,
            "",
        ]
    )


def captions_document(
    cues: Sequence[Cue], shape: Shape, size: Size, *, tag: str = "", duration_s: float = 0.0
) -> str:
    """An ASS document drawing ``cues`` on a video of ``size`` exported as ``shape``, and ``tag`` (the
    campaign's hashtags) in the top right-hand corner for ``duration_s`` seconds."""
    short_px = min(size.width_px, size.height_px)
    font_px = round(short_px * 0.055)
    margin_side = round(size.width_px * 0.06)
    margin_v = round(size.height_px * (0.2 if shape is Shape.PORTRAIT else 0.06))
    box = max(2, round(font_px * 0.25))
    style = (
        f"Style: Caption,{FONT},{font_px},{ass_colour('#FFFFFF')},{ass_colour('#FFFFFF')},"
        f"{ass_colour('#000000', 0x50)},{ass_colour('#000000', 0x50)},-1,0,0,0,100,100,0,0,3,{box},0,2,"
        f"{margin_side},{margin_side},{margin_v},1"
    )
    events = [
        f"Dialogue: 0,{ass_time(c.start_ms)},{ass_time(c.end_ms)},Caption,,0,0,0,,{ass_text(c.text)}"
        for c in cues
    ]
    if tag.strip() and duration_s > 0:
        tag_px = max(12, round(font_px * 0.6))
        margin = round(short_px * 0.04)
        style += (
            f"\nStyle: Tag,{FONT},{tag_px},{ass_colour('#FFFFFF')},{ass_colour('#FFFFFF')},"
            f"{ass_colour('#000000', 0x50)},{ass_colour('#000000', 0x50)},-1,0,0,0,100,100,0,0,3,"
            f"{max(2, round(tag_px * 0.25))},0,9,{margin},{margin},{margin},1"
        )
        end = ass_time(round(duration_s * 1000))
        events.append(f"Dialogue: 1,{ass_time(0)},{end},Tag,,0,0,0,,{ass_text(tag)}")
    return _document(size, style, events)


def end_card_document(text: str, size: Size, duration_s: float, text_colour: str) -> str:
    """An ASS document with ``text`` centred on the card for ``duration_s`` seconds."""
    short_px = min(size.width_px, size.height_px)
    font_px = round(short_px * 0.08)
    margin = round(size.width_px * 0.08)
    colour = ass_colour(text_colour)
    style = (
        f"Style: Card,{FONT},{font_px},{colour},{colour},{ass_colour('#000000')},{ass_colour('#000000')},"
        f"-1,0,0,0,100,100,0,0,1,0,0,5,{margin},{margin},0,1"
    )
    end_ms = round(duration_s * 1000) + 1000  # past the card's end; the card's length cuts it
    return _document(
        size, style, [f"Dialogue: 0,{ass_time(0)},{ass_time(end_ms)},Card,,0,0,0,,{ass_text(text)}"]
    )
