"""The right-hand side of review mode: one submission's takes, player, consent, decision, comments, audit.

Layout (the header and the decision stay; what is between them scrolls)::

    reference · status · received                                      [Export… (Ctrl+E)]
    takes (one line per answer)      | consent record (prominent), about the person,
    player (speed, seek)             | exact wording (checked against its SHA-256)
    comments (click to seek) + new   | withdrawal at the person's request [Withdraw…]
    audit trail
    decision (note + buttons)

On a narrow pane (a laptop at 125 %) the consent goes under the answers instead of beside them.

Signals:
    take_selected(str): a take was chosen (the window loads it into the player).
    export_requested(): the Export button was pressed.
    withdraw_requested(): the Withdraw at the person's request button was pressed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recorder.campaign import ConsentVersion
from recorder.review import SubmissionDetail, TakeInfo
from ui.i18n import Retranslating, translate
from ui.lengths import format_length
from ui.review.activity import AuditView, CommentsView, DecisionBox
from ui.review.consent_view import ConsentView
from ui.review.player import ReviewPlayer
from ui.review.style import show_label_text
from ui.review.texts import friendly_time, status_text
from ui.widgets.responsive_row import ResponsiveRow

#: From this pane width (logical pixels) the consent stands beside the answers instead of under them.
SIDE_BY_SIDE_FROM_PX = 820

#: Statuses a reviewer can still decide on (CONTRACTS.md; the server enforces the same).
DECIDABLE = ("received", "approved", "changes_requested", "rejected")
# Statuses a reviewer can withdraw at the person's request (an open one has no reference code yet).
WITHDRAWABLE = (*DECIDABLE, "expired")


class DetailPanel(Retranslating, QWidget):
    """Shows one :class:`SubmissionDetail` (or a hint when none is selected).

    Signals:
        take_selected(str): take id chosen in the takes list.
        export_requested(): Export pressed.
        withdraw_requested(): Withdraw at the person's request pressed.
    """

    take_selected = Signal(str)
    export_requested = Signal()
    withdraw_requested = Signal()

    def __init__(
        self, prompt_text: Callable[[str], str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.detail: SubmissionDetail | None = None
        self.watched: set[str] = set()
        self._prompt_text = prompt_text or (lambda prompt_id: prompt_id)
        self.header = QLabel()
        self.header.setObjectName("PanelHeading")  # one line at 1366x768 and 125 %, however narrow
        self.header.setWordWrap(True)
        self.subheader = QLabel()
        self.subheader.setObjectName("Hint")
        self.subheader.setWordWrap(True)
        self.export_button = QPushButton()
        self.takes = QListWidget()
        self.takes.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.takes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.player = ReviewPlayer()
        self.unavailable_label = QLabel()
        self.unavailable_label.setObjectName("Error")
        self.unavailable_label.setWordWrap(True)
        self.unavailable_label.hide()
        self.consent = ConsentView()
        self.withdraw_heading = QLabel()
        self.withdraw_heading.setObjectName("SectionTitle")
        self.withdraw_heading.setWordWrap(True)
        self.withdraw_hint = QLabel()
        self.withdraw_hint.setObjectName("Hint")
        self.withdraw_hint.setWordWrap(True)
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("DangerButton")
        self.withdraw_done_label = QLabel()
        self.withdraw_done_label.setWordWrap(True)
        self.withdraw_done_label.hide()
        self.decision = DecisionBox()
        self.comments = CommentsView()
        self.audit = AuditView()
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.header)
        titles.addWidget(self.subheader)
        top.addLayout(titles, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        left_column, right_column = QWidget(), QWidget()
        left = QVBoxLayout(left_column)
        left.setContentsMargins(0, 0, 0, 0)
        self.takes_heading = QLabel()
        self.takes_heading.setObjectName("SectionTitle")
        left.addWidget(self.takes_heading)
        left.addWidget(self.takes)
        left.addWidget(self.player)
        left.addWidget(self.unavailable_label)
        left.addWidget(self.comments)
        left.addStretch(1)  # everything stays packed under the answers however tall the consent box is
        right = QVBoxLayout(right_column)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.consent)
        right.addWidget(self.withdraw_heading)
        right.addWidget(self.withdraw_hint)
        right.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.withdraw_done_label)
        right.addStretch(1)
        # The consent beside the answers where the pane is wide, under them where it is not (a laptop at
        # 125 %: side by side, the consent box was cut at the right and the pane scrolled sideways).
        columns = ResponsiveRow(side_by_side_from_px=SIDE_BY_SIDE_FROM_PX, spacing=18)
        columns.add(left_column, 3, stacked_stretch=0)
        columns.add(right_column, 2, stacked_stretch=0)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(16, 12, 16, 12)
        inner_layout.setSpacing(14)
        inner_layout.addWidget(columns)
        inner_layout.addWidget(self.audit)
        inner_layout.addStretch(1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("Lead")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(inner)
        # The reference and status stay at the top and the decision at the bottom, whatever scrolls between.
        self.header_bar = QWidget()
        self.header_bar.setLayout(top)
        top.setContentsMargins(16, 12, 16, 4)
        self.decision_bar = QFrame()
        self.decision_bar.setObjectName("DecisionBar")
        bar_layout = QVBoxLayout(self.decision_bar)
        bar_layout.setContentsMargins(16, 8, 16, 8)
        bar_layout.addWidget(self.decision)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header_bar)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.decision_bar)
        self.takes.currentItemChanged.connect(self._take_changed)
        self.export_button.clicked.connect(self.export_requested.emit)
        self.withdraw_button.clicked.connect(self.withdraw_requested.emit)
        self.player.position_changed.connect(self.comments.set_position)
        self.player.player.playbackStateChanged.connect(self._playback_changed)
        self.show_detail(None, None)

    def retranslate(self) -> None:
        self.export_button.setText(translate("DetailPanel", "Export… (Ctrl+E)"))
        self.export_button.setAccessibleName(translate("DetailPanel", "Export for social media"))
        self.takes_heading.setText(translate("DetailPanel", "Answers"))
        self.takes.setAccessibleName(translate("DetailPanel", "Answers in this submission"))
        self.takes.setAccessibleDescription(
            translate("DetailPanel", "Choosing an answer loads it into the player.")
        )
        self.export_button.setAccessibleDescription(
            translate("DetailPanel", "Makes 16:9, 9:16 and 1:1 videos of an approved answer.")
        )
        self.empty_label.setText(
            translate("DetailPanel", "Choose a submission on the left to watch it and decide.")
        )
        self.setAccessibleName(translate("DetailPanel", "Submission details"))
        self.withdraw_heading.setText(translate("DetailPanel", "If the person asks to withdraw"))
        self.withdraw_hint.setText(
            translate(
                "DetailPanel",
                "People withdraw by giving their reference code to the campaign contact. Search for the "
                "code (Ctrl+F), check it is this submission, then withdraw it here.",
            )
        )
        self.withdraw_button.setText(translate("DetailPanel", "Withdraw…"))  # short: the column is narrow
        self.withdraw_button.setAccessibleName(translate("DetailPanel", "Withdraw at the person's request"))
        self.withdraw_button.setAccessibleDescription(
            translate("DetailPanel", "Asks you to confirm, then deletes this submission's videos for good.")
        )
        detail = self.detail
        if detail is None:
            return
        summary = detail.summary
        self.header.setText(
            translate("DetailPanel", "{reference} · {status}").format(
                reference=summary.reference or summary.submission_id[:8], status=status_text(summary.status)
            )
        )
        self.subheader.setText(
            translate("DetailPanel", "Received {when} · answers: {count} · length {duration}").format(
                when=friendly_time(summary.received_utc),
                count=len(summary.takes),
                duration=format_length(summary.duration_s),
            )
        )

    def show_detail(self, detail: SubmissionDetail | None, version: ConsentVersion | None) -> None:
        """Show ``detail``; keeps the chosen take when the same submission is shown again."""
        same = (
            detail is not None
            and self.detail is not None
            and detail.submission_id == self.detail.submission_id
        )
        previous_take = self.current_take_id() if same else None
        if not same:
            self.watched = set()  # answers played since this submission was opened
        self.detail = detail
        self.empty_label.setVisible(detail is None)
        self.scroll_area.setVisible(detail is not None)
        self.header_bar.setVisible(detail is not None)
        self.decision_bar.setVisible(detail is not None)
        self.consent.show_detail(detail, version)
        self.comments.show_detail(detail)
        self.audit.show_detail(detail)
        self.withdraw_button.setEnabled(detail is not None and detail.status in WITHDRAWABLE)
        if detail is None or not same:
            self.show_withdrawn_message("")
        if detail is None:
            self.export_button.setEnabled(False)
            self.takes.clear()
            self.player.unload()
            self.retranslate()
            return
        decidable = detail.status in DECIDABLE
        self.decision.show_status(detail.status, decidable)
        last = next((a for a in reversed(detail.audit) if a.action in ("decision", "decision_undone")), None)
        self.decision.set_undoable(decidable and last is not None and last.action == "decision")
        self.export_button.setEnabled(
            detail.status == "approved" and self.consent.consent_ok() and self.consent.wording_known()
        )
        if not same:
            self.decision.clear_note()
            self.decision.show_error("")
            self.takes.blockSignals(True)
            self.takes.clear()
            for index, take in enumerate(detail.summary.takes):
                item = QListWidgetItem(
                    translate("DetailPanel", "{n}. {prompt} ({duration})").format(
                        n=index + 1, prompt=take.prompt_text or self._prompt_text(take.prompt_id),
                        duration=format_length(take.duration_s),
                    )
                )  # fmt: skip
                item.setData(Qt.ItemDataRole.UserRole, take.take_id)
                item.setToolTip(item.text())
                self.takes.addItem(item)
            self.takes.blockSignals(False)
            rows = range(min(4, self.takes.count()))
            content_px = sum(self.takes.sizeHintForRow(i) for i in rows) if self.takes.count() else 30
            self.takes.setFixedHeight(content_px + 2 * self.takes.frameWidth() + 8)
            if self.takes.count():
                self.takes.setCurrentRow(0)  # emits take_selected for the first answer
            else:
                self.player.unload()
        elif previous_take is not None:
            self._select_take(previous_take, emit=False)
            shown = self.current_take()
            if shown is not None and not shown.available:
                self.show_unavailable(True)  # e.g. withdrawn while it was on screen
        self.retranslate()

    def show_unavailable(self, unavailable: bool) -> None:
        """Swap the player for a plain explanation when the current take's video cannot be watched."""
        self.player.setVisible(not unavailable)
        self.unavailable_label.setVisible(unavailable)
        if not unavailable:
            return
        self.player.unload()
        status = self.detail.status if self.detail is not None else ""
        text = (
            translate("DetailPanel", "The video was deleted because the person withdrew their consent.")
            if status == "withdrawn"
            else translate(
                "DetailPanel", "The video cannot be watched any more: the consent for it has expired."
            )
            if status == "expired" or (self.detail is not None and self.detail.consent.expired)
            else translate("DetailPanel", "The video of this answer is not available on the server.")
        )
        self.unavailable_label.setText(text)
        self.unavailable_label.setAccessibleName(text)

    def show_withdrawn_message(self, message: str) -> None:
        """A plain confirmation under the Withdraw button after a withdrawal (empty hides it)."""
        show_label_text(self.withdraw_done_label, message, hide_when_empty=True)

    def _playback_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        take_id = self.current_take_id()
        if state == QMediaPlayer.PlaybackState.PlayingState and take_id is not None:
            self.watched.add(take_id)

    def unwatched_answers(self) -> list[int]:
        """The numbers (1, 2...) of the shown submission's answers not played since it was opened."""
        if self.detail is None:
            return []
        takes = self.detail.summary.takes
        return [i + 1 for i, take in enumerate(takes) if take.take_id not in self.watched]

    def current_take(self) -> TakeInfo | None:
        take_id = self.current_take_id()
        if self.detail is None or take_id is None:
            return None
        return next((t for t in self.detail.summary.takes if t.take_id == take_id), None)

    def current_take_id(self) -> str | None:
        item = self.takes.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_take(self, take_id: str) -> bool:
        """Make ``take_id`` current (loading it into the player). False when it is not in this submission."""
        return self._select_take(take_id, emit=True)

    def _select_take(self, take_id: str, emit: bool) -> bool:
        for row in range(self.takes.count()):
            if self.takes.item(row).data(Qt.ItemDataRole.UserRole) == take_id:
                if self.takes.currentRow() != row:
                    self.takes.blockSignals(not emit)
                    self.takes.setCurrentRow(row)
                    self.takes.blockSignals(False)
                return True
        return False

    def _take_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.take_selected.emit(str(current.data(Qt.ItemDataRole.UserRole)))
