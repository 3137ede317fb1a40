"""Done: the video arrived. Shows the reference code, how to withdraw, and a way to start again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from recorder.flow import Event, FlowState, Step
from ui.i18n import translate
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.widgets.focus import focus_soon


@register_page(Step.DONE)
class DonePage(Page):
    """The last screen of the flow."""

    CONTEXT = "DonePage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.thanks = QLabel()
        self.thanks.setWordWrap(True)
        self.code_caption = QLabel()
        self.reference_label = QLabel()
        self.reference_label.setObjectName("Reference")
        self.reference_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # the app stylesheet sizes every label, so the large code needs its own stylesheet
        self.reference_label.setStyleSheet("font-size: 24pt; font-weight: bold;")
        self.keep_label = QLabel()
        self.keep_label.setWordWrap(True)
        self.withdraw_label = QLabel()
        self.withdraw_label.setWordWrap(True)
        self.again_button = QPushButton()
        self.again_button.clicked.connect(lambda: self.request(Event.START_OVER))
        self.body.addWidget(self.thanks)
        self.body.addWidget(self.code_caption)
        self.body.addWidget(self.reference_label, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.keep_label, self.withdraw_label):
            self.body.addWidget(widget)
        self.body.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return translate("DonePage", "Thank you. Your video has arrived.")

    def retranslate(self) -> None:
        super().retranslate()
        self.thanks.setText(
            translate(
                "DonePage",
                "Your video was received safely by the team. It has been removed from this computer.",
            )
        )
        reference = self.ctx.machine.model.reference or ""
        self.code_caption.setText(translate("DonePage", "Your reference code:"))
        self.reference_label.setText(reference)
        self.reference_label.setAccessibleName(
            translate("DonePage", "Your reference code: {reference}").format(reference=" ".join(reference))
        )
        self.keep_label.setText(
            translate(
                "DonePage", "Please write this code down or take a photo of it. You need it to withdraw."
            )
        )
        self.withdraw_label.setText(self._withdraw_text())
        self.again_button.setText(translate("DonePage", "&Finish and start again for someone else"))
        self.again_button.setAccessibleName(translate("DonePage", "Finish and start again for someone else"))
        self.again_button.setAccessibleDescription(
            translate("DonePage", "Clears the screen so the next person can start. Your video has been sent.")
        )

    def _withdraw_text(self) -> str:
        """How to withdraw, with the campaign's own contact (from its consent wording).

        The reference code is the person's whole route: the contact finds it in review mode and withdraws
        there. No withdrawal token is shown: a 40-character secret is too much for a tired person to keep,
        would sit on a shared screen, and nothing offers a place to use it.
        """
        contact = next(
            (s.body.get(self.ctx.locale) for s in self.ctx.campaign.consent.sections if s.kind == "contact"),
            translate("DonePage", "the campaign team"),
        )
        return translate(
            "DonePage",
            "Changed your mind? You can withdraw at any time, without giving a reason: give your reference "
            "code to the people below, and your video will be deleted and no longer used. You do not need "
            "this computer to do it.\nWho to contact: {contact}",
        ).format(contact=contact)

    def enter(self, state: FlowState) -> None:
        self.retranslate()
        focus_soon(self.again_button)

    def nav(self, state: FlowState) -> Nav:
        return Nav(back=False, next=False, cancel=False)
