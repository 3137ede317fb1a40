"""Contact details are checked alike in the app and on the server (recorder.contact_details)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recorder.contact_details import ContactError, check_contact, clean_email, clean_phone, contact_record
from recorder.submission.schema import validate_manifest


@pytest.mark.parametrize(
    "email", ["sam@example.nhs.uk", "Sam.Jones+video@nhs.net", "a.b-c@trust-1.wales.nhs.uk"]
)
def test_email_addresses_people_have(email: str) -> None:
    assert clean_email(f"  {email} ") == email


@pytest.mark.parametrize(
    "email",
    ["sam", "sam@", "@nhs.uk", "sam@nhs", "sam@@nhs.uk", "sam jones@nhs.uk", "sam..j@nhs.uk", "a@-x.uk"],
)
def test_email_addresses_that_cannot_be_right(email: str) -> None:
    with pytest.raises(ContactError) as error:
        clean_email(email)
    assert error.value.field == "email"


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("07700 900 982", "07700 900 982"),
        ("+44 (0)7700-900982", "+44 (0)7700-900982"),
        (" 0291  0123456 ", "0291 0123456"),
    ],
)
def test_phone_numbers_people_write(phone: str, stored: str) -> None:
    assert clean_phone(phone) == stored


@pytest.mark.parametrize(
    "phone", ["12345", "0770090098x", "+44 7700 900 982 1234 5678", "++447700900982", "call me"]
)
def test_phone_numbers_that_cannot_be_right(phone: str) -> None:
    with pytest.raises(ContactError):
        clean_phone(phone)


def test_contact_only_with_a_yes_to_being_contacted() -> None:
    contact = {"email": "sam@example.nhs.uk"}
    assert check_contact(contact, {"contact_me": True}) == contact
    assert check_contact({}, {}) == {}
    for choices in ({}, {"contact_me": False}):
        with pytest.raises(ContactError):
            check_contact(contact, choices)
    with pytest.raises(ContactError):
        check_contact({"fax": "0123456789"}, {"contact_me": True})


@given(st.text(max_size=60), st.text(max_size=40))
def test_whatever_is_typed_is_either_refused_or_valid_in_the_manifest_schema(email: str, phone: str) -> None:
    try:
        record = contact_record(email, phone)
    except ContactError:
        return
    manifest = {
        "schema": 1,
        "submission_id": "0b0e1e6c-3a5f-4d7e-9c1a-2b3c4d5e6f70",
        "campaign_id": "staff-voices-default",
        "app_version": "0.1.0",
        "locale": "en",
        "created_utc": "2026-12-07T19:00:00Z",
        "person": {},
        "consent": {
            "version_id": "v",
            "text_sha256": "a" * 64,
            "choices": {"contact_me": True},
            "given_utc": "2026-12-07T19:00:00Z",
        },
        "takes": [
            {
                "take_id": "t1",
                "prompt_id": "p",
                "prompt_text": "Q",
                "duration_s": 1.0,
                "size_bytes": 1,
                "sha256": "b" * 64,
                "check": {},
            }
        ],
    }
    if record:
        manifest["contact"] = record
    validate_manifest(manifest)
    assert check_contact(record, {"contact_me": True}) == record
