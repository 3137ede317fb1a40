"""The shipped campaign packs, the AHP Support Worker Week pack, and mistakes named by line and field."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from recorder.campaign import (
    PACKS_DIR,
    CampaignDates,
    CampaignError,
    builtin_packs,
    load_campaign,
    parse_campaign,
)
from recorder.cli.check_campaign import check_campaign

AHP = PACKS_DIR / "ahp-support-worker-week"
AHP_TEXT = (AHP / "campaign.toml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``fragment``."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if fragment in line]
    return hits[occurrence - 1]


@pytest.mark.parametrize("name", ["default", "ahp-support-worker-week"])
def test_both_packs_load_by_name_validate_and_have_all_their_welsh(name: str) -> None:
    assert name in builtin_packs()
    campaign = load_campaign(name)
    assert campaign.missing_translations("cy") == []
    assert campaign.prompt_ids == ("love-role", "nhs-better")
    assert campaign.consent.required_choice_ids == {"record_and_use"}
    assert {c.id for c in campaign.consent.choices} == {"record_and_use", "social_media", "contact_me"}
    report = io.StringIO()
    assert check_campaign(name, out=report) == 0 and "is ready to use" in report.getvalue()


def test_the_ahp_pack_says_who_when_and_what_to_share() -> None:
    campaign = load_campaign(AHP)
    assert campaign.languages == ("en", "cy")
    assert campaign.name.get("en") == "AHP Support Worker Week"
    assert campaign.organiser is not None and campaign.organiser.get("en") == "CSP Associate Network"
    assert campaign.organisation is None  # text only: no logos, and the person's own employer is not assumed
    assert campaign.dates is not None
    assert (campaign.dates.start, campaign.dates.end) == (date(2026, 11, 25), date(2026, 11, 29))
    assert campaign.dates.text("en") == "25\u201329 November 2026"
    assert campaign.dates.text("cy") == "25\u201329 Tachwedd 2026"
    assert campaign.hashtags == ("#AHPSupportWorkersWeek",)
    cta = campaign.call_to_action
    assert cta is not None and cta.url.startswith("https://") and "10-Year Plan" in cta.text.get("en")
    assert campaign.prompt("love-role").text.get("en") == "What do you love about your role?"
    assert campaign.prompt("nhs-better").text.get("en") == "What would make the NHS better?"
    tips = " ".join(t.get("en") for p in campaign.prompts for t in p.tips).lower()
    for theme in ("training", "development", "time for learning", "delegation", "valued"):
        assert theme in tips
    assert "only ideas" in tips  # prompts for thought, never required content
    for prompt in campaign.prompts:  # the no-patients reminder closes every prompt's tips
        assert "do not mention patients" in prompt.tips[-1].get("en")
        assert "gleifion" in prompt.tips[-1].get("cy")
    withdraw = next(s for s in campaign.consent.sections if s.kind == "withdraw")
    assert "withdrawal code" in withdraw.body.get("en") and "withdrawal page" in withdraw.body.get("en")
    assert "#AHPSupportWorkersWeek" in campaign.consent.rendered_text("en")


def test_welsh_is_marked_machine_drafted() -> None:
    assert "machine-drafted" in AHP_TEXT.splitlines()[2]


def broken(edit: Callable[[str], str]) -> CampaignError:
    with pytest.raises(CampaignError) as error:
        parse_campaign(edit(AHP_TEXT), source="ahp.toml")
    return error.value


def test_missing_welsh_is_refused_with_its_line_and_field() -> None:
    error = broken(lambda t: t.replace(', cy = "Beth fyddai\'n gwneud y GIG yn well?" }', " }", 1))
    (problem,) = error.problems
    assert problem.field == "prompts[2].text.cy" and "needs Welsh text" in problem.message
    assert problem.line == line_of(AHP_TEXT, 'text = { en = "What would make the NHS better?"')
    assert f"line {problem.line}, prompts[2].text.cy" in str(error)


def test_an_unknown_field_is_refused_with_its_line() -> None:
    error = broken(lambda t: t.replace('hashtags = ["#', 'hashtag = ["#', 1))
    (problem,) = error.problems
    assert (problem.field, problem.line) == ("share.hashtag", line_of(AHP_TEXT, "hashtags = "))
    assert "unknown field" in problem.message and "hashtags" in problem.message


@pytest.mark.parametrize(
    ("setting", "says"),
    [('countdown_colour = "red"', "not a Voicebooth setting"), ('countdown_s = "soon"', "whole number")],
)
def test_an_unknown_or_invalid_setting_is_refused_with_its_line(setting: str, says: str) -> None:
    """[settings] holds Voicebooth settings: a misspelt one was ignored before, with a line in the log."""
    error = broken(lambda t: t.replace("countdown_s = 3", setting, 1))
    (problem,) = error.problems
    assert problem.field == f"settings.{setting.split()[0]}" and says in problem.message
    assert problem.line == line_of(AHP_TEXT, "countdown_s = 3")


def test_a_duplicate_prompt_id_is_refused_with_its_line() -> None:
    error = broken(lambda t: t.replace('id = "nhs-better"', 'id = "love-role"', 1))
    (problem,) = error.problems
    assert (problem.field, problem.line) == ("prompts[2].id", line_of(AHP_TEXT, 'id = "nhs-better"'))
    assert "repeated: love-role" in problem.message


def test_consent_reworded_without_a_new_id_is_refused() -> None:
    error = broken(lambda t: t.replace("for up to two years", "for up to three years", 1))
    (problem,) = error.problems
    assert problem.field == "consent[1].wording_sha256.en"
    assert problem.line == line_of(AHP_TEXT, "wording_sha256 =")
    assert "reworded but keeps its id" in problem.message and "new id" in problem.message
    # The same wording under a new id (and without the old pin) is a new version, and is accepted.
    renewed = AHP_TEXT.replace("for up to two years", "for up to three years", 1)
    renewed = re.sub(r"(?m)^wording_sha256 = .*\n", "", renewed).replace(
        "ahp-sww-consent-v1", "ahp-sww-consent-v2"
    )
    assert parse_campaign(renewed).consent.id == "ahp-sww-consent-v2"


@pytest.mark.parametrize(
    ("edit", "field", "says"),
    [
        (
            lambda t: t.replace('"https://change.nhs.uk/"', '"http://change.nhs.uk/"'),
            "call_to_action.url",
            "https://",
        ),
        (
            lambda t: t.replace('"https://change.nhs.uk/"', '"see our website"'),
            "call_to_action.url",
            "https://",
        ),
        (lambda t: t.replace('"#AHPSupportWorkersWeek"]', '"AHP week"]'), "share.hashtags[1]", "must be #"),
        (lambda t: t.replace("end = 2026-11-29", "end = 2026-11-20"), "dates.end", "on or after"),
        (lambda t: t.replace("start = 2026-11-25", 'start = "25 November"'), "dates.start", "2026-11-25"),
        (lambda t: t.replace('languages = ["en", "cy"]', 'languages = ["en", "fr"]'), "languages", "cy"),
        (
            lambda t: t.replace('cy = "Arweinydd y rhwydwaith', 'fr = "Arweinydd y rhwydwaith'),
            "fr",
            "unknown language",
        ),
    ],
)
def test_other_mistakes_name_their_field(edit: Callable[[str], str], field: str, says: str) -> None:
    error = broken(edit)
    assert any(p.field.endswith(field) and says in p.message and p.line for p in error.problems), error


def test_every_mistake_is_reported_at_once_in_line_order() -> None:
    def many(text: str) -> str:
        text = text.replace('id = "nhs-better"', 'id = "love-role"', 1)
        text = text.replace('hashtags = ["#', 'hashtag = ["#', 1)
        return text.replace('"https://change.nhs.uk/"', '"http://change.nhs.uk/"')

    error = broken(many)
    assert [p.field for p in error.problems] == ["share.hashtag", "call_to_action.url", "prompts[2].id"]
    assert str(error).startswith("The campaign pack ahp.toml has 3 problems:")


def test_a_call_to_action_is_optional() -> None:
    text = re.sub(r"(?s)\[call_to_action\].*?\n\n", "", AHP_TEXT)
    assert parse_campaign(text).call_to_action is None


def test_check_campaign_on_the_command_line(tmp_path: Path) -> None:
    bad = tmp_path / "pack"
    bad.mkdir()
    (bad / "campaign.toml").write_text(AHP_TEXT.replace('id = "nhs-better"', 'id = "love-role"', 1), "utf-8")
    command = [sys.executable, "-m", "ui.launcher", "--check-campaign"]
    good = subprocess.run([*command, str(AHP)], capture_output=True, text=True, timeout=60, check=False)
    assert good.returncode == 0, good.stderr
    assert "is ready to use" in good.stdout and "Dates: 25\u201329 November 2026" in good.stdout
    refused = subprocess.run([*command, str(bad)], capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 1
    where = line_of(AHP_TEXT, 'id = "nhs-better"')
    assert f"line {where}, prompts[2].id" in refused.stdout
    assert "Nothing was changed" in refused.stdout and "Traceback" not in refused.stderr


@pytest.mark.parametrize(
    ("start", "end", "english", "welsh"),
    [
        (date(2026, 11, 25), date(2026, 11, 25), "25 November 2026", "25 Tachwedd 2026"),
        (
            date(2026, 11, 30),
            date(2026, 12, 4),
            "30 November \u2013 4 December 2026",
            "30 Tachwedd \u2013 4 Rhagfyr 2026",
        ),
        (
            date(2026, 12, 30),
            date(2027, 1, 2),
            "30 December 2026 \u2013 2 January 2027",
            "30 Rhagfyr 2026 \u2013 2 Ionawr 2027",
        ),
    ],
)
def test_campaign_dates_read_naturally(start: date, end: date, english: str, welsh: str) -> None:
    dates = CampaignDates(start, end)
    assert (dates.text("en"), dates.text("cy")) == (english, welsh)
