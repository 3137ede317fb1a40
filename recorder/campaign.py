"""Campaign packs: the prompts, consent versions, branding and setting defaults of a campaign.

A pack is a folder holding ``campaign.toml`` (or the ``.toml`` file itself, or an ``https://`` URL to one).
The built-in pack is ``resources/campaign/default``; IT can point ``campaign_pack`` at another by policy.
Format (schema 1)::

    schema = 1
    id = "nhs-voices-2026"
    name = { en = "...", cy = "..." }
    [branding]                       # optional: organisation name shown on Welcome, accent colour
    organisation = { en = "...", cy = "..." }
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
    [[consent]]                      # versions; exactly one has current = true
    id = "2026-11-v1"
    current = true
    sections = [{ heading = { en = "...", cy = "..." }, body = { en = "...", cy = "..." } }]
    choices = [{ id = "use_video", required = true, label = { en = "...", cy = "..." } }]

Every localised text needs ``en``; other locales fall back to English when missing. Errors are
:class:`CampaignError` with a plain-English message naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # requests costs ~0.15 s to import; only a pack given by URL needs it
    import requests

DEFAULT_PACK_DIR = Path(__file__).resolve().parent.parent / "resources" / "campaign" / "default"
PACK_FILE = "campaign.toml"
SCHEMA_VERSION = 1
#: The languages the app shows a campaign in (a manifest's ``locale``); consent texts are published in each.
LOCALES = ("en", "cy")
CONSENT_SECTION_KINDS = ("purpose", "channels", "retention", "withdraw", "contact")
MIN_PROMPT_S = 1  # short limits keep tests and demos fast; campaigns choose sensible ones
MAX_PROMPT_S = 600
END_CARD_MAX_S = 10


class CampaignError(Exception):
    """The campaign pack cannot be used; ``str(error)`` says why in plain English."""


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

    @property
    def consent(self) -> ConsentVersion:
        """The consent version shown to new participants."""
        return next(v for v in self.consent_versions if v.id == self.current_consent_id)

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
        if self.organisation is not None:
            texts.append(("organisation", self.organisation))
        if self.end_card is not None:
            texts.append(("end card", self.end_card.text))
        for p in self.prompts:
            texts.append((f"prompt {p.id}", p.text))
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
    """Load and validate a pack from a folder, a ``.toml`` file or an ``https://`` URL (None: built-in).

    Raises:
        CampaignError: the pack cannot be read or is not valid (the message says where and why).
    """
    if source is None or str(source).strip() == "":
        source = DEFAULT_PACK_DIR
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
        CampaignError: invalid TOML or content.
    """
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as error:
        raise CampaignError(f"The campaign pack {source} is not valid TOML: {error}") from error
    return _Parser(source).campaign(data)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> CampaignError:
        return CampaignError(f"The campaign pack {self.source} has a problem in {where}: {problem}")

    def campaign(self, data: dict[str, Any]) -> Campaign:
        if data.get("schema") != SCHEMA_VERSION:
            raise self.fail("schema", f"expected schema = {SCHEMA_VERSION}, found {data.get('schema')!r}")
        campaign_id = self.identifier(data.get("id"), "id")
        name = self.local(data.get("name"), "name")
        branding = data.get("branding", {})
        if not isinstance(branding, dict):
            raise self.fail("branding", "must be a table")
        organisation = (
            self.local(branding["organisation"], "branding.organisation")
            if "organisation" in branding
            else None
        )
        settings = data.get("settings", {})
        if not isinstance(settings, dict):
            raise self.fail("settings", "must be a table")
        prompts_raw = data.get("prompts")
        if not isinstance(prompts_raw, list) or not prompts_raw:
            raise self.fail("prompts", "a campaign needs at least one [[prompts]] entry")
        prompts = tuple(self.prompt(p, i) for i, p in enumerate(prompts_raw))
        ids = [p.id for p in prompts]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise self.fail("prompts", f"prompt ids must be unique; repeated: {', '.join(duplicates)}")
        consent_raw = data.get("consent")
        if not isinstance(consent_raw, list) or not consent_raw:
            raise self.fail("consent", "a campaign needs at least one [[consent]] version")
        versions = tuple(self.consent(c, i) for i, c in enumerate(consent_raw))
        current = [c.get("id") for c in consent_raw if isinstance(c, dict) and c.get("current") is True]
        if len(current) != 1:
            raise self.fail("consent", f"exactly one version needs current = true (found {len(current)})")
        version_ids = [v.id for v in versions]
        if len(set(version_ids)) != len(version_ids):
            raise self.fail("consent", "consent version ids must be unique")
        return Campaign(
            id=campaign_id,
            name=name,
            organisation=organisation,
            prompts=prompts,
            consent_versions=versions,
            current_consent_id=str(current[0]),
            settings=dict(settings),
            source=self.source,
            end_card=self.end_card(data["end_card"]) if "end_card" in data else None,
        )

    def end_card(self, raw: object) -> EndCard:
        if not isinstance(raw, dict):
            raise self.fail("end_card", "must be a table")
        duration = raw.get("duration_s", 3)
        if (
            isinstance(duration, bool)
            or not isinstance(duration, int | float)
            or not 1 <= duration <= END_CARD_MAX_S
        ):
            raise self.fail("end_card", f"duration_s must be from 1 to {END_CARD_MAX_S} seconds")
        colours = {}
        for key, default in (("background", "#005EB8"), ("text_colour", "#FFFFFF")):
            value = raw.get(key, default)
            if not isinstance(value, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
                raise self.fail("end_card", f"{key} must be a colour written #RRGGBB")
            colours[key] = value.upper()
        return EndCard(self.local(raw.get("text"), "end_card text"), float(duration), **colours)

    def identifier(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "needs a non-empty text id")
        if any(ch.isspace() for ch in value) or len(value) > 64:
            raise self.fail(where, f"id {value!r} must be at most 64 characters without spaces")
        return value

    def local(self, value: object, where: str) -> LocalText:
        if isinstance(value, str):
            value = {"en": value}
        if not isinstance(value, dict):
            raise self.fail(where, "needs a text, or a table of texts by language (en = ..., cy = ...)")
        if not isinstance(value.get("en"), str) or not value["en"].strip():
            raise self.fail(where, "needs English text (en = ...)")
        bad = [k for k, v in value.items() if not isinstance(v, str)]
        if bad:
            raise self.fail(where, f"text for {', '.join(bad)} must be a string")
        return LocalText({k: v.strip() for k, v in value.items()})

    def prompt(self, raw: object, index: int) -> Prompt:
        where = f"prompt {index + 1}"
        if not isinstance(raw, dict):
            raise self.fail(where, "must be a table")
        prompt_id = self.identifier(raw.get("id"), f"{where} id")
        where = f"prompt {prompt_id!r}"
        limit = raw.get("max_duration_s", 60)
        if not isinstance(limit, int) or isinstance(limit, bool) or not MIN_PROMPT_S <= limit <= MAX_PROMPT_S:
            raise self.fail(
                where,
                f"max_duration_s must be a whole number of seconds from {MIN_PROMPT_S} to {MAX_PROMPT_S}",
            )
        tips_raw = raw.get("tips", [])
        if not isinstance(tips_raw, list):
            raise self.fail(where, "tips must be a list")
        tips = tuple(self.local(t, f"{where} tip {i + 1}") for i, t in enumerate(tips_raw))
        return Prompt(
            id=prompt_id, text=self.local(raw.get("text"), f"{where} text"), tips=tips, max_duration_s=limit
        )

    def consent(self, raw: object, index: int) -> ConsentVersion:
        where = f"consent version {index + 1}"
        if not isinstance(raw, dict):
            raise self.fail(where, "must be a table")
        version_id = self.identifier(raw.get("id"), f"{where} id")
        where = f"consent version {version_id!r}"
        sections_raw = raw.get("sections")
        if not isinstance(sections_raw, list) or not sections_raw:
            raise self.fail(where, "needs sections (purpose, channels, retention, withdraw, contact)")
        sections: list[ConsentSection] = []
        for i, s in enumerate(sections_raw):
            if not isinstance(s, dict):
                raise self.fail(f"{where} section {i + 1}", "must be a table")
            kind = s.get("kind")
            if kind not in CONSENT_SECTION_KINDS:
                raise self.fail(
                    f"{where} section {i + 1}", f"kind must be one of {', '.join(CONSENT_SECTION_KINDS)}"
                )
            sections.append(
                ConsentSection(
                    kind=str(kind),
                    heading=self.local(s.get("heading"), f"{where} {kind} heading"),
                    body=self.local(s.get("body"), f"{where} {kind} body"),
                )
            )
        missing = [k for k in CONSENT_SECTION_KINDS if k not in {s.kind for s in sections}]
        if missing:
            raise self.fail(where, f"the consent wording must cover: {', '.join(missing)}")
        choices_raw = raw.get("choices")
        if not isinstance(choices_raw, list) or not choices_raw:
            raise self.fail(where, "needs at least one choice")
        choices: list[ConsentChoice] = []
        for i, c in enumerate(choices_raw):
            if not isinstance(c, dict):
                raise self.fail(f"{where} choice {i + 1}", "must be a table")
            choice_id = self.identifier(c.get("id"), f"{where} choice {i + 1} id")
            required = c.get("required", False)
            if not isinstance(required, bool):
                raise self.fail(f"{where} choice {choice_id!r}", "required must be true or false")
            choices.append(
                ConsentChoice(
                    choice_id, self.local(c.get("label"), f"{where} choice {choice_id!r}"), required
                )
            )
        if len({c.id for c in choices}) != len(choices):
            raise self.fail(where, "choice ids must be unique")
        if not any(c.required for c in choices):
            raise self.fail(
                where, "at least one choice must be required (agreement to record and use the video)"
            )
        return ConsentVersion(id=version_id, sections=tuple(sections), choices=tuple(choices))
