"""The first screen: choose English or Cymraeg, see what will happen and how long it takes, then Start."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from recorder.flow import FlowState, Step
from ui.i18n import LOCALES, translate
from ui.pages.base import Nav, Page, PageContext, register_page

#: Time for everything but the answers (reading, consent, camera check, review): a generous guess.
OVERHEAD_S = 180


@register_page(Step.WELCOME)
class WelcomePage(Page):
    """Language switch, what will happen, how long; Next is labelled Start."""

    CONTEXT = "WelcomePage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.language_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        self.language_buttons: dict[str, QPushButton] = {}
        for code, name in LOCALES.items():
            # Each language is named in itself (an autonym), so it is never translated.
            button = QPushButton(name)
            button.setCheckable(True)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _checked=False, c=code: self.choose_language(c))
            row.addWidget(button)
            self.language_buttons[code] = button
        row.addStretch(1)
        self.body.addLayout(row)
        self.organisation = QLabel()
        self.organisation.setObjectName("Hint")
        self.lead = QLabel()
        self.lead.setObjectName("Lead")
        self.lead.setWordWrap(True)
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.duration = QLabel()
        self.duration.setWordWrap(True)
        self.privacy = QLabel()
        self.privacy.setObjectName("Hint")
        self.privacy.setWordWrap(True)
        # a video queued when the app was last closed, sent at this start (its reference code)
        self.sent_earlier = QLabel()
        self.sent_earlier.setObjectName("Hint")
        self.sent_earlier.setWordWrap(True)
        self.sent_earlier.hide()
        self._sent_references: list[str] = []
        for label in (
            self.organisation,
            self.lead,
            self.steps,
            self.duration,
            self.privacy,
            self.sent_earlier,
        ):
            self.body.addWidget(label)
        self.body.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return translate("WelcomePage", "Share your experience on video")

    def show_sent_earlier(self, references: list[str]) -> None:
        """Say that videos queued when Voicebooth was last closed have now been sent, with their codes."""
        self._sent_references = [*self._sent_references, *references]
        self._show_sent_earlier()

    def _show_sent_earlier(self) -> None:
        if not self._sent_references:
            return
        text = translate(
            "WelcomePage",
            "A video saved when Voicebooth was last closed has now been sent. Reference code: %1",
        ).replace("%1", ", ".join(self._sent_references))
        self.sent_earlier.setText(text)
        self.sent_earlier.setAccessibleName(text)
        self.sent_earlier.show()

    def estimated_minutes(self) -> int:
        return max(1, math.ceil((self.ctx.campaign.total_max_duration_s() + OVERHEAD_S) / 60))

    def retranslate(self) -> None:
        super().retranslate()
        campaign = self.ctx.campaign
        locale = self.ctx.locale
        self.language_label.setText(translate("WelcomePage", "Language:"))
        self._show_sent_earlier()
        for code, button in self.language_buttons.items():
            button.setChecked(code == locale)
            # A tick as well as the colour, so the chosen language is clear without seeing colour.
            button.setText(("✓ " if code == locale else "") + LOCALES[code])
            button.setAccessibleDescription(translate("WelcomePage", "Switch the app to this language"))
        facts = [campaign.organisation.get(locale)] if campaign.organisation else []
        if campaign.organiser is not None:  # who runs the campaign, and when (from the pack)
            organiser = translate("WelcomePage", "Organiser: %1").replace(
                "%1", campaign.organiser.get(locale)
            )
            facts.append(organiser)
        if campaign.dates is not None:
            facts.append(campaign.dates.text(locale))
        organisation = " \u00b7 ".join(facts)
        self.organisation.setText(organisation)
        self.organisation.setVisible(bool(organisation))
        self.lead.setText(
            translate(
                "WelcomePage",
                "Thank you for taking part in %1. You will answer a few short questions on camera.",
            ).replace("%1", campaign.name.get(locale))
        )
        count = len(campaign.prompts)
        longest_s = max(p.max_duration_s for p in campaign.prompts)
        steps = [
            translate("WelcomePage", "Tell us about yourself, if you want to. Everything is optional."),
            translate("WelcomePage", "Read how your video will be used and choose what you agree to."),
            translate("WelcomePage", "Check your camera and microphone."),
            translate(
                "WelcomePage",
                "Answer the questions (%1 in all), up to %2 seconds each. You can watch each answer back "
                "and try again.",
            )
            .replace("%1", str(count))
            .replace("%2", str(longest_s)),
            translate("WelcomePage", "Check your answers and send them. You will get a reference code."),
        ]
        self.steps.setText("\n".join(f"{i}. {text}" for i, text in enumerate(steps, start=1)))
        self.steps.setAccessibleName(self.steps.text())  # the steps themselves, not a caption
        self.duration.setText(
            translate("WelcomePage", "Time needed: about %1 minutes. You can go back at every step.").replace(
                "%1", str(self.estimated_minutes())
            )
        )
        self.privacy.setText(
            translate(
                "WelcomePage",
                "Nothing is recorded until you have agreed to it, and nothing is sent until you press Send.",
            )
        )

    def choose_language(self, locale: str) -> None:
        """Switch the whole app to ``locale`` (English or Welsh)."""
        self.ctx.machine.model.locale = locale
        self.ctx.translations.set_locale(locale)
        self.retranslate()  # also when no LanguageChange event comes (switching to the same language)

    def enter(self, state: FlowState) -> None:
        self.retranslate()

    def nav(self, state: FlowState) -> Nav:
        return Nav(back=False, cancel=False, next_label=translate("WelcomePage", "&Start"))
