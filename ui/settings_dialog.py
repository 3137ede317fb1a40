"""The Settings dialog: every setting with where its value comes from; values IT set cannot be changed.

Editable settings are those a person may reasonably change on a shared PC (camera, microphone, language,
countdown, video size, and which built-in campaign pack to use from the next start). Everything else is
shown read-only for support calls. A value locked by policy shows "Set by your IT department" and its
control is disabled. Saving writes only the user layer (see
:meth:`recorder.config.Config.save_user_settings`), so policy and environment values are never written.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recorder.campaign import CampaignError, builtin_packs, load_campaign
from recorder.config import KEYS, Config, ConfigError, Layer
from recorder.devices import SYSTEM_DEVICES
from ui.i18n import LOCALES, translate
from ui.pages.source_names import source_label
from ui.widgets.window_behaviour import scroll_area

log = logging.getLogger(__name__)

#: Settings a support worker may change here, in display order.
EDITABLE = (
    "locale",
    "countdown_s",
    "video_uri",
    "audio_uri",
    "video_size",
    "campaign_pack",
    "booth_mode",
    "idle_timeout_s",
)
#: Settings shown read-only (for IT and support calls), in display order.
READ_ONLY = (
    "server_url",
    "upload_key",
    "campaign",
    "proxy",
    "pac_url",
    "ca_bundle",
    "data_dir",
)


def layer_text(layer: Layer, locked: bool) -> str:
    """Translated description of where a value came from."""
    if locked:
        return translate("SettingsDialog", "Set by your IT department")
    names = {
        Layer.POLICY: translate("SettingsDialog", "Suggested by your IT department (you may change it)"),
        Layer.DEFAULT: translate("SettingsDialog", "Default"),
        Layer.CAMPAIGN: translate("SettingsDialog", "Set by the campaign"),
        Layer.USER: translate("SettingsDialog", "Your setting"),
        Layer.ENVIRONMENT: translate("SettingsDialog", "Set by the environment for this session"),
        Layer.COMMAND_LINE: translate("SettingsDialog", "Set when Voicebooth was started"),
    }
    return names[layer]


def key_label(key: str) -> str:
    """Translated label of a setting."""
    labels = {
        "locale": translate("SettingsDialog", "Language"),
        "countdown_s": translate("SettingsDialog", "Countdown before recording"),
        "video_uri": translate("SettingsDialog", "Camera"),
        "audio_uri": translate("SettingsDialog", "Microphone"),
        "video_size": translate("SettingsDialog", "Video size"),
        "server_url": translate("SettingsDialog", "Intake server address"),
        "upload_key": translate("SettingsDialog", "Upload key"),
        "campaign": translate("SettingsDialog", "Campaign"),
        "campaign_pack": translate("SettingsDialog", "Campaign pack"),
        "proxy": translate("SettingsDialog", "Proxy"),
        "pac_url": translate("SettingsDialog", "Proxy auto-configuration address"),
        "ca_bundle": translate("SettingsDialog", "Extra certificate authorities"),
        "data_dir": translate("SettingsDialog", "Data folder"),
        "booth_mode": translate("SettingsDialog", "Booth mode (shared computer or event stand)"),
        "idle_timeout_s": translate(
            "SettingsDialog", 'Ask "Are you still there?" after (seconds without use)'
        ),
    }
    return labels.get(key, KEYS[key].label or key)


class SettingsDialog(QDialog):
    """Shows and edits settings with their provenance.

    Args:
        config: the resolved configuration; saved in place when the person presses Save.
    """

    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self.setAccessibleName(translate("SettingsDialog", "Settings"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "SettingsDialog",
                "Each setting shows where its value comes from. Settings made by your IT department cannot "
                "be changed here.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # The list is long at large type sizes: it scrolls, the buttons stay visible.
        rows = QWidget()
        self.form = QFormLayout(rows)
        # Labels above their fields: nothing is cut at a narrow width or large scaling ("rver address").
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        layout.addWidget(scroll_area(rows), 1)
        self.editors: dict[str, QWidget] = {}
        self.sources: dict[str, QLabel] = {}
        for key in EDITABLE + READ_ONLY:
            self._add_row(key, editable=key in EDITABLE)
        # A long device name, label or "set by" line never makes the dialog wider than a small screen.
        for combo in rows.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        for label in rows.findChildren(QLabel):
            label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("Error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        save.setText(translate("SettingsDialog", "Save"))
        save.setAccessibleName(translate("SettingsDialog", "Save settings"))
        save.setAccessibleDescription(
            translate("SettingsDialog", "Keeps your changes for the next time Voicebooth starts.")
        )
        cancel.setText(translate("SettingsDialog", "Cancel"))
        cancel.setAccessibleName(translate("SettingsDialog", "Close without saving"))
        cancel.setAccessibleDescription(translate("SettingsDialog", "Nothing is changed."))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def _add_row(self, key: str, *, editable: bool) -> None:
        entry = self.config.entry(key)
        label = key_label(key)
        editor: QWidget
        if key == "locale":
            combo = QComboBox()
            for code, name in LOCALES.items():
                combo.addItem(name, code)
            combo.setCurrentIndex(max(0, combo.findData(entry.value)))
            editor = combo
        elif key == "countdown_s":
            spin = QSpinBox()
            spin.setRange(0, 10)
            spin.setSuffix(translate("SettingsDialog", " seconds"))
            spin.setSpecialValueText(translate("SettingsDialog", "Off (record at once)"))
            spin.setValue(int(str(entry.value)))
            editor = spin
        elif key in ("video_uri", "audio_uri"):
            editor = self._device_picker(key, str(entry.value))
        elif key == "booth_mode":  # once on, Settings is hidden: IT turns it off (policy or user settings)
            combo = QComboBox()
            combo.addItem(translate("SettingsDialog", "Off"), False)
            combo.addItem(translate("SettingsDialog", "On"), True)
            combo.setCurrentIndex(combo.findData(bool(entry.value)))
            editor = combo
        elif key == "idle_timeout_s":
            spin = QSpinBox()
            spin.setRange(30, 3600)
            spin.setValue(int(str(entry.value)))
            editor = spin
        elif key == "video_size":
            combo = QComboBox()
            for size in ("1280x720", "1920x1080"):
                combo.addItem(size, size)
            if combo.findData(entry.value) < 0:
                combo.addItem(str(entry.value), entry.value)
            combo.setCurrentIndex(combo.findData(entry.value))
            editor = combo
        elif key == "campaign_pack":
            editor = self._pack_picker(str(entry.value))
        elif entry.secret:  # never show a key, only whether one is set
            line = QLineEdit(
                translate("SettingsDialog", "(set)")
                if entry.value
                else translate("SettingsDialog", "(not set)")
            )
            editor = line
        elif key == "data_dir":
            line = QLineEdit(str(self.config.data_dir))  # the folder really used, even when it is the default
            editor = line
        else:
            line = QLineEdit(entry.shown if entry.value != "" else translate("SettingsDialog", "(not set)"))
            line.setReadOnly(not editable)
            editor = line
        if isinstance(editor, QLineEdit):
            editor.setReadOnly(entry.locked or not editable)
        else:
            editor.setEnabled(editable and not entry.locked)
        editor.setAccessibleName(label)
        source = QLabel(layer_text(entry.layer, entry.locked))
        if key == "campaign_pack" and not entry.locked:
            source.setText(
                source.text()
                + " "
                + translate("SettingsDialog", "Used from the next time Voicebooth starts.")
            )
        source.setObjectName("LockedNote")
        editor.setAccessibleDescription(source.text())
        row = QWidget()
        row_layout = QVBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(editor)
        row_layout.addWidget(source)
        self.form.addRow(label, row)
        self.editors[key] = editor
        self.sources[key] = source

    def _device_picker(self, key: str, current: str) -> QComboBox:
        """The cameras (or microphones) this computer has, and the current choice, by name."""
        camera = key == "video_uri"
        combo = QComboBox()
        try:
            found = (SYSTEM_DEVICES.list_cameras() if camera else SYSTEM_DEVICES.list_microphones()).devices
        except Exception:  # listing is a convenience; the current choice is still shown
            log.exception("Listing devices for the settings failed")
            found = []
        for device in found:
            combo.addItem(device.label, device.uri)
        if combo.findData(current) < 0:
            combo.insertItem(0, source_label(current, camera=camera), current)
        combo.setCurrentIndex(combo.findData(current))
        return combo

    def _pack_picker(self, current: str) -> QComboBox:
        """The campaign packs built into Voicebooth by name, and the current pack (a folder or address)."""
        combo = QComboBox()
        locale = str(self.config.value("locale"))
        for folder_name, folder in builtin_packs().items():
            try:
                name = load_campaign(folder).name.get(locale)
            except CampaignError:  # a damaged installation: the pack is not offered
                log.exception("A built-in campaign pack cannot be read")
                continue
            value = "" if folder_name == "default" else folder_name
            combo.addItem(translate("SettingsDialog", "%1 (built in)").replace("%1", name), value)
        if combo.findData(current) < 0:
            combo.addItem(current, current)
        combo.setCurrentIndex(combo.findData(current))
        return combo

    def is_read_only(self, key: str) -> bool:
        """True when the person cannot change ``key`` here."""
        editor = self.editors[key]
        if isinstance(editor, QLineEdit):
            return editor.isReadOnly()
        return not editor.isEnabled()

    def changed_values(self) -> dict[str, object]:
        """Editable values that differ from the current ones."""
        changes: dict[str, object] = {}
        for key in EDITABLE:
            if self.is_read_only(key):
                continue
            editor = self.editors[key]
            value: object
            if isinstance(editor, QComboBox):
                value = editor.currentData()
            elif isinstance(editor, QSpinBox):
                value = editor.value()
            elif isinstance(editor, QLineEdit):
                value = editor.text().strip()
            else:
                continue
            if value != self.config.value(key):
                changes[key] = value
        return changes

    def save(self) -> None:
        try:
            self.config.save_user_settings(self.changed_values())
        except ConfigError as error:
            log.warning("Settings not saved: %s", error)
            self.error_label.setText(
                translate("SettingsDialog", "Your settings could not be saved.") + f" {error}"
            )
            self.error_label.show()
            return
        self.accept()
