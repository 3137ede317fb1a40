"""Posts ready to share: the suggested text that goes with an exported answer, and its length per platform.

A suggested post, per language::

    <opening line: the pack's post_opening for the answer's prompt, else the prompt itself>

    — <name>, <job title>, <employer>      (only the details the person agreed may be shown; none: no line)

    <call to action text> <its URL>         (when the pack names one)

    <the pack's hashtags>

Lengths are counted as the platforms count them where it matters, kept simple and on the safe side:

- **X** (280): twitter-text's weighting: code points U+0000–U+10FF and a few punctuation ranges count 1,
  every other code point 2 (so emoji count 2; a joined emoji sequence may be counted longer than X does,
  never shorter), and every ``http(s)://`` address counts 23 whatever its length (X shortens links).
- **Instagram** (2,200), **LinkedIn** (3,000), **Facebook** (63,206): Unicode code points after NFC
  normalisation (so a Welsh ŵ typed as w + accent counts 1).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from recorder.campaign import Campaign

#: Person details a credit line may name, in order (the manifest's keys).
CREDIT_FIELDS = ("name", "job_title", "employer")
#: X shortens every link to this many characters (t.co).
X_URL_LENGTH = 23
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
#: twitter-text v3: code points in these ranges weigh 1, all others 2.
_X_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))


@dataclass(frozen=True)
class Platform:
    """A place posts go, and the most characters a post there may have."""

    name: str
    limit: int

    def count(self, text: str) -> int:
        """``text``'s length as this platform counts it (module docstring)."""
        text = unicodedata.normalize("NFC", text)
        if self.name != "X":
            return len(text)
        urls = _URL.findall(text)
        rest = _URL.sub("", text)
        return X_URL_LENGTH * len(urls) + sum(_x_weight(ch) for ch in rest)


PLATFORMS = (Platform("X", 280), Platform("Instagram", 2_200), Platform("LinkedIn", 3_000),
             Platform("Facebook", 63_206))  # fmt: skip


def _x_weight(ch: str) -> int:
    point = ord(ch)
    return 1 if any(low <= point <= high for low, high in _X_LIGHT) else 2


@dataclass(frozen=True)
class Length:
    """A post's length on one platform."""

    platform: Platform
    count: int

    @property
    def over_by(self) -> int:
        """Characters too many (0 when it fits)."""
        return max(0, self.count - self.platform.limit)


def lengths(text: str) -> tuple[Length, ...]:
    """``text``'s length on every platform, in :data:`PLATFORMS` order."""
    return tuple(Length(p, p.count(text)) for p in PLATFORMS)


def credit_line(person: Mapping[str, tuple[str, bool]]) -> str:
    """``— name, job title, employer`` with only the details marked may-be-shown ("" when none is).

    Args:
        person: detail key -> (value, may be shown), as the manifest records them.
    """
    shown = [person[key][0].strip() for key in CREDIT_FIELDS if key in person and person[key][1]]
    shown = [value for value in shown if value]
    return "\u2014 " + ", ".join(shown) if shown else ""


def suggested_post(
    campaign: Campaign,
    prompt_id: str,
    person: Mapping[str, tuple[str, bool]],
    locale: str,
    *,
    prompt_text: str = "",
) -> str:
    """The suggested post for an answer to ``prompt_id`` in ``locale`` (module docstring for its parts).

    ``prompt_text`` opens the post when the pack does not know the prompt (an answer recorded with another
    pack).
    """
    try:
        opening = campaign.prompt(prompt_id).opening(locale)
    except KeyError:
        opening = prompt_text.strip() or campaign.name.get(locale)
    parts = [opening, credit_line(person)]
    if campaign.call_to_action is not None:
        action = campaign.call_to_action
        parts.append(f"{action.text.get(locale)} {action.url}")
    parts.append(" ".join(campaign.hashtags))
    return "\n\n".join(part for part in parts if part)


def post_path(out_dir: Path, stem: str, locale: str) -> Path:
    """Where the post in ``locale`` is saved beside the videos made with ``stem``."""
    return out_dir / f"{stem}_post_{locale}.txt"


def write_posts(out_dir: Path, stem: str, posts: Mapping[str, str]) -> dict[str, Path]:
    """Save each non-empty post as UTF-8 text beside the videos (atomically); returns the files by locale."""
    written: dict[str, Path] = {}
    for locale, text in posts.items():
        if not text.strip():
            continue
        path = post_path(out_dir, stem, locale)
        part = path.with_name(path.name + ".part")
        try:
            part.write_text(text.strip() + "\n", encoding="utf-8")
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)
        written[locale] = path
    return written
