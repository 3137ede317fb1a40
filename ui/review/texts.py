"""Translated names and formats for review values: statuses, person fields, times (audit: audit_text.py).

lupdate only sees literal strings, so each ``translate`` call is written out (see ui/i18n.py).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from ui.i18n import translate


def status_text(status: str) -> str:
    """A submission status as reviewers say it."""
    names = {
        "open": translate("ReviewTexts", "Still arriving"),
        "received": translate("ReviewTexts", "New"),
        "approved": translate("ReviewTexts", "Approved"),
        "changes_requested": translate("ReviewTexts", "Changes requested"),
        "rejected": translate("ReviewTexts", "Rejected"),
        "withdrawn": translate("ReviewTexts", "Withdrawn"),
        "expired": translate("ReviewTexts", "Consent expired"),
    }
    return names.get(status, status)


def person_field_text(key: str) -> str:
    names = {
        "name": translate("ReviewTexts", "Name"),
        "job_title": translate("ReviewTexts", "Job title"),
        "employer": translate("ReviewTexts", "Where they work"),
    }
    return names.get(key, key)


def yes_no(value: bool) -> str:
    return translate("ReviewTexts", "Yes") if value else translate("ReviewTexts", "No")


def friendly_time(value: datetime | None) -> str:
    """``Wed 25 Nov 2026, 14:03`` in the computer's time zone and the app's language (a dash when unknown)."""
    if value is None:
        return "—"
    local = value.astimezone()  # the zone Python and the reviewer's clock agree on
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QLocale().toString(moment, "ddd d MMM yyyy, HH:mm")
