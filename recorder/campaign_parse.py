"""Checks a campaign pack's TOML and builds its :class:`~recorder.campaign.Campaign`, finding every mistake.

The TOML is read with tomlkit's own parser, extended to remember where each value starts, so each problem
names its line and field (``line 23, prompts[2].tips[1].cy: ...``) for the communications team writing the
pack. Checking goes on after a mistake, so one run lists them all (``voicebooth --check-campaign``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlsplit

from tomlkit.exceptions import ParseError
from tomlkit.items import Item, Key
from tomlkit.parser import Parser

from recorder.campaign import (
    CONSENT_SECTION_KINDS,
    END_CARD_MAX_S,
    LOCALES,
    MAX_PROMPT_S,
    MIN_PROMPT_S,
    SCHEMA_VERSION,
    CallToAction,
    Campaign,
    CampaignDates,
    CampaignError,
    ConsentChoice,
    ConsentSection,
    ConsentVersion,
    EndCard,
    LocalText,
    Problem,
    Prompt,
)
from recorder.config.keys import ConfigError, parse_value

T = TypeVar("T")

#: The fields each table may have; anything else is refused as unknown (a misspelling is caught).
FIELDS = {
    "pack": ("schema", "id", "name", "languages", "reminder", "branding", "dates", "share", "call_to_action",
             "settings", "prompts", "consent", "end_card"),
    "branding": ("organisation", "organiser"),
    "dates": ("start", "end"),
    "share": ("hashtags",),
    "call_to_action": ("text", "url"),
    "prompts": ("id", "max_duration_s", "text", "tips", "post_opening"),
    "consent": ("id", "current", "wording_sha256", "sections", "choices"),
    "sections": ("kind", "heading", "body"),
    "choices": ("id", "required", "label"),
    "end_card": ("text", "duration_s", "background", "text_colour"),
}  # fmt: skip
HASHTAG = re.compile(r"#\w+")
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class _LocatingParser(Parser):
    """tomlkit's parser, remembering the source offset where each table and value starts."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.starts: dict[int, int] = {}

    def _parse_value(self) -> Item:
        start = self._idx
        item = super()._parse_value()
        self.starts[id(item)] = start
        return item

    def _parse_key_value(self, parse_comment: bool = False) -> tuple[Key, Item]:
        start = self._idx
        key, item = super()._parse_key_value(parse_comment)
        self.starts[id(item)] = start
        return key, item

    def _parse_table(self, parent_name: Key | None = None, parent: Any = None) -> tuple[Key, Any]:
        start = self._idx
        key, item = super()._parse_table(parent_name, parent)
        self.starts[id(item)] = start
        return key, item


def check_pack(text: str, *, source: str = "<text>") -> Campaign:
    """The campaign ``text`` describes, checked.

    Raises:
        CampaignError: not TOML, or one or more mistakes (each in ``problems``, with line and field).
    """
    parser = _LocatingParser(text)
    try:
        document = parser.parse()
    except ParseError as error:
        problem = Problem("TOML", f"this is not valid TOML ({error})", error.line)
        raise CampaignError(f"The campaign pack {source} is not valid TOML: {problem}", (problem,)) from error
    checker = _Checker(text, parser.starts)
    campaign = checker.campaign(document, source)
    if checker.problems or campaign is None:
        problems = tuple(sorted(checker.problems, key=lambda p: p.line or 0))
        if len(problems) == 1:
            message = f"The campaign pack {source} has a problem at {problems[0]}"
        else:
            listed = "\n".join(f"  {p}" for p in problems)
            message = f"The campaign pack {source} has {len(problems)} problems:\n{listed}"
        raise CampaignError(message, problems)
    return campaign


