"""The consent record, shown prominently: what it may be used for, version, dates, expiry, each choice, and
the exact wording.

At the top, in words: whether consent stands, and what the person agreed to ("May be used: internal
communications. Not on public social media."). The exact wording is the server's record (published with
``voicebooth-server add-campaign``, its SHA-256 matching the submission's). When the server holds no such
text, "WORDING NOT VERIFIED" is said in red at the top, the export stays blocked, and a form asks the
reviewer to record how the wording is known (audited on the server); until then the campaign pack's text
for the version, if any, is shown marked as unchecked. The person's details are listed with whether each may
be shown with the video.

Signals:
    wording_reason_given(str): the reviewer recorded why the wording is known (not blank).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from recorder.campaign import ConsentVersion
from recorder.consent_rules import social_media_allowed
from recorder.review import SubmissionDetail
from ui.i18n import Retranslating, translate
from ui.review.style import restyle, show_label_text
from ui.review.texts import friendly_time, person_field_text, yes_no


class ConsentView(Retranslating, QFrame):
    """Shows one submission's consent and the person's details.

    Signals:
        wording_reason_given(str): Record pressed with a reason for a not-verified wording.
    """

    wording_reason_given = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConsentBox")
        self.heading = QLabel()
        self.heading.setObjectName("SectionTitle")
        self.heading.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("ConsentState")
        self.state_label.setWordWrap(True)
        self.use_label = QLabel()
        self.use_label.setObjectName("ConsentUse")
        self.use_label.setWordWrap(True)
        self.wording_reason = QPlainTextEdit()
        self.wording_reason.setTabChangesFocus(True)
        self.wording_reason.setMaximumHeight(80)
        self.wording_reason_label = QLabel()
        self.wording_reason_label.setWordWrap(True)
        self.wording_reason_label.setBuddy(self.wording_reason)
        self.wording_record_button = QPushButton()
        self.wording_record_button.clicked.connect(self._record_reason)
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.choices_label = QLabel()
        self.choices_label.setWordWrap(True)
        self.person_heading = QLabel()
        self.person_heading.setObjectName("SectionTitle")
        self.person_heading.setWordWrap(True)
        self.person_label = QLabel()
        self.person_label.setWordWrap(True)
        self.wording_heading = QLabel()
        self.wording_heading.setObjectName("SectionTitle")
        self.wording_heading.setWordWrap(True)
        self.verified_label = QLabel()
        self.verified_label.setObjectName("Hint")
        self.verified_label.setWordWrap(True)
        self.wording = QTextBrowser()
        self.wording.setMinimumHeight(140)
        layout = QVBoxLayout(self)
        for widget in (
            self.heading,
            self.state_label,
            self.use_label,
            self.wording_reason_label,
            self.wording_reason,
            self.wording_record_button,
            self.facts_label,
            self.choices_label,
            self.person_heading,
            self.person_label,
            self.wording_heading,
            self.verified_label,
            self.wording,
        ):
            layout.addWidget(widget)
        self._detail: SubmissionDetail | None = None
        self._version: ConsentVersion | None = None
        self.retranslate()

    def show_detail(self, detail: SubmissionDetail | None, version: ConsentVersion | None) -> None:
        self._detail, self._version = detail, version
        self.retranslate()

    def wording_known(self) -> bool:
        """Whether the server verified the wording or a reviewer recorded why it is known."""
        return self._detail is not None and self._detail.consent.wording.known

    def _record_reason(self) -> None:
        reason = self.wording_reason.toPlainText().strip()
        if reason:
            self.wording_reason_given.emit(reason)
        else:
            self.wording_reason.setFocus()

    def consent_ok(self, now_utc: datetime | None = None) -> bool:
        """Whether the consent stands (not withdrawn, not expired)."""
        detail = self._detail
        if detail is None or detail.status in ("withdrawn", "expired") or detail.consent.expired:
            return False
        expires = detail.consent.expires_utc
        return expires is None or expires > (now_utc or datetime.now(UTC))

    def retranslate(self) -> None:
        self.heading.setText(translate("ConsentView", "Consent"))
        self.person_heading.setText(translate("ConsentView", "About the person"))
        self.wording_heading.setText(translate("ConsentView", "Exact wording they agreed to"))
        self.wording.setAccessibleName(translate("ConsentView", "Exact consent wording"))
        self.wording.setAccessibleDescription(
            translate("ConsentView", "The words the person read before agreeing, in their language.")
        )
        self.wording_reason_label.setText(
            translate(
                "ConsentView",
                "How do you know which wording they were shown? (e.g. the signed paper form, the campaign "
                "pack version used at the event). This is kept in the audit trail.",
            )
        )
        self.wording_reason.setAccessibleName(translate("ConsentView", "How the wording is known"))
        self.wording_record_button.setText(translate("ConsentView", "Record how the wording is known"))
        self.wording_record_button.setAccessibleName(
            translate("ConsentView", "Record how the wording is known")
        )
        self.wording_record_button.setAccessibleDescription(
            translate("ConsentView", "Saves your reason on the server; then the video can be exported.")
        )
        detail = self._detail
        if detail is None:
            for label in (self.state_label, self.use_label, self.facts_label, self.choices_label,
                          self.person_label):  # fmt: skip
                label.clear()
            self.verified_label.clear()
            self.wording.clear()
            self._show_reason_form(False)
            return
        consent = detail.consent
        wording = consent.wording
        if detail.status == "withdrawn":
            state = translate("ConsentView", "WITHDRAWN: this person has withdrawn consent. Do not use.")
        elif not self.consent_ok():
            state = translate("ConsentView", "EXPIRED: this consent has run out. Do not use.")
        elif not wording.known:
            state = translate(
                "ConsentView",
                "WORDING NOT VERIFIED: the server does not hold the exact words this person agreed to. "
                "It cannot be exported until you record how the wording is known.",
            )
        else:
            state = translate("ConsentView", "Consent given and current.")
        bad = not self.consent_ok() or not wording.known
        show_label_text(self.state_label, state)
        self.state_label.setProperty("bad", bad)
        restyle(self.state_label)
        use = (
            translate("ConsentView", "May be used: internal communications and public social media.")
            if social_media_allowed(consent.choices)
            else translate("ConsentView", "May be used: internal communications. Not on public social media.")
        )
        show_label_text(self.use_label, use if self.consent_ok() else "")
        self._show_reason_form(self.consent_ok() and not wording.known)
        self.facts_label.setText(
            translate("ConsentView", "Version: {version}\nGiven: {given}\nExpires: {expires}").format(
                version=consent.version_id or "—",
                given=friendly_time(consent.given_utc),
                expires=friendly_time(consent.expires_utc)
                if consent.expires_utc
                else translate("ConsentView", "no expiry recorded"),
            )
        )
        lines = []
        known = [c.id for c in self._version.choices] if self._version is not None else []
        ordered = [c for c in known if c in consent.choices] + [c for c in consent.choices if c not in known]
        for choice_id in ordered:
            agreed = consent.choices[choice_id]
            choice_text = self._choice_label(choice_id, detail.locale)
            lines.append(f"{'✓' if agreed else '✗'} {yes_no(agreed)}: {choice_text}")
        self.choices_label.setText("\n".join(lines) or translate("ConsentView", "No choices recorded."))
        people = [
            translate("ConsentView", "{field}: {value} ({shown})").format(
                field=person_field_text(f.key),
                value=f.value,
                shown=translate("ConsentView", "may be shown with the video")
                if f.show
                else translate("ConsentView", "NOT to be shown"),
            )
            for f in detail.summary.person
        ]
        contact = {
            "email": translate("ConsentView", "Email"),
            "phone": translate("ConsentView", "Phone"),
        }
        people += [
            translate(
                "ConsentView", "{field}: {value} (only to contact them about how their video is used)"
            ).format(field=contact[key], value=value)
            for key, value in detail.contact.items()
        ]
        self.person_label.setText(
            "\n".join(people) or translate("ConsentView", "They chose not to give any details.")
        )
        self._show_wording(detail)

    def _choice_label(self, choice_id: str, locale: str) -> str:
        if self._version is not None:
            for choice in self._version.choices:
                if choice.id == choice_id:
                    return choice.label.get(locale)
        return choice_id

    def _show_reason_form(self, visible: bool) -> None:
        for widget in (self.wording_reason_label, self.wording_reason, self.wording_record_button):
            widget.setVisible(visible)

    def _show_wording(self, detail: SubmissionDetail) -> None:
        wording = detail.consent.wording
        if wording.status == "verified":
            self.wording.setPlainText(wording.text)
            self.verified_label.setText(
                translate(
                    "ConsentView",
                    "Checked: these are exactly the words the person was shown (the intake server's record).",
                )
            )
            return
        confirmed = ""
        if wording.status == "confirmed":
            confirmed = translate(
                "ConsentView", "{reviewer} recorded on {when} how the wording is known: {reason}"
            ).format(
                reviewer=wording.confirmed_by,
                when=friendly_time(wording.confirmed_utc),
                reason=wording.reason,
            )
            confirmed += "\n"
        version = self._version
        if version is None:
            self.wording.setPlainText("")
            self.verified_label.setText(
                confirmed
                + translate(
                    "ConsentView",
                    "The wording of consent version {version} is not in this campaign pack, so it cannot be "
                    "shown here. Its fingerprint is {sha}.",
                ).format(version=detail.consent.version_id, sha=detail.consent.text_sha256[:16])
            )
            return
        text = version.rendered_text(detail.locale)
        self.wording.setPlainText(text)
        matches = hashlib.sha256(text.encode("utf-8")).hexdigest() == detail.consent.text_sha256.lower()
        self.verified_label.setText(
            confirmed
            + (
                translate(
                    "ConsentView",
                    "The server does not hold this wording: it is shown from this computer's campaign pack, "
                    "whose words match the fingerprint recorded with the submission.",
                )
                if matches
                else translate(
                    "ConsentView",
                    "Warning: these words do not match the fingerprint recorded with the submission; the "
                    "person may have seen a different wording.",
                )
            )
        )
