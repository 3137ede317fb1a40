"""How a person who said "You may contact me" can be reached: an email address or a phone number, checked
the same way by the app (as they type) and by the server (before it stores them).

Both are optional; what is given must look like a real address or number. They are used only to contact the
person about how their video is used, are seen only by reviewers in review mode, never exported, and are
deleted with the rest of the person's details on withdrawal and by the retention purge.

Qt-free and dependency-free, so the server imports it as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: The consent choice that allows contact (campaign packs use this id for it).
CONTACT_CHOICE = "contact_me"
EMAIL_MAX_CHARS = 254
PHONE_MAX_CHARS = 30
#: A phone number has 10 to 15 digits (E.164 allows 15); UK numbers have 10 or 11 with the leading 0.
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 10, 15

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL_RE = re.compile(rf"^[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]{{1,64}}@{_LABEL}(?:\.{_LABEL})+$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()-]+$")


class ContactError(ValueError):
    """A contact detail that cannot be right. ``field`` is ``email`` or ``phone`` (or ``contact``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def clean_email(text: str) -> str:
    """The email address as stored ("" when none given).

    Raises:
        ContactError: it is not an email address.
    """
    email = text.strip()
    if not email:
        return ""
    if len(email) > EMAIL_MAX_CHARS or not _EMAIL_RE.fullmatch(email) or ".." in email:
        raise ContactError("email", "Enter an email address in the correct format, like name@example.nhs.uk.")
    return email


def clean_phone(text: str) -> str:
    """The phone number as stored, spaces tidied ("" when none given).

    Raises:
        ContactError: it is not a phone number.
    """
    phone = " ".join(text.split())
    if not phone:
        return ""
    digits = sum(ch.isdigit() for ch in phone)
    if (
        len(phone) > PHONE_MAX_CHARS
        or not _PHONE_RE.fullmatch(phone)
        or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS
    ):
        raise ContactError("phone", "Enter a phone number, like 07700 900 982 or +44 7700 900 982.")
    return phone


def contact_record(email: str, phone: str) -> dict[str, str]:
    """The manifest's ``contact`` object: only what was given (empty when nothing was)."""
    record = {"email": clean_email(email), "phone": clean_phone(phone)}
    return {key: value for key, value in record.items() if value}


def check_contact(contact: Mapping[str, object], choices: Mapping[str, object]) -> dict[str, str]:
    """The contact details of a manifest, checked against the consent (server side).

    Raises:
        ContactError: details without a Yes to being contacted, an unknown field, or a bad value.
    """
    if not contact:
        return {}
    if choices.get(CONTACT_CHOICE) is not True:
        raise ContactError("contact", "Contact details were sent without agreement to be contacted.")
    unknown = set(contact) - {"email", "phone"}
    if unknown:
        raise ContactError("contact", f"Unknown contact detail: {sorted(unknown)[0]}.")
    return contact_record(str(contact.get("email", "")), str(contact.get("phone", "")))
