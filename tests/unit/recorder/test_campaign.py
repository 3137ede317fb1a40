"""Campaign packs: the default pack, custom packs from a path or a real HTTP URL, and clear errors."""

from __future__ import annotations

import hashlib
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder.campaign import DEFAULT_PACK_DIR, CampaignError, load_campaign, parse_campaign

DEFAULT_TEXT = (DEFAULT_PACK_DIR / "campaign.toml").read_text(encoding="utf-8")

MINIMAL = """
schema = 1
id = "mini"
name = "Mini"
[[prompts]]
id = "p1"
text = "Question one?"
[[consent]]
id = "c1"
current = true
sections = [
  { kind = "purpose", heading = "Why", body = "Because." },
  { kind = "channels", heading = "Where", body = "Web." },
  { kind = "retention", heading = "How long", body = "A year." },
  { kind = "withdraw", heading = "Withdraw", body = "Ask us." },
  { kind = "contact", heading = "Contact", body = "comms@example.org" },
]
choices = [{ id = "ok", required = true, label = "I agree." }]
"""


def test_default_pack_has_the_two_prompts_and_is_complete_in_welsh() -> None:
    campaign = load_campaign()
    assert campaign.prompt_ids == ("love-role", "nhs-better")
    assert campaign.prompt("love-role").text.get("en") == "What do you love about your role?"
    assert campaign.prompt("nhs-better").text.get("en") == "What would make the NHS better?"
    assert all(p.tips and 30 <= p.max_duration_s <= 120 for p in campaign.prompts)
    assert campaign.missing_translations("cy") == []
    consent = campaign.consent
    assert {s.kind for s in consent.sections} == {"purpose", "channels", "retention", "withdraw", "contact"}
    assert consent.required_choice_ids == {"record_and_use"}
    assert campaign.settings["countdown_s"] == 3


def test_consent_hash_is_of_the_exact_text_shown_per_language() -> None:
    consent = load_campaign().consent
    for locale in ("en", "cy"):
        text = consent.rendered_text(locale)
        assert consent.text_sha256(locale) == hashlib.sha256(text.encode("utf-8")).hexdigest()
        for section in consent.sections:
            assert section.body.get(locale) in text
    assert consent.text_sha256("en") != consent.text_sha256("cy")


def test_a_pack_can_reword_reorder_add_and_limit_prompts(tmp_path: Path) -> None:
    text = DEFAULT_TEXT.replace(
        "What would make the NHS better?", "What one change would help patients most?"
    )
    first, second = text.split("[[prompts]]")[1:3]
    second, rest = second.split("[[consent]]", 1)
    head = text.split("[[prompts]]")[0]
    extra = '\n[[prompts]]\nid = "team"\nmax_duration_s = 30\ntext = { en = "Tell us about your team." }\n\n'
    reordered = head + "[[prompts]]" + second + "[[prompts]]" + first + extra + "[[consent]]" + rest
    (tmp_path / "campaign.toml").write_text(reordered, encoding="utf-8")
    campaign = load_campaign(tmp_path)  # a folder holding campaign.toml
    assert campaign.prompt_ids == ("nhs-better", "love-role", "team")
    assert campaign.prompt("nhs-better").text.get("en") == "What one change would help patients most?"
    assert campaign.prompt("team").max_duration_s == 30
    assert campaign.prompt("team").text.get("cy") == "Tell us about your team."  # falls back to English
    assert campaign.missing_translations("cy") == ["prompt team"]


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (free port) serving ``tmp_path``."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_pack_from_a_url_and_a_missing_url(tmp_path: Path, http_root: str) -> None:
    (tmp_path / "pack.toml").write_text(MINIMAL, encoding="utf-8")
    campaign = load_campaign(f"{http_root}/pack.toml")
    assert campaign.id == "mini" and campaign.source.endswith("/pack.toml")
    with pytest.raises(CampaignError, match="Could not download"):
        load_campaign(f"{http_root}/absent.toml")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("schema = 1", "schema = 2"), "expected schema = 1"),
        (lambda t: t.replace('id = "p1"', 'id = "p one"'), "without spaces"),
        (lambda t: t + '\n[[prompts]]\nid = "p1"\ntext = "Again?"\n', "repeated: p1"),
        (lambda t: t.replace('id = "p1"', 'id = "p1"\nmax_duration_s = 0'), "max_duration_s"),
        (lambda t: t.replace('text = "Question one?"', 'text = { cy = "Cwestiwn?" }'), "needs English text"),
        (lambda t: re.sub(r'\s*\{ kind = "retention".*\n', "\n", t), "must cover: retention"),
        (lambda t: t.replace("required = true", "required = false"), "at least one choice must be required"),
        (lambda t: t.replace("current = true", "current = false"), "exactly one version"),
        (lambda t: t.replace('kind = "contact"', 'kind = "gossip"'), "kind must be one of"),
        (lambda t: t + "\n[[[broken", "not valid TOML"),
    ],
)
def test_invalid_packs_fail_with_a_clear_message(edit: object, message: str) -> None:
    assert callable(edit)
    with pytest.raises(CampaignError, match=re.escape(message)) as error:
        parse_campaign(edit(MINIMAL), source="test.toml")
    assert "test.toml" in str(error.value)


def test_missing_pack_file(tmp_path: Path) -> None:
    with pytest.raises(CampaignError, match="does not exist"):
        load_campaign(tmp_path / "nowhere")
