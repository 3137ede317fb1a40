"""What review mode's screens share: the API client, the clip proxy, the campaign pack and where exports go.

Built once by :func:`build_services` from the resolved configuration; tests build one pointing at their
own server. The HTTP sessions come from :func:`recorder.net.build_session` (trust store, proxy, timeouts),
one for the client and one for the clip proxy's serving threads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import requests

from recorder.campaign import Campaign, ConsentVersion
from recorder.config import Config
from recorder.export import EndCardSpec
from recorder.review import ClipProxy, ReviewClient, TokenStore

log = logging.getLogger(__name__)


@dataclass
class ReviewServices:
    """Everything the review screens use.

    Attributes:
        client: the review API client (blocking: call it from background tasks).
        proxy: serves clips to the player with the bearer header (started).
        campaign: the campaign pack (consent wording, prompts, end card).
        export_dir: the default folder for exports.
        locale: the app's language (for consent wording and the end card).
    """

    client: ReviewClient
    proxy: ClipProxy
    campaign: Campaign
    export_dir: Path
    locale: str = "en"
    extras: dict[str, object] = field(default_factory=dict)

    def consent_version(self, version_id: str) -> ConsentVersion | None:
        """The campaign's consent version with this id (None when the pack does not have it)."""
        return next((v for v in self.campaign.consent_versions if v.id == version_id), None)

    def prompt_text(self, prompt_id: str) -> str:
        """The campaign's wording of a prompt in the app's language (the id when unknown)."""
        try:
            return self.campaign.prompt(prompt_id).text.get(self.locale)
        except KeyError:
            return prompt_id

    def end_card(self) -> EndCardSpec | None:
        card = self.campaign.end_card
        if card is None:
            return None
        text = self.campaign.end_card_text(self.locale)  # with the pack's hashtags
        return EndCardSpec(text, card.duration_s, card.background, card.text_colour)

    def close(self) -> None:
        self.proxy.stop()


def make_sessions(config: Config) -> tuple[requests.Session, requests.Session]:
    """Two sessions configured like the sending side's (one is used by the proxy's threads).

    Raises:
        recorder.net.TrustError: the configured CA bundle cannot be used."""
    from recorder.net import NetworkSettings, build_session

    settings = NetworkSettings.from_config(config)
    return build_session(settings), build_session(settings)


def build_services(
    server_url: str,
    campaign: Campaign,
    sessions: tuple[requests.Session, requests.Session],
    *,
    locale: str = "en",
    tokens: TokenStore | None = None,
    export_dir: Path | None = None,
) -> ReviewServices:
    """Review services for the intake server at ``server_url`` (the clip proxy is started)."""
    client_session, proxy_session = sessions
    client = ReviewClient(server_url, client_session, tokens or TokenStore())
    proxy = ClipProxy(client.http, proxy_session)
    proxy.start()
    folder = export_dir or Path(platformdirs.user_videos_dir()) / "Voicebooth exports"
    return ReviewServices(client, proxy, campaign, folder, locale=locale or "en")
