"""The suggested posts of an export: one editable text per language, its length on each platform, and a
plain warning where it is too long. The texts come from :func:`recorder.share_post.suggested_post`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recorder.campaign import LOCALES
from recorder.share_post import lengths
from ui.i18n import translate
from ui.review.style import show_label_text

# The tabs name each language in itself.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


class PostEditor(QWidget):
    """A tab per language, each with the post's text, its counts per platform, and Start again.

    Args:
        suggest: the suggested post in a language for the chosen answer (called again when it changes).
        parent: the export dialog.
    """

    def __init__(self, suggest: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggest = suggest
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.tabs = QTabWidget()
        self.texts: dict[str, QPlainTextEdit] = {}
        self.counts: dict[str, QLabel] = {}
        self.reset_buttons: dict[str, QPushButton] = {}
        self.warnings: dict[str, QLabel] = {}
        for locale in LOCALES:
            page = QWidget()
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(110)
            count = QLabel()  # two platforms a line (broken here: a wrapped label can overlap the text)
            warning = QLabel()
            warning.setObjectName("Error")
            warning.setWordWrap(True)
            warning.hide()
            reset = QPushButton()
            row = QHBoxLayout()
            row.addWidget(warning, 1)
            row.addWidget(reset, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            column = QVBoxLayout(page)
            column.setContentsMargins(6, 6, 6, 6)
            column.addWidget(text)
            column.addWidget(count)
            column.addLayout(row)
            self.warnings[locale] = warning
            self.tabs.addTab(page, LANGUAGE_NAMES.get(locale, locale))
            self.texts[locale], self.counts[locale], self.reset_buttons[locale] = text, count, reset
            text.textChanged.connect(lambda locale=locale: self.update_counts(locale))
            reset.clicked.connect(lambda _checked=False, locale=locale: self.suggest(locale))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs)
        self.title.setBuddy(self.tabs)

    def retranslate(self) -> None:
        self.title.setText(
            translate("ExportDialog", "Suggested posts (saved with the videos; edit as you like)")
        )
        self.tabs.setAccessibleName(translate("ExportDialog", "Suggested posts"))
        for locale, text in self.texts.items():
            language = LANGUAGE_NAMES.get(locale, locale)
            text.setAccessibleName(
                translate("ExportDialog", "Suggested post in {language}").format(language=language)
            )
            text.setAccessibleDescription(
                translate(
                    "ExportDialog",
                    "Names only the details the person agreed may be shown. Saved beside the videos and in "
                    "the metadata sheet.",
                )
            )
            reset = self.reset_buttons[locale]
            reset.setText(translate("ExportDialog", "Start again"))
            reset.setAccessibleName(
                translate("ExportDialog", "Start the {language} post again from the suggestion").format(
                    language=language
                )
            )
            reset.setAccessibleDescription(
                translate("ExportDialog", "Your changes to this post are replaced.")
            )
            self.update_counts(locale)

    def suggest(self, locale: str | None = None) -> None:
        """Replace the text in ``locale`` (None: every language) with the suggestion for the chosen answer."""
        for each in [locale] if locale else list(self.texts):
            self.texts[each].setPlainText(self._suggest(each))

    def posts(self) -> dict[str, str]:
        """The posts as they stand, by locale."""
        return {locale: text.toPlainText() for locale, text in self.texts.items()}

    def over_limit(self, locale: str) -> list[str]:
        """The platforms the post in ``locale`` is too long for."""
        return [each.platform.name for each in lengths(self.texts[locale].toPlainText()) if each.over_by]

    def update_counts(self, locale: str) -> None:
        measured = lengths(self.texts[locale].toPlainText())
        each = [
            translate("ExportDialog", "{platform} {count} of {limit}").format(
                platform=m.platform.name, count=f"{m.count:,}", limit=f"{m.platform.limit:,}"
            )
            for m in measured
        ]
        counts = "\n".join(" \u00b7 ".join(each[i : i + 2]) for i in range(0, len(each), 2))
        over = [
            translate(
                "ExportDialog", "Too long for {platform} by {over}: shorten it before posting there."
            ).format(platform=m.platform.name, over=f"{m.over_by:,}")
            for m in measured
            if m.over_by
        ]
        show_label_text(self.counts[locale], counts, style_name="Hint")  # the warning below is the error
        show_label_text(self.warnings[locale], "\n".join(over), hide_when_empty=True)

    def set_running(self, running: bool) -> None:
        for widget in (*self.texts.values(), *self.reset_buttons.values()):
            widget.setEnabled(not running)
