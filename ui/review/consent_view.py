"""The consent record, shown prominently: version, dates, expiry, each choice, and the exact wording.

The exact wording comes from the campaign pack's consent version with the recorded id, rendered in the
language the person used; its SHA-256 is compared with the one in the submission, so the reviewer is told
whether the words shown are provably the words the person agreed to. The person's details are listed with
whether each may be shown with the video.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from recorder.campaign import ConsentVersion
from recorder.review import SubmissionDetail
from ui.i18n import translate
from ui.review.style import restyle
from ui.review.texts import friendly_time, person_field_text, yes_no


class ConsentView(QFrame):
    """Shows one submission's consent and the person's details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConsentBox")
        self.heading = QLabel()
        self.heading.setObjectName("SectionTitle")
        self.heading.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("ConsentState")
        self.state_label.setWordWrap(True)
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_detail(self, detail: SubmissionDetail | None, version: ConsentVersion | None) -> None:
        self._detail, self._version = detail, version
        self.retranslate()

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
        detail = self._detail
        if detail is None:
            for label in (self.state_label, self.facts_label, self.choices_label, self.person_label):
                label.clear()
            self.verified_label.clear()
            self.wording.clear()
            return
        consent = detail.consent
        if detail.status == "withdrawn":
            state = translate("ConsentView", "WITHDRAWN: this person has withdrawn consent. Do not use.")
        elif not self.consent_ok():
            state = translate("ConsentView", "EXPIRED: this consent has run out. Do not use.")
        else:
            state = translate("ConsentView", "Consent given and current.")
        self.state_label.setText(state)
        self.state_label.setProperty("bad", not self.consent_ok())
        restyle(self.state_label)
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
            wording = self._choice_label(choice_id, detail.locale)
            lines.append(f"{'✓' if agreed else '✗'} {yes_no(agreed)}: {wording}")
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

    def _show_wording(self, detail: SubmissionDetail) -> None:
        version = self._version
        if version is None:
            self.wording.setPlainText("")
            self.verified_label.setText(
                translate(
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
            translate("ConsentView", "Checked: these are exactly the words the person was shown.")
            if matches
            else translate(
                "ConsentView",
                "Warning: these words do not match the fingerprint recorded with the submission; the person "
                "may have seen a different wording.",
            )
        )
