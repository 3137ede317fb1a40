"""The campaign pack's end card: read from [end_card], checked, and present in the default pack (en + cy)."""

from __future__ import annotations

import pytest

from recorder.campaign import CampaignError, load_campaign, parse_campaign

MINIMAL = """
schema = 1
id = "c"
name = "C"
[[prompts]]
id = "p"
text = "Q?"
[[consent]]
id = "v1"
current = true
sections = [
  { kind = "purpose", heading = "h", body = "b" }, { kind = "channels", heading = "h", body = "b" },
  { kind = "retention", heading = "h", body = "b" }, { kind = "withdraw", heading = "h", body = "b" },
  { kind = "contact", heading = "h", body = "b" },
]
choices = [{ id = "ok", required = true, label = "Yes" }]
"""


def test_default_pack_has_an_end_card_in_both_languages() -> None:
    campaign = load_campaign()
    assert campaign.end_card is not None
    assert campaign.end_card.text.get("en").startswith("Staff voices")
    assert campaign.end_card.text.has("cy")
    assert campaign.missing_translations("cy") == []


def test_a_pack_without_an_end_card_has_none() -> None:
    assert parse_campaign(MINIMAL).end_card is None


def test_end_card_values() -> None:
    card = parse_campaign(
        MINIMAL + '[end_card]\ntext = "Thanks"\nduration_s = 2.5\nbackground = "#112233"\n'
    ).end_card
    assert card is not None
    assert (card.text.get("cy"), card.duration_s, card.background, card.text_colour) == (
        "Thanks",
        2.5,
        "#112233",
        "#FFFFFF",
    )


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('text = "T"\nduration_s = 0', "duration_s must be from 1 to 10"),
        ('text = "T"\nduration_s = true', "duration_s must be from 1 to 10"),
        ('text = "T"\nbackground = "blue"', "background must be a colour"),
        ("duration_s = 2", "needs a text"),
    ],
)
def test_bad_end_card_is_a_plain_error(table: str, says: str) -> None:
    with pytest.raises(CampaignError, match=says):
        parse_campaign(MINIMAL + "[end_card]\n" + table + "\n")
