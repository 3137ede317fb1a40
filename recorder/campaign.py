"""Campaign packs: the prompts, consent versions, branding and setting defaults of a campaign.

A pack is a folder holding ``campaign.toml`` (or the ``.toml`` file itself, or an ``https://`` URL to one).
The built-in pack is ``resources/campaign/default``; IT can point ``campaign_pack`` at another by policy.
Format (schema 1)::

    schema = 1
    id = "nhs-voices-2026"
    name = { en = "...", cy = "..." }
    languages = ["en", "cy"]         # optional: every text must be given in each (default: English only)
    reminder = { en = "...", cy = "..." }  # optional: shown as the last tip of every prompt
    [branding]                       # optional: shown on Welcome
    organisation = { en = "...", cy = "..." }
    organiser = { en = "...", cy = "..." }  # who runs the campaign (Welcome: "Organiser: ...")
    [dates]                          # optional: when the campaign runs (TOML dates)
    start = 2026-11-25
    end = 2026-11-29
    [share]                          # optional: what suggested posts, end cards and captions carry
    hashtags = ["#AHPSupportWorkersWeek"]
    [call_to_action]                 # optional: shown on Done and in suggested posts
    text = { en = "...", cy = "..." }
    url = "https://..."              # https only
    [settings]                       # optional: config defaults for this campaign (campaign layer)
    countdown_s = 3
    [end_card]                       # optional: the card shown after an exported clip (review exports)
    text = { en = "...", cy = "..." }  # "\n" starts a new line
    duration_s = 3                   # 1 to 10 seconds
    background = "#005EB8"           # "#RRGGBB"
    text_colour = "#FFFFFF"
    [[prompts]]                      # asked in this order; a pack adds, rewords or reorders them
    id = "love-role"
    max_duration_s = 60
    text = { en = "...", cy = "..." }
    tips = [{ en = "...", cy = "..." }]
    post_opening = { en = "...", cy = "..." }  # optional: a suggested post's first line (default: text)
    [[consent]]                      # versions; exactly one has current = true
    id = "2026-11-v1"
    current = true
    wording_sha256 = { en = "<64 hex>", cy = "<64 hex>" }  # optional pin: a reworded version is refused
    sections = [{ heading = { en = "...", cy = "..." }, body = { en = "...", cy = "..." } }]
    choices = [{ id = "use_video", required = true, label = { en = "...", cy = "..." } }]

Every localised text needs ``en``; other locales fall back to English when missing, unless ``languages``
names them. Unknown fields are refused. Errors are :class:`CampaignError`, listing every problem with its line
and field in plain English (:mod:`recorder.campaign_parse` checks a pack; ``docs/CAMPAIGN-PACKS.md``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # requests costs ~0.15 s to import; only a pack given by URL needs it
    import requests

PACKS_DIR = Path(__file__).resolve().parent.parent / "resources" / "campaign"
DEFAULT_PACK_DIR = PACKS_DIR / "default"
PACK_FILE = "campaign.toml"
SCHEMA_VERSION = 1
#: The languages the app shows a campaign in (a manifest's ``locale``); consent texts are published in each.
LOCALES = ("en", "cy")
CONSENT_SECTION_KINDS = ("purpose", "channels", "retention", "withdraw", "contact")
MIN_PROMPT_S = 1  # short limits keep tests and demos fast; campaigns choose sensible ones
MAX_PROMPT_S = 600
END_CARD_MAX_S = 10


@dataclass(frozen=True)
class Problem:
    """One mistake in a pack: where (line, when known, and field) and what is wrong, in plain English."""

    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, {self.field}" if self.line else self.field
        return f"{where}: {self.message}"


class CampaignError(Exception):
    """The campaign pack cannot be used; ``str(error)`` says why in plain English.

    Attributes:
        problems: every mistake found (empty when the pack could not be read at all).
    """

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class LocalText:
    """A text in several languages; ``en`` is always present."""

    by_locale: Mapping[str, str]

    def get(self, locale: str) -> str:
        return self.by_locale.get(locale) or self.by_locale["en"]

    def has(self, locale: str) -> bool:
        return bool(self.by_locale.get(locale))


@dataclass(frozen=True)
class Prompt:
    id: str
    text: LocalText
    tips: tuple[LocalText, ...]
    max_duration_s: int
    post_opening: LocalText | None = None

    def opening(self, locale: str) -> str:
        """A suggested post's first line: the pack's ``post_opening``, else the prompt itself."""
        return (self.post_opening or self.text).get(locale)


@dataclass(frozen=True)
class ConsentSection:
    kind: str
    heading: LocalText
    body: LocalText


@dataclass(frozen=True)
class ConsentChoice:
    id: str
    label: LocalText
    required: bool


@dataclass(frozen=True)
class ConsentVersion:
    """One version of the consent wording. The SHA-256 covers exactly what the consent page shows."""

    id: str
    sections: tuple[ConsentSection, ...]
    choices: tuple[ConsentChoice, ...]

    def rendered_text(self, locale: str) -> str:
        """The exact wording shown: each heading and body, then each choice label, in order."""
        parts: list[str] = []
        for section in self.sections:
            parts.append(section.heading.get(locale))
            parts.append(section.body.get(locale))
        parts.extend(f"[ ] {choice.label.get(locale)}" for choice in self.choices)
        return "\n\n".join(parts)

    def text_sha256(self, locale: str) -> str:
        return hashlib.sha256(self.rendered_text(locale).encode("utf-8")).hexdigest()

    @property
    def required_choice_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.choices if c.required)


@dataclass(frozen=True)
class EndCard:
    """The card appended to exported clips: centred text on a plain background."""

    text: LocalText
    duration_s: float
    background: str
    text_colour: str


@dataclass(frozen=True)
class CallToAction:
    """What the campaign asks people to do next (e.g. a national consultation): words and an https URL."""

    text: LocalText
    url: str


#: Month names by language (Welsh machine-drafted): campaign dates here, the withdrawal page's dates on the
#: server.
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
           "Hydref", "Tachwedd", "Rhagfyr"),
}  # fmt: skip


@dataclass(frozen=True)
class CampaignDates:
    """When the campaign runs (first and last day)."""

    start: date
    end: date

    def text(self, locale: str) -> str:
        """E.g. ``25–29 November 2026``; ``30 November – 4 December 2026`` across months."""
        months = MONTHS.get(locale, MONTHS["en"])
        first, last = self.start, self.end
        last_text = f"{last.day} {months[last.month - 1]} {last.year}"
        if first == last:
            return last_text
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}\u2013{last_text}"
        first_text = f"{first.day} {months[first.month - 1]}"
        if first.year != last.year:
            first_text += f" {first.year}"
        return f"{first_text} \u2013 {last_text}"


@dataclass(frozen=True)
class Campaign:
    """A loaded, validated campaign pack."""

    id: str
    name: LocalText
    organisation: LocalText | None
    prompts: tuple[Prompt, ...]
    consent_versions: tuple[ConsentVersion, ...]
    current_consent_id: str
    settings: Mapping[str, object]
    source: str
    end_card: EndCard | None = None
    languages: tuple[str, ...] = ("en",)
    organiser: LocalText | None = None
    dates: CampaignDates | None = None
    hashtags: tuple[str, ...] = ()
    call_to_action: CallToAction | None = None

    @property
    def consent(self) -> ConsentVersion:
        """The consent version shown to new participants."""
        return next(v for v in self.consent_versions if v.id == self.current_consent_id)

    def end_card_text(self, locale: str) -> str:
        """The end card's words in ``locale`` with the pack's hashtags as the last line ("" without a card);
        a card whose text already carries them is left as it is."""
        if self.end_card is None:
            return ""
        text = self.end_card.text.get(locale)
        missing = [tag for tag in self.hashtags if tag.lower() not in text.lower()]
        return "\n".join([text, " ".join(missing)]) if missing else text

    def prompt(self, prompt_id: str) -> Prompt:
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        raise KeyError(prompt_id)

    @property
    def prompt_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.prompts)

    def total_max_duration_s(self) -> int:
        return sum(p.max_duration_s for p in self.prompts)

    def missing_translations(self, locale: str) -> list[str]:
        """Where the pack lacks ``locale`` text (used to check the default pack is complete in Welsh)."""
        texts: list[tuple[str, LocalText]] = [("name", self.name)]
        optional = {
            "organisation": self.organisation,
            "organiser": self.organiser,
            "end card": self.end_card.text if self.end_card else None,
            "call to action": self.call_to_action.text if self.call_to_action else None,
        }
        texts += [(where, text) for where, text in optional.items() if text is not None]
        for p in self.prompts:
            texts.append((f"prompt {p.id}", p.text))
            if p.post_opening is not None:
                texts.append((f"prompt {p.id} post opening", p.post_opening))
            texts.extend((f"prompt {p.id} tip {i + 1}", tip) for i, tip in enumerate(p.tips))
        for v in self.consent_versions:
            for s in v.sections:
                texts += [
                    (f"consent {v.id} {s.kind} heading", s.heading),
                    (f"consent {v.id} {s.kind}", s.body),
                ]
            texts.extend((f"consent {v.id} choice {c.id}", c.label) for c in v.choices)
        return [where for where, text in texts if not text.has(locale)]


def load_campaign(
    source: str | Path | None = None,
    *,
    session: requests.Session | None = None,
    timeout_s: float = 15.0,
) -> Campaign:
    """Load and validate a pack from a folder, a ``.toml`` file, an ``https://`` URL or a built-in pack's
    name (None: the default pack).

    Raises:
        CampaignError: the pack cannot be read or is not valid (the message says where and why).
    """
    source = resolve_pack(source)
    text_source = str(source)
    if text_source.startswith(("https://", "http://")):
        import requests

        sess = session or requests.Session()
        try:
            response = sess.get(text_source, timeout=timeout_s)
            response.raise_for_status()
        except requests.RequestException as error:
            raise CampaignError(
                f"Could not download the campaign pack from {text_source}: {error}"
            ) from error
        return parse_campaign(response.text, source=text_source)
    path = Path(source)
    if path.is_dir():
        path = path / PACK_FILE
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise CampaignError(f"The campaign pack {path} does not exist.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise CampaignError(f"The campaign pack {path} cannot be read: {error}") from error
    return parse_campaign(raw, source=str(path))


def parse_campaign(toml_text: str, *, source: str = "<text>") -> Campaign:
    """Parse and validate a pack's TOML text.

    Raises:
        CampaignError: invalid TOML or content; ``problems`` lists every mistake with its line and field.
    """
    from recorder.campaign_parse import check_pack  # the checker builds the models defined here

    return check_pack(toml_text, source=source)


def builtin_packs() -> dict[str, Path]:
    """The packs shipped with Voicebooth by folder name (``default``, ``ahp-support-worker-week``)."""
    return {p.parent.name: p.parent for p in sorted(PACKS_DIR.glob(f"*/{PACK_FILE}"))}


def resolve_pack(source: str | Path | None) -> str | Path:
    """Where a ``campaign_pack`` setting points: empty is the default pack, a built-in pack's name is its
    folder, anything else (a folder, a ``.toml`` file, a URL) is used as given."""
    text = "" if source is None else str(source).strip()
    if not text:
        return DEFAULT_PACK_DIR
    return builtin_packs().get(text, source if isinstance(source, Path) else text)
