"""Reads, checks and writes SubRip (SRT) captions that a reviewer typed or edited.

The parser is lenient where people are (missing or wrong cue numbers, ``.`` instead of ``,`` before the
milliseconds, blank lines at the ends, Windows line endings, a byte-order mark) and strict where a mistake
would put wrong words on screen (a time that cannot be read, an end before its start, cues that overlap,
empty text). Every error names the cue and says what is wrong in plain English.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

_TIME_RE = re.compile(r"^\s*(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})[,.](?P<ms>\d{1,3})\s*$")
_ARROW = "-->"
#: Longest caption text accepted, to catch a pasted document rather than a caption.
MAX_CUE_CHARS = 300


class SrtError(ValueError):
    """The captions cannot be used; ``str(error)`` says which cue and why, in plain English."""


@dataclass(frozen=True)
class Cue:
    """One caption: shown from ``start_ms`` (inclusive) to ``end_ms`` (exclusive)."""

    start_ms: int
    end_ms: int
    text: str


def parse_time_ms(text: str) -> int | None:
    """``00:01:02,500`` (or ``0:01:02.5``) in milliseconds; None when it is not a time."""
    match = _TIME_RE.match(text)
    if match is None:
        return None
    minutes, seconds = int(match["m"]), int(match["s"])
    if minutes > 59 or seconds > 59:
        return None
    fraction_ms = int(match["ms"].ljust(3, "0"))
    return ((int(match["h"]) * 60 + minutes) * 60 + seconds) * 1000 + fraction_ms


def format_time(ms: int) -> str:
    """Milliseconds as an SRT timestamp ``HH:MM:SS,mmm``."""
    hours, rest = divmod(max(0, ms), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def parse_srt(text: str, *, duration_ms: int | None = None) -> list[Cue]:
    """Parses SRT text into cues in time order.

    Args:
        text: The captions as typed or loaded (an empty or blank text gives no cues).
        duration_ms: The clip length; a cue starting after it is an error (it would never be seen).

    Raises:
        SrtError: A cue cannot be read or does not make sense; the message names it.
    """
    blocks = re.split(r"\n[ \t]*\n", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip())
    cues: list[Cue] = []
    for index, block in enumerate(b for b in blocks if b.strip()):
        number = index + 1
        lines = [line.rstrip() for line in block.split("\n")]
        if lines and _ARROW not in lines[0] and len(lines) > 1 and _ARROW in lines[1]:
            lines = lines[1:]  # the cue number: not needed, and wrong numbering is harmless
        if not lines or _ARROW not in lines[0]:
            raise SrtError(
                f"Caption {number} has no time line. Each caption needs a line like "
                "00:00:01,000 --> 00:00:03,500 followed by its words."
            )
        start_text, _, end_text = lines[0].partition(_ARROW)
        start_ms, end_ms = parse_time_ms(start_text), parse_time_ms(end_text.split()[0] if end_text else "")
        if start_ms is None or end_ms is None:
            raise SrtError(
                f"Caption {number} has a time that cannot be read ({lines[0].strip()!r}). "
                "Write times as hours:minutes:seconds,milliseconds, for example 00:00:01,000."
            )
        if end_ms <= start_ms:
            raise SrtError(f"Caption {number} ends before it starts. Check its times.")
        words = "\n".join(line for line in lines[1:] if line.strip()).strip()
        if not words:
            raise SrtError(f"Caption {number} has no words. Add its text or delete it.")
        if len(words) > MAX_CUE_CHARS:
            raise SrtError(
                f"Caption {number} is too long to read on screen ({len(words)} characters). "
                "Split it into shorter captions."
            )
        if duration_ms is not None and start_ms >= duration_ms:
            raise SrtError(
                f"Caption {number} starts at {format_time(start_ms)}, after the end of the video "
                f"({format_time(duration_ms)})."
            )
        cues.append(Cue(start_ms, end_ms, words))
    cues.sort(key=lambda cue: cue.start_ms)
    for earlier, later in itertools.pairwise(cues):
        if later.start_ms < earlier.end_ms:
            raise SrtError(
                f"Two captions overlap at {format_time(later.start_ms)}. "
                "A caption must end before the next one starts."
            )
    return cues


def write_srt(cues: Sequence[Cue]) -> str:
    """The cues as normalised SRT text (numbered from 1, comma milliseconds, one blank line between)."""
    parts = [
        f"{i}\n{format_time(cue.start_ms)} --> {format_time(cue.end_ms)}\n{cue.text}\n"
        for i, cue in enumerate(cues, start=1)
    ]
    return "\n".join(parts)
