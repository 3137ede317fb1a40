"""The export dialog: what the person agreed to, the use (public social media or internal only), an answer,
shapes, captions (typed or loaded SRT), end card, folder; progress and cancel. The work runs on a worker
thread (:func:`recorder.review.export_take.export_take`), which checks consent with the server again before
anything is downloaded (and the server checks it once more). When the person said No to public social media,
internal use is chosen from the start and a refused social export says in plain words whose choice it was.
The captions part is :class:`~ui.review.captions_editor.CaptionsEditor`; the suggested posts (one per
language, saved beside the videos and in the metadata sheet) are :class:`~ui.review.post_editor.PostEditor`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recorder.campaign import Campaign
from recorder.consent_rules import social_media_allowed
from recorder.export import CancelledError, EndCardSpec, ExportRefusedError, Shape, Use
from recorder.review import ReviewClient, SubmissionDetail
from recorder.review.export_take import TakeExport, export_take
from recorder.share_post import suggested_post
from ui.i18n import Retranslating, translate
from ui.review.captions_editor import CaptionsEditor
from ui.review.errors import error_message, export_refusal_message
from ui.review.post_editor import PostEditor
from ui.review.style import show_label_text
from ui.tasks import Task, tasks
from ui.widgets.window_behaviour import scroll_area

__all__ = ["ExportDialog"]


class ExportDialog(Retranslating, QDialog):
    """Exports one approved answer in social-media shapes.

    Signals:
        finished_export(object): the :class:`TakeExport` of a successful export.
    """

    finished_export = Signal(object)

    def __init__(
        self,
        client: ReviewClient,
        detail: SubmissionDetail,
        take_id: str | None,
        out_dir: Path,
        end_card: EndCardSpec | None,
        campaign: Campaign,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.detail = detail
        self.campaign = campaign
        self.end_card_spec = end_card
        self.task: Task | None = None
        self.cancel_event: threading.Event | None = None
        self.last_export: TakeExport | None = None
        self.setObjectName("ExportDialog")
        self.setMinimumWidth(640)
        self.title_label = QLabel()
        self.title_label.setObjectName("PageTitle")
        self.social_allowed = social_media_allowed(detail.consent.choices)
        self.consent_label = QLabel()
        self.consent_label.setWordWrap(True)
        self.social_radio = QRadioButton()
        self.internal_radio = QRadioButton()
        self.use_group = QButtonGroup(self)
        for radio in (self.social_radio, self.internal_radio):
            self.use_group.addButton(radio)
        (self.social_radio if self.social_allowed else self.internal_radio).setChecked(True)
        self.take = QComboBox()
        for index, take in enumerate(detail.summary.takes):
            self.take.addItem(f"{index + 1}. {take.prompt_text or take.prompt_id}", take.take_id)
        if take_id is not None:
            self.take.setCurrentIndex(max(0, self.take.findData(take_id)))
        self.shapes = {shape: QCheckBox() for shape in Shape}
        for shape, box in self.shapes.items():
            box.setChecked(self.social_allowed or not shape.social_only)
        self.captions_editor = CaptionsEditor(self._duration_ms)
        self.captions_check = self.captions_editor.check
        self.captions = self.captions_editor.text
        self.captions_status = self.captions_editor.status
        self.post_editor = PostEditor(self._suggested_post)
        self.post_editor.suggest()
        self.take.currentIndexChanged.connect(lambda _index: self.post_editor.suggest())
        self.end_card_check = QCheckBox()
        self.end_card_text = QLabel()
        self.end_card_text.setWordWrap(True)
        self.end_card_text.setIndent(28)
        self.end_card_text.hide()
        self.end_card_check.setChecked(end_card is not None)
        self.end_card_check.setEnabled(end_card is not None)
        self.csv_check = QCheckBox()
        self.csv_check.setChecked(True)
        self.folder = QLineEdit(str(out_dir))
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder)
        self.browse_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton()
        self.export_button.setObjectName("PrimaryButton")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.close_button = QPushButton()

        shapes_row = QVBoxLayout()
        shapes_row.setSpacing(0)
        for box in self.shapes.values():
            shapes_row.addWidget(box)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        self.take_label = QLabel()
        self.take_label.setBuddy(self.take)
        self.shapes_label = QLabel()
        outer = QVBoxLayout(self)
        outer.addWidget(self.title_label)
        content = QWidget()  # scrolls on a small screen; the buttons under it stay visible
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.consent_label)
        layout.addWidget(self.social_radio)
        layout.addWidget(self.internal_radio)
        # Two columns, read (and tabbed through) left then right, so the dialog fits a 1366x768 screen.
        left, right = QVBoxLayout(), QVBoxLayout()
        left_widgets: tuple[QWidget, ...] = (self.take_label, self.take, self.shapes_label)
        for widget in left_widgets:
            left.addWidget(widget)
        left.addLayout(shapes_row)
        left.addWidget(self.captions_editor)
        right_widgets: tuple[QWidget, ...] = (
            self.post_editor, self.end_card_check, self.end_card_text, self.csv_check
        )  # fmt: skip
        for widget in right_widgets:
            right.addWidget(widget)
        left.addStretch(1)
        right.addStretch(1)
        body = QWidget()
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(columns)
        body_layout.addLayout(folder_row)
        # On a short screen the choices scroll; the title, progress and buttons stay in view.
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setWidget(body)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        outer.addWidget(scroll_area(content), 1)
        outer.addLayout(buttons)

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._keep_focus_in_view)
        self.browse_button.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self._set_running(False)
        self.retranslate()

    # --- texts ----------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        title = translate("ExportDialog", "Export for social media")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.title_label.setText(title)
        self._retranslate_use()
        self.take_label.setText(translate("ExportDialog", "Answer to export"))
        self.take.setAccessibleName(translate("ExportDialog", "Answer to export"))
        self.shapes_label.setText(translate("ExportDialog", "Shapes"))
        names = {
            Shape.LANDSCAPE: translate("ExportDialog", "16:9 landscape (YouTube, website)"),
            Shape.PORTRAIT: translate("ExportDialog", "9:16 upright (Reels, TikTok, Stories)"),
            Shape.SQUARE: translate("ExportDialog", "1:1 square (feeds)"),
        }
        for shape, box in self.shapes.items():
            box.setText(names[shape])
            box.setAccessibleName(names[shape])
        if self.end_card_spec is not None:
            # The card's words (with the pack's hashtag) are shown wrapped below: a tick box cannot wrap.
            self.end_card_check.setText(translate("ExportDialog", "Add the campaign end card"))
            card = self.end_card_spec.text.replace("\n", " / ")
            show_label_text(self.end_card_text, card, style_name="Hint", hide_when_empty=True)
        else:
            self.end_card_check.setText(translate("ExportDialog", "This campaign has no end card"))
        self.end_card_check.setAccessibleName(translate("ExportDialog", "Add the campaign end card"))
        self.csv_check.setText(translate("ExportDialog", "Save a metadata sheet (CSV) with the videos"))
        self.csv_check.setAccessibleName(translate("ExportDialog", "Save a metadata sheet"))
        self.folder_label.setText(translate("ExportDialog", "Save in"))
        self.folder.setAccessibleName(translate("ExportDialog", "Folder to save the videos in"))
        self.browse_button.setText(translate("ExportDialog", "Choose…"))
        self.browse_button.setAccessibleName(translate("ExportDialog", "Choose the folder"))
        self.progress.setAccessibleName(translate("ExportDialog", "Export progress"))
        self.export_button.setText(translate("ExportDialog", "Export"))
        self.export_button.setAccessibleName(translate("ExportDialog", "Start the export"))
        self.cancel_button.setText(translate("ExportDialog", "Stop"))
        self.cancel_button.setAccessibleName(translate("ExportDialog", "Stop the export"))
        self.close_button.setText(translate("ExportDialog", "Close"))
        self.close_button.setAccessibleName(translate("ExportDialog", "Close this window"))
        self.take.setAccessibleDescription(translate("ExportDialog", "Each answer is exported on its own."))
        for box in self.shapes.values():
            box.setAccessibleDescription(translate("ExportDialog", "Tick each shape you want a video in."))
        self.end_card_check.setAccessibleDescription(
            translate("ExportDialog", "A few seconds of the campaign's closing words after the answer.")
        )
        self.csv_check.setAccessibleDescription(
            translate("ExportDialog", "Lists each video with only the details the person agreed to show.")
        )
        self.folder.setAccessibleDescription(
            translate("ExportDialog", "The videos are saved in this folder.")
        )
        self.browse_button.setAccessibleDescription(translate("ExportDialog", "Opens a folder chooser."))
        self.export_button.setAccessibleDescription(
            translate("ExportDialog", "Checks the consent with the server again, then makes the videos.")
        )
        self.cancel_button.setAccessibleDescription(translate("ExportDialog", "Stops; nothing is saved."))
        self.close_button.setAccessibleDescription(translate("ExportDialog", "Closes the export window."))
        self.captions_editor.retranslate()
        self.post_editor.retranslate()

    def _retranslate_use(self) -> None:
        person = self.detail.summary.display_name
        if self.social_allowed:
            said = translate("ExportDialog", "May be used: internal communications and public social media.")
        elif person:
            said = translate(
                "ExportDialog",
                "{person} said No to public social media. May be used: internal communications only: save "
                "a copy for internal use (16:9, every file named INTERNAL-ONLY).",
            ).format(person=person)
        else:
            said = translate(
                "ExportDialog",
                "The person said No to public social media. May be used: internal communications only: "
                "save a copy for internal use (16:9, every file named INTERNAL-ONLY).",
            )
        show_label_text(self.consent_label, said, style_name="Lead" if self.social_allowed else "Error")
        self.social_radio.setText(translate("ExportDialog", "For public social media"))
        self.social_radio.setAccessibleName(translate("ExportDialog", "For public social media"))
        self.internal_radio.setText(
            translate("ExportDialog", "For internal use only (16:9, named INTERNAL-ONLY)")
        )
        self.internal_radio.setAccessibleName(translate("ExportDialog", "For internal use only"))
        self.social_radio.setAccessibleDescription(
            translate("ExportDialog", "Only when the person said Yes to public social media.")
        )
        self.internal_radio.setAccessibleDescription(
            translate(
                "ExportDialog", "Intranet and staff screens: a 16:9 copy, every file named INTERNAL-ONLY."
            )
        )

    # --- size and scrolling ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_to_screen)  # once the style sheet has sized the texts

    def _fit_to_screen(self) -> None:
        """As wide and tall as the choices need, but no bigger than the screen (the choices scroll then)."""
        body = self.body_scroll.widget()
        layout = self.layout()
        if body is None or layout is None:
            return
        margins = layout.contentsMargins()
        bar = self.body_scroll.verticalScrollBar().sizeHint().width()
        wanted = body.sizeHint()
        width = max(self.width(), wanted.width() + margins.left() + margins.right() + bar + 4)
        height = self.height() + max(0, wanted.height() - self.body_scroll.viewport().height())
        screen = self.screen().availableGeometry()
        self.resize(min(width, screen.width() - 40), min(height, screen.height() - 60))

    def _keep_focus_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        body = self.body_scroll.widget()
        if new is not None and body is not None and body.isAncestorOf(new):
            self.body_scroll.ensureWidgetVisible(new, 8, 24)

    # --- captions, folder ------------------------------------------------------------------------------

    def _duration_ms(self) -> int | None:
        take_id = self.take.currentData()
        take = next((t for t in self.detail.summary.takes if t.take_id == take_id), None)
        return round(take.duration_s * 1000) if take is not None and take.duration_s else None

    def _suggested_post(self, locale: str) -> str:
        """The suggested post for the chosen answer, crediting only the details the person agreed to show."""
        take_id = self.take.currentData()
        take = next((t for t in self.detail.summary.takes if t.take_id == take_id), None)
        person = {field.key: (field.value, field.show) for field in self.detail.summary.person}
        if take is None:
            return ""
        return suggested_post(self.campaign, take.prompt_id, person, locale, prompt_text=take.prompt_text)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("ExportDialog", "Save the videos in"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    # --- running --------------------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        for widget in (self.take, self.end_card_check, self.csv_check, self.folder, self.browse_button,
                       self.export_button, self.social_radio, self.internal_radio,
                       *self.shapes.values()):  # fmt: skip
            widget.setEnabled(not running)
        self.end_card_check.setEnabled(not running and self.end_card_spec is not None)
        self.captions_editor.set_running(running)
        self.post_editor.set_running(running)
        self.cancel_button.setVisible(running)
        self.close_button.setEnabled(not running)

    def _status(self, text: str, bad: bool = False) -> None:
        show_label_text(self.status_label, text, style_name="Error" if bad else "Lead")

    def start(self) -> None:
        """Check the choices and start the export on a worker thread."""
        if self.task is not None and not self.task.done:
            return
        shapes = [shape for shape, box in self.shapes.items() if box.isChecked()]
        if not shapes:
            self._status(translate("ExportDialog", "Choose at least one shape."), bad=True)
            return
        if not self.captions_editor.check_captions():
            self._status(translate("ExportDialog", "Fix the captions first, or untick them."), bad=True)
            self.captions.setFocus()
            return
        if not self.folder.text().strip():
            self._status(translate("ExportDialog", "Choose a folder to save the videos in."), bad=True)
            return
        captions = self.captions_editor.cues()
        end_card = self.end_card_spec if self.end_card_check.isChecked() else None
        out_dir = Path(self.folder.text().strip()).expanduser()
        take_id = str(self.take.currentData())
        write_csv = self.csv_check.isChecked()
        posts = self.post_editor.posts()
        tag = " ".join(self.campaign.hashtags) if captions else ""
        use = Use.INTERNAL if self.internal_radio.isChecked() else Use.SOCIAL
        cancel = threading.Event()
        self.cancel_event = cancel
        self.progress.setValue(0)
        self._status(translate("ExportDialog", "Checking consent and fetching the video…"))
        self._set_running(True)
        self.task = tasks().run(
            lambda job: export_take(
                self.client,
                self.detail.submission_id,
                take_id,
                out_dir,
                shapes,
                use=use,
                captions=captions,
                end_card=end_card,
                write_csv=write_csv,
                posts=posts,
                tag=tag,
                progress=job.progress,
                cancel=cancel,
            ),
            owner=self,
            cancel=cancel,
            on_success=self._done,
            on_failure=self._failed,
            on_progress=self._progressed,
            name="export",
        )

    def cancel(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()
            self._status(translate("ExportDialog", "Stopping…"))

    def _progressed(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 1000))
        if fraction > 0.2:
            self._status(
                translate("ExportDialog", "Making the videos… {percent}%").format(
                    percent=round(fraction * 100)
                )
            )

    def _done(self, result: object) -> None:
        assert isinstance(result, TakeExport)
        self.last_export = result
        self._set_running(False)
        self.progress.setValue(1000)
        names = [p.name for p in result.result.files.values()]
        names += [p.name for p in result.post_paths.values()]
        if result.csv_path is not None:
            names.append(result.csv_path.name)
        lines = [
            translate("ExportDialog", "Done. Saved in {folder}:").format(folder=self.folder.text()),
            *names,
        ]
        if result.result.face_found is False:
            lines.append(
                translate("ExportDialog", "No face was found, so the picture was cropped in the centre.")
            )
        self._status("\n".join(lines))
        self.finished_export.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        self.progress.setValue(0)
        if isinstance(error, CancelledError):
            self._status(translate("ExportDialog", "Export stopped. Nothing was saved."))
            return
        if isinstance(error, ExportRefusedError):
            self._status(export_refusal_message(error, self.detail.summary.display_name), bad=True)
            return
        self._status(error_message(error), bad=True)

    def reject(self) -> None:
        if self.task is not None and not self.task.done:
            self.cancel()
            return  # closes only when the export has stopped
        super().reject()
