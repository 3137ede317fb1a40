"""``voicebooth-server add-campaign`` accepts the AHP Support Worker Week pack: each language of its consent
version is published once, with the SHA-256 the app puts in its manifests."""

from __future__ import annotations

from pathlib import Path

from recorder.campaign import PACKS_DIR, load_campaign
from tests.integration.server.test_cli import cli

AHP = PACKS_DIR / "ahp-support-worker-week"


def test_add_campaign_publishes_the_ahp_pack(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    first = cli("add-campaign", str(AHP), "--data", data)
    assert first.returncode == 0, first.stderr
    version = load_campaign(AHP).consent
    for locale in ("en", "cy"):
        assert f"{version.id} {locale} {version.text_sha256(locale)} added" in first.stdout
    assert first.stdout.strip().endswith("2 consent text(s) published, 0 already published.")
    again = cli("add-campaign", str(AHP / "campaign.toml"), "--data", data)
    assert again.returncode == 0 and "0 consent text(s) published, 2 already published." in again.stdout
