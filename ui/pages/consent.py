"""Consent: the campaign's consent wording and an explicit Yes/No for each choice; required ones must be Yes.

The wording comes from the campaign pack's current consent version, in the chosen language. The SHA-256
stored with the consent is of exactly that text (:meth:`recorder.campaign.ConsentVersion.rendered_text`).
Nothing is recorded before this page's Next: the flow machine refuses to reach a prompt without consent.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from recorder.campaign import ConsentVersion
from recorder.contact_details import CONTACT_CHOICE
from recorder.flow import FlowState, Step
from ui.i18n import translate
from ui.pages.base import Page, PageContext, YesNo, register_page
from ui.pages.contact_details import ContactDetails
from ui.widgets.error_pattern import ErrorGroup, FieldProblem


@register_page(Step.CONSENT)
class ConsentPage(Page):
    """Shows the consent sections and asks each choice explicitly."""

    CONTEXT = "ConsentPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.version: ConsentVersion = ctx.campaign.consent
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.body.addWidget(self.intro)
        self.headings: list[QLabel] = []
        self.bodies: list[QLabel] = []
        for _section in self.version.sections:
            heading = QLabel()
            heading.setStyleSheet("font-weight: bold;")
            heading.setWordWrap(True)
            text = QLabel()
            text.setWordWrap(True)
            self.body.addWidget(heading)
            self.body.addWidget(text)
            self.headings.append(heading)
            self.bodies.append(text)
        self.choice_labels: dict[str, QLabel] = {}
        self.choices: dict[str, YesNo] = {}
        self.choice_groups: dict[str, ErrorGroup] = {}
        self.contact_details = ContactDetails()  # how to contact the person, under "You may contact me"
        self.contact_group = ErrorGroup()  # its messages at the field (NHS pattern)
        self.contact_group.add(self.contact_details)
        for field in (self.contact_details.email, self.contact_details.phone):
            field.textChanged.connect(self.recheck)
        for choice in self.version.choices:
            label = QLabel()
            label.setWordWrap(True)
            label.setStyleSheet("font-weight: bold;")
            answer = YesNo()
            answer.changed.connect(self.recheck)
            group = ErrorGroup()  # question, its error message (NHS pattern), the answer
            group.add(label)
            group.add(answer)
            self.body.addWidget(group)
            self.choice_labels[choice.id] = label
            self.choices[choice.id] = answer
            self.choice_groups[choice.id] = group
            if choice.id == CONTACT_CHOICE:
                self.body.addWidget(self.contact_group)
                answer.changed.connect(self._show_contact_details)
        self._show_contact_details()
        self.body.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return translate("ConsentPage", "How your video will be used")

    def retranslate(self) -> None:
        super().retranslate()
        locale = self.ctx.locale
        self.intro.setText(
            translate(
                "ConsentPage",
                "Please read this, then answer each question. "
                "Questions marked (required) need a Yes to take part.",
            )
        )
        for section, heading, text in zip(self.version.sections, self.headings, self.bodies, strict=True):
            heading.setText(section.heading.get(locale))
            text.setText(section.body.get(locale))
        required = translate("ConsentPage", "(required)")
        for choice in self.version.choices:
            label_text = choice.label.get(locale)
            self.choice_labels[choice.id].setText(
                f"{label_text} {required}" if choice.required else label_text
            )
            self.choices[choice.id].set_question(
                label_text,
                translate("ConsentPage", "Required: you need to answer Yes to take part.")
                if choice.required
                else translate("ConsentPage", "Optional: you can take part whichever you choose."),
            )

    def answers(self) -> dict[str, bool | None]:
        return {choice_id: widget.value() for choice_id, widget in self.choices.items()}

    def enter(self, state: FlowState) -> None:
        consent = self.ctx.machine.model.consent
        for choice_id, widget in self.choices.items():
            given = (
                consent.choices.get(choice_id) if consent and consent.version_id == self.version.id else None
            )
            widget.set_value(given)
        self.contact_details.set_values(self.ctx.machine.model.contact)
        self._show_contact_details()
        self.retranslate()

    def _contact_allowed(self) -> bool:
        answer = self.choices.get(CONTACT_CHOICE)
        return answer is not None and answer.value() is True

    def _show_contact_details(self) -> None:
        self.contact_group.setVisible(self._contact_allowed())

    def problems(self) -> list[FieldProblem]:
        """An unanswered question, or a required one answered No, each at its question; then contact details
        that cannot be right, at their field."""
        locale = self.ctx.locale
        found = []
        required = set(self.version.required_choice_ids)
        for choice in self.version.choices:
            value = self.choices[choice.id].value()
            question = choice.label.get(locale)
            if value is None:
                message = translate("ConsentPage", "Answer Yes or No: {question}").format(question=question)
            elif choice.id in required and value is not True:
                message = translate(
                    "ConsentPage",
                    "Answer Yes to take part (required): {question} "
                    "If you do not want to, press Cancel: nothing has been recorded.",
                ).format(question=question)
            else:
                continue
            answer = self.choices[choice.id]
            found.append(FieldProblem(self.choice_groups[choice.id], answer.yes, message))
        if self._contact_allowed():
            found += [
                FieldProblem(self.contact_group, field, message)
                for field, message in self.contact_details.problems()
            ]
        return found

    def commit(self) -> None:
        locale = self.ctx.locale
        choices = {cid: bool(value) for cid, value in self.answers().items()}
        self.ctx.machine.give_consent(self.version.id, self.version.text_sha256(locale), choices)
        # contact details only with a Yes to being contacted; a No forgets any typed earlier
        self.ctx.machine.model.contact = self.contact_details.record() if self._contact_allowed() else {}

    def leave(self) -> None:
        self.show_problems([])
