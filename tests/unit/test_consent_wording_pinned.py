"""The default campaign's consent wording is pinned per version id: every manifest records the version id
and the SHA-256 of the exact words shown, so rewording a version that people have seen would make their
records point at words they never read. Changing the wording must add a new version (and make it current);
this test then gets the new version's fingerprints, and the old ones stay."""

from __future__ import annotations

from recorder.campaign import load_campaign

#: (version id, locale) -> SHA-256 of ConsentVersion.rendered_text(locale). Add lines; never edit one.
PINNED = {
    ("staff-voices-consent-v1", "en"): "e3967fe4fe2e80d65461a5a8ba2a6862ce0d739809bfe8d75235bc58d8fad477",
    ("staff-voices-consent-v1", "cy"): "40a9eb2deed5fe8ca7b861a7d521262df160a7c8baadb94b06a7d13c1b77071b",
    ("staff-voices-consent-v2", "en"): "f1fee5aec40e6827c8c7525182575d08d60ee275c2ad6cd81835e3ea50570a93",
    ("staff-voices-consent-v2", "cy"): "c9d8cff20bf2adadb89bdf5580b379ec37daad862232c7fd043e1b6419a6ebb6",
    ("staff-voices-consent-v3", "en"): "38bd662ef98e7b178b18fc4cff753f212c461a06c8bb9c4fd70d621fea10f8bd",
    ("staff-voices-consent-v3", "cy"): "f868a58d82205ea765c533dae1776c95cc72fe82708d6fbb631e25b81e9f18dd",
}


def test_every_consent_version_keeps_its_exact_wording() -> None:
    campaign = load_campaign()
    shown = {
        (v.id, locale): v.text_sha256(locale) for v in campaign.consent_versions for locale in ("en", "cy")
    }
    changed = sorted(key for key, sha in PINNED.items() if shown.get(key) != sha)
    assert not changed, (
        f"The wording of consent version(s) {changed} changed or was removed. Put the old wording back and "
        "add a new [[consent]] version with a new id for the new wording."
    )
    unpinned = sorted(set(shown) - set(PINNED))
    assert not unpinned, f"Pin the fingerprints of the new consent version(s) here: {unpinned}"


def test_the_current_version_tells_people_how_to_withdraw_truthfully() -> None:
    consent = load_campaign().consent
    assert consent.id == "staff-voices-consent-v3"
    withdraw = next(s for s in consent.sections if s.kind == "withdraw")
    text = withdraw.body.get("en")
    # the Done screen gives both codes and a QR code of the server's withdrawal page (ui/pages/done.py)
    assert "reference code and a withdrawal code" in text and "withdrawal page" in text
    assert "QR code" in text and "contact below" in text
    assert "in the app" not in text  # the app offers no way to withdraw; the page or the contact does
    contact = next(c for c in consent.choices if c.id == "contact_me").label.get("en")
    assert "email address or phone number" in contact and "used for nothing else" in contact
    assert any(s.kind == "contact" for s in consent.sections)
