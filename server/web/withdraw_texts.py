"""The withdrawal page's words in English and Welsh, and dates and lengths written for people.

The Welsh texts are machine-drafted and must be reviewed by a Welsh speaker before use (as the app's are).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from recorder.campaign import MONTHS

LANGUAGES = ("en", "cy")

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "service": "Voicebooth: staff voices",
        "skip": "Skip to main content",
        "language_nav": "Language",
        "error_prefix": "Error",
        "title": "Withdraw your video",
        "intro": "If you recorded a video with Voicebooth, you can withdraw it at any time, without giving a "
        "reason. Your videos are deleted from our server straight away and will not be used.",
        "need_codes": "You need the 2 codes you were given when you finished recording: your reference "
        "code and your withdrawal code.",
        "codes_legend": "Your codes",
        "reference_label": "Reference code",
        "reference_hint": "For example, VB-7K3M-Q9XD",
        "code_label": "Withdrawal code",
        "code_hint": "15 letters and numbers, for example K7M3Q-9XDAB-4TRWH. Capital or small letters, "
        "spaces and dashes are all fine.",
        "continue": "Continue",
        "no_codes": "If you do not have your codes, contact your communications team or the network lead "
        "who invited you to take part, and give them your reference code.",
        "problem": "There is a problem",
        "wrong_codes": "The reference code and withdrawal code do not match any video. Check both codes and "
        "try again.",
        "empty_codes": "Enter your reference code and your withdrawal code.",
        "session": "This page was open for too long, or your browser blocked its cookie. Enter your codes "
        "again.",
        "confirm_title": "Check before you withdraw",
        "sent_on": "Reference {reference}, sent on {date}.",
        "will_delete": "These answers will be deleted",
        "cannot_undo_title": "This cannot be undone",
        "cannot_undo": "Your videos are deleted straight away and will not be used again. Posts that were "
        "already shared may take a few days to remove.",
        "important": "Important",
        "confirm_button": "Yes, withdraw and delete my videos",
        "go_back": "No, go back",
        "done_title": "Your video has been withdrawn",
        "done_text": "We deleted your videos on {date}. They will not be used.",
        "already_text": "This video was already withdrawn on {date}. Its videos have been deleted.",
        "done_next": "You do not need to do anything else. You can close this page.",
        "limited_title": "Too many attempts",
        "limited_text": "To keep everyone's videos safe, codes cannot be tried again for {minutes} minutes. "
        "Then check both codes carefully and try again.",
        "start_again": "Start again",
        "footer": "Voicebooth intake server",
    },
    "cy": {
        "service": "Voicebooth: lleisiau staff",
        "skip": "Neidio i'r prif gynnwys",
        "language_nav": "Iaith",
        "error_prefix": "Gwall",
        "title": "Tynnu eich fideo yn ôl",
        "intro": "Os gwnaethoch recordio fideo gyda Voicebooth, gallwch ei dynnu'n ôl ar unrhyw adeg, heb "
        "roi rheswm. Caiff eich fideos eu dileu o'n gweinydd ar unwaith ac ni fyddant yn cael eu defnyddio.",
        "need_codes": "Mae angen y 2 god a gawsoch pan orffennoch recordio: eich cod cyfeirnod a'ch cod "
        "tynnu'n ôl.",
        "codes_legend": "Eich codau",
        "reference_label": "Cod cyfeirnod",
        "reference_hint": "Er enghraifft, VB-7K3M-Q9XD",
        "code_label": "Cod tynnu'n ôl",
        "code_hint": "15 llythyren a rhif, er enghraifft K7M3Q-9XDAB-4TRWH. Mae priflythrennau neu "
        "lythrennau bach, bylchau a llinellau toriad i gyd yn iawn.",
        "continue": "Parhau",
        "no_codes": "Os nad oes gennych eich codau, cysylltwch â'ch tîm cyfathrebu neu arweinydd y "
        "rhwydwaith a'ch gwahoddodd i gymryd rhan, a rhowch eich cod cyfeirnod iddyn nhw.",
        "problem": "Mae problem",
        "wrong_codes": "Nid yw'r cod cyfeirnod a'r cod tynnu'n ôl yn cyfateb i unrhyw fideo. Gwiriwch y ddau "
        "god a rhowch gynnig arall arni.",
        "empty_codes": "Rhowch eich cod cyfeirnod a'ch cod tynnu'n ôl.",
        "session": "Roedd y dudalen hon ar agor yn rhy hir, neu rhwystrodd eich porwr ei chwci. Rhowch eich "
        "codau eto.",
        "confirm_title": "Gwiriwch cyn tynnu'n ôl",
        "sent_on": "Cyfeirnod {reference}, anfonwyd ar {date}.",
        "will_delete": "Caiff yr atebion hyn eu dileu",
        "cannot_undo_title": "Ni ellir dadwneud hyn",
        "cannot_undo": "Caiff eich fideos eu dileu ar unwaith ac ni fyddant yn cael eu defnyddio eto. Gall "
        "gymryd ychydig ddyddiau i dynnu negeseuon sydd eisoes wedi'u rhannu.",
        "important": "Pwysig",
        "confirm_button": "Ie, tynnu'n ôl a dileu fy fideos",
        "go_back": "Na, mynd yn ôl",
        "done_title": "Mae eich fideo wedi'i dynnu'n ôl",
        "done_text": "Gwnaethom ddileu eich fideos ar {date}. Ni fyddant yn cael eu defnyddio.",
        "already_text": "Cafodd y fideo hwn ei dynnu'n ôl eisoes ar {date}. Mae ei fideos wedi'u dileu.",
        "done_next": "Does dim angen i chi wneud dim byd arall. Gallwch gau'r dudalen hon.",
        "limited_title": "Gormod o ymdrechion",
        "limited_text": "Er mwyn cadw fideos pawb yn ddiogel, ni ellir rhoi cynnig ar godau eto am {minutes} "
        "munud. Yna gwiriwch y ddau god yn ofalus a rhowch gynnig arall arni.",
        "start_again": "Dechrau eto",
        "footer": "Gweinydd derbyn Voicebooth",
    },
}

#: The other language's name, written in that language (the language switch).
SWITCH_LABEL = {"en": "Cymraeg", "cy": "English"}

_UNITS = {"en": ("minute", "minutes", "second", "seconds"), "cy": ("munud", "munud", "eiliad", "eiliad")}


def language(requested: str | None) -> str:
    """``en`` or ``cy`` (anything else is English)."""
    return requested if requested in LANGUAGES else "en"


def _local_zone() -> tzinfo:
    try:
        return ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:  # no time zone database (some Windows installs): UTC dates
        return UTC


def day_text(when: datetime | None, lang: str) -> str:
    """``25 November 2026`` / ``25 Tachwedd 2026`` (UK local date)."""
    if when is None:
        return ""
    local = when.astimezone(_local_zone())
    return f"{local.day} {MONTHS[lang][local.month - 1]} {local.year}"


def length_text(seconds: float, lang: str) -> str:
    """``1 minute 5 seconds`` / ``1 munud 5 eiliad``."""
    total = max(1, round(seconds))
    minutes, secs = divmod(total, 60)
    minute, minutes_word, second, seconds_word = _UNITS[lang]
    parts = []
    if minutes:
        parts.append(f"{minutes} {minute if minutes == 1 else minutes_word}")
    if secs:
        parts.append(f"{secs} {second if secs == 1 else seconds_word}")
    return " ".join(parts)