class _Checker:
    """Walks the parsed pack, collecting problems and building the models where the values are good."""

    def __init__(self, text: str, starts: dict[int, int]) -> None:
        self.text = text
        self.starts = starts
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en",)

    # --- reporting ------------------------------------------------------------------------------------

    def line(self, *nodes: object) -> int | None:
        """The line of the first node whose start is known (a value, else its table)."""
        for node in nodes:
            start = self.starts.get(id(node))
            if start is not None:
                return self.text.count("\n", 0, start) + 1
        return None

    def fail(self, field: str, message: str, *nodes: object) -> None:
        self.problems.append(Problem(field, message, self.line(*nodes)))

    def settings(self, raw: object) -> dict[str, Any]:
        """The ``[settings]`` table: each one a Voicebooth setting with a valid value (a misspelt or unknown
        setting is a mistake here, not something the app ignores with a line in its log)."""
        if not isinstance(raw, dict):
            self.fail("settings", "must be a table", raw)
            return {}
        for key, value in raw.items():
            try:
                parse_value(str(key), value.unwrap() if isinstance(value, Item) else value)
            except ConfigError as error:
                self.fail(f"settings.{key}", str(error), value, raw)
        return raw

    def table(self, raw: object, field: str, kind: str, *parents: object) -> dict[str, Any] | None:
        """``raw`` if it is a table with only known fields (unknown ones are reported), else None."""
        if not isinstance(raw, dict):
            self.fail(field, "must be a table", raw, *parents)
            return None
        for key in raw:
            if key not in FIELDS[kind]:
                self.fail(
                    f"{field}.{key}" if field else str(key),
                    f"unknown field (this table may have: {', '.join(FIELDS[kind])})",
                    raw[key],
                    raw,
                    *parents,
                )
        return raw

    def listed(self, raw: object, field: str, *parents: object) -> list[Any]:
        if not isinstance(raw, list):
            self.fail(field, "must be a list [ ... ]", raw, *parents)
            return []
        return list(raw)

    # --- values ---------------------------------------------------------------------------------------

    def identifier(self, raw: object, field: str, *parents: object) -> str | None:
        if not isinstance(raw, str) or not raw.strip():
            self.fail(field, "needs a non-empty text id", raw, *parents)
            return None
        if any(ch.isspace() for ch in raw) or len(raw) > 64:
            self.fail(field, f"id {str(raw)!r} must be at most 64 characters without spaces", raw, *parents)
            return None
        return str(raw)

    def local(self, raw: object, field: str, *parents: object) -> LocalText | None:
        """A text in each language the pack promises (``en = ..., cy = ...``)."""
        if isinstance(raw, str):
            raw_map: dict[str, Any] = {"en": raw}
        elif isinstance(raw, dict):
            raw_map = dict(raw)
        else:
            self.fail(
                field, "needs a text, or a table of texts by language (en = ..., cy = ...)", raw, *parents
            )
            return None
        good = True
        for locale, value in raw_map.items():
            if locale not in LOCALES:
                self.fail(
                    f"{field}.{locale}",
                    f"unknown language (use {' or '.join(LOCALES)})",
                    value,
                    raw,
                    *parents,
                )
                good = False
            elif not isinstance(value, str):
                self.fail(f"{field}.{locale}", "must be a text in quotes", value, raw, *parents)
                good = False
        if not isinstance(raw_map.get("en"), str) or not raw_map["en"].strip():
            self.fail(field, "needs English text (en = ...)", raw, *parents)
            return None
        for locale in self.languages:
            value = raw_map.get(locale)
            if locale != "en" and (not isinstance(value, str) or not value.strip()):
                name = {"cy": "Welsh"}.get(locale, locale)
                self.fail(f"{field}.{locale}", f"needs {name} text ({locale} = ...): the pack's languages "
                          f"include {locale}", raw, *parents)  # fmt: skip
                good = False
        return (
            LocalText({k: str(v).strip() for k, v in raw_map.items() if isinstance(v, str)}) if good else None
        )

    def optional(self, raw: dict[str, Any], key: str, check: Callable[..., T | None], field: str) -> T | None:
        return check(raw[key], f"{field}.{key}" if field else key, raw) if key in raw else None

    # --- the pack -------------------------------------------------------------------------------------

    def campaign(self, document: dict[str, Any], source: str) -> Campaign | None:
        data = self.table(document, "", "pack")
        if data is None:
            return None
        if data.get("schema") != SCHEMA_VERSION:
            self.fail(
                "schema",
                f"expected schema = {SCHEMA_VERSION}, found {data.get('schema')!r}",
                data.get("schema"),
            )
        self.languages = self.language_list(data)
        campaign_id = self.identifier(data.get("id"), "id", data.get("id"))
        name = self.local(data.get("name"), "name", data.get("name"))
        reminder = self.optional(data, "reminder", self.local, "")
        branding = self.table(data.get("branding", {}), "branding", "branding", data.get("branding")) or {}
        settings = self.settings(data.get("settings", {}))
        prompts = self.prompts(data.get("prompts"), reminder)
        consent = self.consent_versions(data.get("consent"))
        campaign = Campaign(
            id=campaign_id or "",
            name=name or LocalText({"en": ""}),
            organisation=self.optional(branding, "organisation", self.local, "branding"),
            organiser=self.optional(branding, "organiser", self.local, "branding"),
            prompts=tuple(prompts),
            consent_versions=tuple(v for v, _ in consent),
            current_consent_id=next((v.id for v, current in consent if current), ""),
            settings={str(k): (v.unwrap() if isinstance(v, Item) else v) for k, v in settings.items()},
            source=source,
            end_card=self.optional(data, "end_card", self.end_card, ""),
            languages=self.languages,
            dates=self.optional(data, "dates", self.dates, ""),
            hashtags=self.share(data),
            call_to_action=self.optional(data, "call_to_action", self.call_to_action, ""),
        )
        return None if self.problems else campaign

    def language_list(self, data: dict[str, Any]) -> tuple[str, ...]:
        raw = data.get("languages", ["en"])
        items = self.listed(raw, "languages", raw)
        bad = [str(x) for x in items if x not in LOCALES]
        if bad or "en" not in items:
            self.fail(
                "languages",
                f"must list en and may add cy (found {', '.join(map(str, items)) or 'none'})",
                raw,
            )
            return ("en",)
        return tuple(dict.fromkeys(str(x) for x in items))

    def share(self, data: dict[str, Any]) -> tuple[str, ...]:
        share = self.table(data["share"], "share", "share", data) if "share" in data else None
        if not share or "hashtags" not in share:
            return ()
        tags = [str(t) for t in self.listed(share["hashtags"], "share.hashtags", share)]
        for index, tag in enumerate(tags):
            if not HASHTAG.fullmatch(tag):
                message = f"{tag!r} must be # then letters or digits, no spaces"
                self.fail(f"share.hashtags[{index + 1}]", message, share["hashtags"], share)
        return tuple(tags)

    def dates(self, raw: object, field: str, *parents: object) -> CampaignDates | None:
        table = self.table(raw, field, "dates", *parents)
        if table is None:
            return None
        days: list[date] = []
        for key in ("start", "end"):
            value = table.get(key)
            if not isinstance(value, date):
                self.fail(f"{field}.{key}", "needs a date written like 2026-11-25 (no quotes)", value, table)
            else:
                days.append(date(value.year, value.month, value.day))
        if len(days) < 2:
            return None
        if days[1] < days[0]:
            self.fail(f"{field}.end", "must be on or after the start date", table.get("end"), table)
            return None
        return CampaignDates(days[0], days[1])

    def call_to_action(self, raw: object, field: str, *parents: object) -> CallToAction | None:
        table = self.table(raw, field, "call_to_action", *parents)
        if table is None:
            return None
        text = self.local(table.get("text"), f"{field}.text", table.get("text"), table)
        url = table.get("url")
        parts = urlsplit(str(url)) if isinstance(url, str) else None
        if (
            parts is None
            or parts.scheme != "https"
            or not parts.hostname
            or any(c.isspace() for c in str(url))
        ):
            self.fail(f"{field}.url", "needs a web address starting https:// (no spaces)", url, table)
            return None
        return CallToAction(text, str(url)) if text is not None else None

    def prompts(self, raw: object, reminder: LocalText | None) -> list[Prompt]:
        if not isinstance(raw, list) or not raw:
            self.fail("prompts", "a campaign needs at least one [[prompts]] entry", raw)
            return []
        prompts: list[Prompt] = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(raw):
            field = f"prompts[{index + 1}]"
            table = self.table(entry, field, "prompts", entry)
            if table is None:
                continue
            prompt_id = self.identifier(table.get("id"), f"{field}.id", table.get("id"), table)
            if prompt_id is not None and prompt_id in seen:
                message = (
                    f"prompt ids must be unique; repeated: {prompt_id} (first in prompts[{seen[prompt_id]}])"
                )
                self.fail(f"{field}.id", message, table.get("id"), table)
            elif prompt_id is not None:
                seen[prompt_id] = index + 1
            limit = table.get("max_duration_s", 60)
            if (
                not isinstance(limit, int)
                or isinstance(limit, bool)
                or not MIN_PROMPT_S <= limit <= MAX_PROMPT_S
            ):
                self.fail(f"{field}.max_duration_s", "max_duration_s must be a whole number of seconds from "
                          f"{MIN_PROMPT_S} to {MAX_PROMPT_S}", limit, table)  # fmt: skip
                limit = 60
            text = self.local(table.get("text"), f"{field}.text", table.get("text"), table)
            tips = self.each(table.get("tips", []), f"{field}.tips", self.local, table)
            opening = self.optional(table, "post_opening", self.local, field)
            if prompt_id is not None and text is not None:
                all_tips = (*tips, reminder) if reminder is not None else tuple(tips)
                prompts.append(Prompt(prompt_id, text, all_tips, int(limit), opening))
        return prompts

    def each(self, raw: object, field: str, check: Callable[..., T | None], *parents: object) -> list[T]:
        """``check`` applied to each item of the list ``raw`` (bad items reported and left out)."""
        results = []
        for index, item in enumerate(self.listed(raw, field, raw, *parents)):
            value = check(item, f"{field}[{index + 1}]", item, raw, *parents)
            if value is not None:
                results.append(value)
        return results

    def consent_versions(self, raw: object) -> list[tuple[ConsentVersion, bool]]:
        if not isinstance(raw, list) or not raw:
            self.fail("consent", "a campaign needs at least one [[consent]] version", raw)
            return []
        versions: list[tuple[ConsentVersion, bool]] = []
        for index, entry in enumerate(raw):
            version = self.consent(entry, f"consent[{index + 1}]")
            if version is not None:
                versions.append(version)
        current = [v for v, is_current in versions if is_current]
        if len(current) != 1 and len(versions) == len(raw):
            self.fail("consent", f"exactly one version needs current = true (found {len(current)})", raw[0])
        ids = [v.id for v, _ in versions]
        for repeated in sorted({i for i in ids if ids.count(i) > 1}):
            self.fail("consent", f"consent version ids must be unique; repeated: {repeated}", raw[0])
        return versions

    def consent(self, raw: object, field: str) -> tuple[ConsentVersion, bool] | None:
        table = self.table(raw, field, "consent", raw)
        if table is None:
            return None
        version_id = self.identifier(table.get("id"), f"{field}.id", table.get("id"), table)
        current = table.get("current", False)
        if not isinstance(current, bool):
            self.fail(f"{field}.current", "must be true or false", table)
        sections = self.each(table.get("sections"), f"{field}.sections", self.section, table)
        kinds = {s.kind for s in sections}
        missing = [k for k in CONSENT_SECTION_KINDS if k not in kinds]
        if missing and len(sections) == len(table.get("sections") or ()):
            self.fail(f"{field}.sections", f"the consent wording must cover: {', '.join(missing)}",
                      table.get("sections"), table)  # fmt: skip
        choices = self.each(table.get("choices"), f"{field}.choices", self.choice, table)
        if not table.get("choices"):
            self.fail(f"{field}.choices", "needs at least one choice", table)
        elif len({c.id for c in choices}) != len(choices):
            self.fail(f"{field}.choices", "choice ids must be unique", table.get("choices"), table)
        elif choices and not any(c.required for c in choices):
            self.fail(f"{field}.choices", "at least one choice must be required (agreement to record and use "
                      "the video)", table.get("choices"), table)  # fmt: skip
        if version_id is None or missing or not choices:
            return None
        version = ConsentVersion(version_id, tuple(sections), tuple(choices))
        self.pinned(table, field, version)
        return version, current is True

    def pinned(self, table: dict[str, Any], field: str, version: ConsentVersion) -> None:
        """A version whose wording was pinned (``wording_sha256``) must still read exactly the same."""
        pins = table.get("wording_sha256")
        if pins is None:
            return
        if not isinstance(pins, dict):
            self.fail(f"{field}.wording_sha256", "must be a table of hashes by language", pins, table)
            return
        for locale, pin in pins.items():
            if locale not in self.languages:
                self.fail(f"{field}.wording_sha256.{locale}", "is not one of the pack's languages", pin, pins)
            elif str(pin).lower() != version.text_sha256(locale):
                self.fail(
                    f"{field}.wording_sha256.{locale}",
                    f"consent version {version.id!r} has been reworded but keeps its id. People agreed "
                    "to the pinned wording, so it must never change: put the new wording in a new "
                    "[[consent]] version with a new id (and current = true), and keep this one exactly "
                    "as it was",
                    pin,
                    pins,
                    table,
                )

    def section(self, raw: object, field: str, *parents: object) -> ConsentSection | None:
        table = self.table(raw, field, "sections", raw, *parents)
        if table is None:
            return None
        kind = table.get("kind")
        if kind not in CONSENT_SECTION_KINDS:
            self.fail(
                f"{field}.kind", f"kind must be one of {', '.join(CONSENT_SECTION_KINDS)}", table, *parents
            )
            return None
        heading = self.local(table.get("heading"), f"{field}.heading", table, *parents)
        body = self.local(table.get("body"), f"{field}.body", table, *parents)
        return ConsentSection(str(kind), heading, body) if heading and body else None

    def choice(self, raw: object, field: str, *parents: object) -> ConsentChoice | None:
        table = self.table(raw, field, "choices", raw, *parents)
        if table is None:
            return None
        choice_id = self.identifier(table.get("id"), f"{field}.id", table, *parents)
        required = table.get("required", False)
        if not isinstance(required, bool):
            self.fail(f"{field}.required", "required must be true or false", table, *parents)
        label = self.local(table.get("label"), f"{field}.label", table, *parents)
        if choice_id is None or label is None:
            return None
        return ConsentChoice(choice_id, label, required is True)

    def end_card(self, raw: object, field: str, *parents: object) -> EndCard | None:
        table = self.table(raw, field, "end_card", raw, *parents)
        if table is None:
            return None
        duration = table.get("duration_s", 3)
        if (
            isinstance(duration, bool)
            or not isinstance(duration, int | float)
            or not 1 <= duration <= END_CARD_MAX_S
        ):
            self.fail(f"{field}.duration_s", f"duration_s must be from 1 to {END_CARD_MAX_S} seconds", table)
            duration = 3
        colours: dict[str, str] = {}
        for key, default in (("background", "#005EB8"), ("text_colour", "#FFFFFF")):
            value = table.get(key, default)
            if not isinstance(value, str) or not COLOUR.fullmatch(value):
                self.fail(f"{field}.{key}", f"{key} must be a colour written #RRGGBB", value, table)
                value = default
            colours[key] = str(value).upper()
        text = self.local(table.get("text"), f"{field}.text", table.get("text"), table)
        return EndCard(text, float(duration), **colours) if text is not None else None


def plain(items: Iterable[Problem]) -> str:
    """Problems one a line, as ``--check-campaign`` prints them."""
    return "\n".join(f"  {p}" for p in items)
