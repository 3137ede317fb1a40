"""Consent's "You may contact me": how (an email address or a phone number, both optional) and what for.

Shown under the contact question only while its answer is Yes. Values are checked as the server checks
them (:mod:`recorder.contact_details`); :meth:`ContactDetails.problems` gives each problem with the field it
belongs to, ready for the NHS error pattern's summary and field messages.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from recorder.contact_details import (
    EMAIL_MAX_CHARS,
    PHONE_MAX_CHARS,
    ContactError,
    clean_email,
    clean_phone,
    contact_record,
)
from ui.i18n import Retranslating, translate


class ContactDetails(Retranslating, QWidget):
    """What contact details are for, and the two fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        self.email_label = QLabel()
        self.email = QLineEdit()
        self.email.setMaxLength(EMAIL_MAX_CHARS)
        self.phone_label = QLabel()
        self.phone = QLineEdit()
        self.phone.setMaxLength(PHONE_MAX_CHARS)
        self.email_label.setBuddy(self.email)
        self.phone_label.setBuddy(self.phone)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.email_label, self.email)
        form.addRow(self.phone_label, self.phone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.purpose)
        layout.addLayout(form)
        self.retranslate()

    def retranslate(self) -> None:
        self.purpose.setText(
            translate(
                "ContactDetails",
                "How can we contact you? Both are optional. We use them only to ask you about how your video "
                "is used. Only the people who review the videos see them; they are never published and are "
                "deleted with your video.",
            )
        )
        self.email_label.setText(translate("ContactDetails", "Email address (optional)"))
        self.email.setAccessibleName(translate("ContactDetails", "Email address (optional)"))
        self.email.setAccessibleDescription(self.purpose.text())
        self.phone_label.setText(translate("ContactDetails", "Phone number (optional)"))
        self.phone.setAccessibleName(translate("ContactDetails", "Phone number (optional)"))
        self.phone.setAccessibleDescription(self.purpose.text())

    def set_values(self, contact: dict[str, str]) -> None:
        self.email.setText(contact.get("email", ""))
        self.phone.setText(contact.get("phone", ""))

    def problems(self) -> list[tuple[QLineEdit, str]]:
        """Each field whose value cannot be right, with a translated message (empty: all fine)."""
        email_message = translate(
            "ContactDetails", "Enter an email address in the correct format, like name@example.nhs.uk"
        )
        phone_message = translate(
            "ContactDetails", "Enter a phone number, like 07700 900 982 or +44 7700 900 982"
        )
        found: list[tuple[QLineEdit, str]] = []
        for field, clean, message in (
            (self.email, clean_email, email_message),
            (self.phone, clean_phone, phone_message),
        ):
            try:
                clean(field.text())
            except ContactError:
                found.append((field, message))
        return found

    def record(self) -> dict[str, str]:
        """The details as stored (call after :meth:`problems` found none)."""
        return contact_record(self.email.text(), self.phone.text())
