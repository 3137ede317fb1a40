"""``voicebooth --check-campaign PATH``: checks a campaign pack and explains every mistake by line and field.

Nothing is changed: the pack is only read. Exit code 0 when the pack can be used, 1 when it cannot. A good
pack gets a short summary (what people will see) and, for each consent version whose wording is not pinned
yet, the ``wording_sha256`` line that pins it.
"""

from __future__ import annotations

import sys
from typing import TextIO

from recorder.campaign import Campaign, CampaignError, load_campaign


def check_campaign(source: str, out: TextIO | None = None) -> int:
    """Check the pack at ``source`` (folder, ``.toml`` file, URL or built-in name) and print the verdict."""
    stream = out or sys.stdout
    try:
        campaign = load_campaign(source)
    except CampaignError as error:
        print(error, file=stream)
        print(
            "\nThe pack cannot be used until each mistake above is put right. Nothing was changed.",
            file=stream,
        )
        return 1
    print(f"The campaign pack {campaign.source} is ready to use.", file=stream)
    for line in summary(campaign):
        print(f"  {line}", file=stream)
    return 0


def summary(campaign: Campaign) -> list[str]:
    """What people will see, one fact a line (English texts)."""
    lines = [f"Name: {campaign.name.get('en')} (id {campaign.id})"]
    if campaign.organiser is not None:
        lines.append(f"Organiser: {campaign.organiser.get('en')}")
    if campaign.dates is not None:
        lines.append(f"Dates: {campaign.dates.text('en')}")
    lines.append(f"Languages: {', '.join(campaign.languages)}")
    lines += [f"Prompt {p.id}: {p.text.get('en')} ({len(p.tips)} tips)" for p in campaign.prompts]
    if campaign.hashtags:
        lines.append(f"Hashtags: {' '.join(campaign.hashtags)}")
    if campaign.call_to_action is not None:
        lines.append(f"Call to action: {campaign.call_to_action.url}")
    for version in campaign.consent_versions:
        current = " (current)" if version.id == campaign.current_consent_id else ""
        pins = ", ".join(f'{locale} = "{version.text_sha256(locale)}"' for locale in campaign.languages)
        lines.append(f"Consent {version.id}{current}: wording_sha256 = {{ {pins} }}")
    return lines
