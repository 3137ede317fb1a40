"""Done: the video arrived. The person's reference and withdrawal codes (text, QR code, print) and Finish.

The **reference code** (from the server) names the submission; the **withdrawal code** (from the server at
completion, :mod:`recorder.codes`) proves it is theirs. Together they withdraw the video on the server's
public ``/withdraw`` page, without anybody's help and without this computer: the withdrawal QR code opens
that page with both codes filled in (:func:`recorder.codes.withdrawal_page_url`), for the person's phone.

The withdrawal code is a secret, so the app keeps it only while it is on screen. The outbox hands it over
once (:meth:`recorder.outbox.Outbox.take_withdrawal_code`, on a worker thread) and erases its copy; this page
forgets it (labels, QR code, print sheet) the moment the person leaves Done — Finish, or booth mode's
return to Welcome. When no code is kept any more (taken already, or from an older server), the page says
to use the reference code with the campaign's contact instead.

Print shows only where a printer exists (:func:`ui.pages.done_sheet.printer_available`).

When the campaign pack names a call to action (``[call_to_action]``, e.g. a national consultation), it is
shown beside the codes as its words, its address and a QR code of the address: drawn here, so no network is
needed to show it, and nothing is opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from recorder.codes import withdrawal_page_url
from recorder.flow import Event, FlowState, Step
from ui.i18n import translate
from ui.pages.base import Nav, Page, PageContext, register_page
from ui.pages.done_sheet import CodeBlock, Sheet, print_sheet, printer_available
from ui.tasks import tasks
from ui.widgets.qr_code import QrCode
from ui.widgets.responsive_row import ResponsiveRow

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


def _column(*widgets: QWidget) -> QWidget:
    """``widgets`` one under the other, at the top left (a code's caption, the code, its QR code)."""
    column = QWidget()
    box = QVBoxLayout(column)
    box.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        if isinstance(widget, QLabel) and widget.wordWrap():
            box.addWidget(widget)  # aligned, a wrapped label gets one line's height and loses the rest
        else:
            box.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    box.addStretch(1)
    return column


def _spelled(code: str) -> str:
    """A code letter by letter, so a screen reader reads ``VB-7K3M`` out as characters."""
    return " ".join(code)


@register_page(Step.DONE)
class DonePage(Page):
    """The last screen of the flow."""

    CONTEXT = "DonePage"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        #: the withdrawal code on screen (None: not here yet, or none); forgotten on leaving the page
        self.withdrawal_code: str | None = None
        #: the submission whose code was asked for (asked once per submission)
        self._asked_for: str | None = None
        self.thanks = QLabel()
        self.thanks.setWordWrap(True)
        self.code_caption = QLabel()
        self.reference_label = self._code_label("Reference")
        self.reference_qr = QrCode(module_px=4)
        self.withdrawal_caption = QLabel()
        self.withdrawal_label = self._code_label("WithdrawalCode")
        self.withdrawal_qr = QrCode(module_px=4)
        # the campaign's call to action (the pack's [call_to_action]), after the codes
        self.action_caption = QLabel()
        self.action_label = QLabel()
        self.action_label.setWordWrap(True)
        self.action_label.setMaximumWidth(360)
        self.action_label.setTextInteractionFlags(_SELECTABLE)
        self.action_qr = QrCode(module_px=4)
        # Side by side where they fit, else one under the other (never a sideways scroll bar).
        codes = ResponsiveRow(spacing=40)
        codes.add(_column(self.code_caption, self.reference_label, self.reference_qr))
        codes.add(_column(self.withdrawal_caption, self.withdrawal_label, self.withdrawal_qr))
        codes.box.addStretch(1)
        action = _column(self.action_caption, self.action_label, self.action_qr)
        self.keep_label = QLabel()
        self.keep_label.setWordWrap(True)
        self.withdraw_label = QLabel()
        self.withdraw_label.setWordWrap(True)
        self.withdraw_label.setTextInteractionFlags(_SELECTABLE)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_codes)
        self.again_button = QPushButton()
        self.again_button.clicked.connect(lambda: self.request(Event.START_OVER))
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        self.body.addWidget(self.thanks)
        self.body.addWidget(codes)
        self.body.addWidget(action)
        for widget in (self.keep_label, self.withdraw_label):
            self.body.addWidget(widget)
        self.body.addLayout(buttons)
        self.body.addStretch(1)
        self.print_button.setVisible(printer_available())
        self.retranslate()

    @staticmethod
    def _code_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextInteractionFlags(_SELECTABLE)
        # the app stylesheet sizes every label, so the large code needs its own stylesheet
        label.setStyleSheet("font-size: 22pt; font-weight: bold;")
        return label

    def title(self) -> str:
        return translate("DonePage", "Thank you. Your video has arrived.")

    # -- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self.thanks.setText(
            translate(
                "DonePage",
                "Your video was received safely by the team. It has been removed from this computer.",
            )
        )
        reference = self.reference
        self.code_caption.setText(translate("DonePage", "Your reference code:"))
        self.reference_label.setText(reference)
        self.reference_label.setAccessibleName(
            translate("DonePage", "Your reference code: {reference}").format(reference=_spelled(reference))
        )
        self.reference_qr.set_content(
            reference, translate("DonePage", "QR code of your reference code, to scan with your phone")
        )
        self._show_withdrawal()
        self._show_call_to_action()
        self.keep_label.setText(
            translate(
                "DonePage",
                "Scan the codes with your phone, write them down or print them. They are shown only now: "
                "when you finish, this computer forgets them.",
            )
        )
        self.withdraw_label.setText(self._withdraw_text())
        self.print_button.setText(translate("DonePage", "&Print the codes"))
        self.print_button.setAccessibleName(translate("DonePage", "Print the codes"))
        self.print_button.setAccessibleDescription(
            translate("DonePage", "Prints your reference code and withdrawal code with their QR codes.")
        )
        self.again_button.setText(translate("DonePage", "&Finish and start again for someone else"))
        self.again_button.setAccessibleName(translate("DonePage", "Finish and start again for someone else"))
        self.again_button.setAccessibleDescription(
            translate(
                "DonePage",
                "Clears the screen so the next person can start. Your video has been sent. "
                "Your codes are no longer shown.",
            )
        )

    def _show_withdrawal(self) -> None:
        code = self.withdrawal_code
        self.withdrawal_caption.setText(translate("DonePage", "Your withdrawal code:"))
        self.withdrawal_caption.setVisible(code is not None)
        self.withdrawal_label.setVisible(code is not None)
        self.withdrawal_qr.setVisible(code is not None)
        if code is None:
            self.withdrawal_label.clear()
            self.withdrawal_qr.clear()
            return
        self.withdrawal_label.setText(code)
        self.withdrawal_label.setAccessibleName(
            translate("DonePage", "Your withdrawal code: {code}").format(code=_spelled(code))
        )
        self.withdrawal_qr.set_content(
            self.withdrawal_url() or "",
            translate("DonePage", "QR code that opens the withdrawal page with both codes filled in"),
        )

    def _show_call_to_action(self) -> None:
        action = self.ctx.campaign.call_to_action
        for widget in (self.action_caption, self.action_label, self.action_qr):
            widget.setVisible(action is not None)
        if action is None:
            return
        self.action_caption.setText(translate("DonePage", "Make your voice heard:"))
        self.action_label.setText(f"{action.text.get(self.ctx.locale)}\n{action.url}")
        self.action_label.setAccessibleName(f"{action.text.get(self.ctx.locale)} {action.url}")
        self.action_qr.set_content(
            action.url, translate("DonePage", "QR code that opens {address}").format(address=action.url)
        )

    def _contact(self) -> str:
        return next(
            (s.body.get(self.ctx.locale) for s in self.ctx.campaign.consent.sections if s.kind == "contact"),
            translate("DonePage", "the campaign team"),
        )

    def _withdraw_text(self) -> str:
        """How to withdraw: on the withdrawal page with both codes, or through the campaign's own contact."""
        contact = self._contact()
        if self.withdrawal_code is None:
            return translate(
                "DonePage",
                "Changed your mind? You can withdraw at any time, without giving a reason: give your "
                "reference code to the people below, and your video will be deleted and no longer used. You "
                "do not need this computer to do it.\nWho to contact: {contact}",
            ).format(contact=contact)
        return translate(
            "DonePage",
            "Changed your mind? You can withdraw at any time, without giving a reason. Scan the withdrawal "
            "QR code, or go to {page} and enter both codes: your video is deleted at once and no longer "
            "used. You do not need this computer to do it.\nOr give your reference code to: {contact}",
        ).format(page=self._page_address(), contact=contact)

    def _page_address(self) -> str:
        server = self.ctx.config.text("server_url").rstrip("/")
        return f"{server}/withdraw" if server else translate("DonePage", "the withdrawal page")

    # -- the codes ----------------------------------------------------------------------------------
    @property
    def reference(self) -> str:
        return self.ctx.machine.model.reference or ""

    def withdrawal_url(self) -> str | None:
        """The withdrawal page with both codes filled in (None without a code or a server address)."""
        server = self.ctx.config.text("server_url")
        if self.withdrawal_code is None or not server or not self.reference:
            return None
        return withdrawal_page_url(server, self.reference, self.withdrawal_code, self.ctx.locale)

    def _ask_for_withdrawal_code(self) -> None:
        """Take the withdrawal code from the outbox once, off the UI thread (it erases its copy)."""
        submission_id = self.ctx.machine.model.submission_id
        if submission_id is None or submission_id == self._asked_for:
            return
        self._asked_for = submission_id
        outbox = self.ctx.services.outbox
        tasks().run(
            lambda _job: outbox().take_withdrawal_code(submission_id),
            owner=self,
            on_success=lambda code: self._withdrawal_code_taken(submission_id, code),
            on_failure=lambda error: self._withdrawal_code_taken(submission_id, None),
            name="take the withdrawal code",
        )

    def _withdrawal_code_taken(self, submission_id: str, code: object) -> None:
        machine = self.ctx.machine
        if machine.state.step is not Step.DONE or machine.model.submission_id != submission_id:
            return  # the person has gone: the code is dropped unseen, as the outbox's copy already is
        self.withdrawal_code = code if isinstance(code, str) and code else None
        self.retranslate()

    def forget_codes(self) -> None:
        """Take the codes off the screen and out of memory (the page keeps no withdrawal secret)."""
        self.withdrawal_code = None
        self._asked_for = None
        self.reference_label.clear()
        self.reference_qr.clear()
        self._show_withdrawal()

    def sheet(self) -> Sheet:
        """What Print prints (the codes on screen now)."""
        blocks = [
            CodeBlock(
                translate("DonePage", "Your reference code:"),
                self.reference,
                self.reference_qr,
                translate("DonePage", "Scan to keep your reference code on your phone."),
            )
        ]
        if self.withdrawal_code is not None:
            blocks.append(
                CodeBlock(
                    translate("DonePage", "Your withdrawal code:"),
                    self.withdrawal_code,
                    self.withdrawal_qr,
                    translate("DonePage", "Scan to open the withdrawal page with both codes filled in."),
                )
            )
        name = self.ctx.campaign.name.get(self.ctx.locale)
        return Sheet(name, tuple(blocks), self._withdraw_text())

    def print_codes(self) -> None:
        print_sheet(self.sheet(), self)

    # -- page hooks ---------------------------------------------------------------------------------
    def enter(self, state: FlowState) -> None:
        self.retranslate()
        self._ask_for_withdrawal_code()
        # No focus_soon(Finish): the window focuses the reference code, so the page opens at its top with
        # the codes in view (Finish at the bottom, focused, scrolled them away at 1366x768 and 125 %).

    def leave(self) -> None:
        self.forget_codes()

    def nav(self, state: FlowState) -> Nav:
        return Nav(back=False, next=False, cancel=False)
