"""About you: optional name, job title and employer, each with its own yes/no for showing it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from recorder.flow import FlowState, PersonField, Step
from ui.i18n import translate
from ui.pages.base import Page, PageContext, YesNo, register_page
from ui.widgets.error_pattern import ErrorGroup, FieldProblem

MAX_FIELD_CHARS = 80
FIELDS = ("name", "job_title", "employer")


@dataclass
class _Row:
    label: QLabel
    edit: QLineEdit
    show_label: QLabel
    show: YesNo
    group: ErrorGroup


@register_page(Step.ABOUT_YOU)
class AboutYouPage(Page):
    """Three optional details; the show-with-video answer is only asked when a detail is filled in."""

    CONTEXT = "AboutYouPage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.body.addWidget(self.intro)
        self.rows: dict[str, _Row] = {}
        for key in FIELDS:
            label = QLabel()
            edit = QLineEdit()
            edit.setMaxLength(MAX_FIELD_CHARS)
            label.setBuddy(edit)
            show_label = QLabel()
            show_label.setObjectName("Hint")
            show = YesNo()
            show.changed.connect(self.recheck)
            edit.textChanged.connect(lambda _text, k=key: self._update_show(k))
            group = ErrorGroup()  # label, error message (NHS pattern), the field, show it or not
            group.add(label)
            group.add(edit)
            show_row = QWidget()
            show_layout = QHBoxLayout(show_row)
            show_layout.setContentsMargins(0, 0, 0, 0)
            show_layout.addWidget(show_label)
            show_layout.addWidget(show, 1)
            group.add(show_row)
            self.body.addWidget(group)
            self.rows[key] = _Row(label, edit, show_label, show, group)
        self.body.addStretch(1)
        for previous, following in itertools.pairwise(FIELDS):  # top-to-bottom tab order
            self.setTabOrder(self.rows[previous].show.no, self.rows[following].edit)
        for key in FIELDS:
            self.setTabOrder(self.rows[key].edit, self.rows[key].show.yes)
            self.setTabOrder(self.rows[key].show.yes, self.rows[key].show.no)
        self.retranslate()

    def title(self) -> str:
        return translate("AboutYouPage", "About you")

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(
            translate(
                "AboutYouPage",
                "All of these are optional. For each one you fill in, choose whether it may be shown with "
                "your video. If you choose No, only the communications team will see it.",
            )
        )
        texts = {
            "name": (
                translate("AboutYouPage", "Your name (optional)"),
                translate("AboutYouPage", "Show my name with my video?"),
            ),
            "job_title": (
                translate("AboutYouPage", "Your job title (optional)"),
                translate("AboutYouPage", "Show my job title with my video?"),
            ),
            "employer": (
                translate("AboutYouPage", "Where you work (optional)"),
                translate("AboutYouPage", "Show where I work with my video?"),
            ),
        }
        for key, (field_text, show_text) in texts.items():
            row = self.rows[key]
            row.label.setText(field_text)
            row.edit.setAccessibleName(field_text)
            row.edit.setAccessibleDescription(
                translate(
                    "AboutYouPage", "Optional. Leave it empty if you prefer. Up to {n} characters."
                ).format(n=MAX_FIELD_CHARS)
            )
            row.show_label.setText(show_text)
            row.show.set_question(show_text)

    def _update_show(self, key: str) -> None:
        row = self.rows[key]
        filled = bool(row.edit.text().strip())
        row.show.setEnabled(filled)
        row.show_label.setEnabled(filled)
        if not filled:
            row.show.set_value(None)
        self.recheck()

    def _field(self, key: str) -> PersonField:
        field: PersonField = getattr(self.ctx.machine.model, key)
        return field

    def enter(self, state: FlowState) -> None:
        for key, row in self.rows.items():
            field = self._field(key)
            row.edit.setText(field.value)
            row.show.set_value(field.show if field.value else None)
            self._update_show(key)

    def problems(self) -> list[FieldProblem]:
        """A detail filled in without saying whether it may be shown."""
        messages = {
            "name": translate("AboutYouPage", "Please choose Yes or No: show your name with your video?"),
            "job_title": translate(
                "AboutYouPage", "Please choose Yes or No: show your job title with your video?"
            ),
            "employer": translate(
                "AboutYouPage", "Please choose Yes or No: show where you work with your video?"
            ),
        }
        return [
            FieldProblem(row.group, row.show.yes, messages[key])
            for key, row in self.rows.items()
            if row.edit.text().strip() and row.show.value() is None
        ]

    def commit(self) -> None:
        model = self.ctx.machine.model
        for key, row in self.rows.items():
            value = " ".join(row.edit.text().split())  # no stray spaces or line breaks in the manifest
            setattr(model, key, PersonField(value=value, show=bool(value) and row.show.value() is True))
