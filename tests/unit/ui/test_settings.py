"""Settings dialog: every value with its source; IT-locked values read-only; only the user's layer saved."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from recorder.config import Config, FilePolicy, Layer, load_config
from tests.helpers.qt import StrictLogs
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.usefixtures("strict_logs")


def make_config(
    tmp_path: Path, policy_text: str, user_text: str = "", environ: dict[str, str] | None = None
) -> Config:
    (tmp_path / "policy.toml").write_text(policy_text, encoding="utf-8")
    (tmp_path / "user.toml").write_text(user_text, encoding="utf-8")
    return load_config(
        environ=environ or {},
        policy_source=FilePolicy(tmp_path / "policy.toml"),
        user_settings_path=tmp_path / "user.toml",
    )


def test_it_values_are_read_only_and_labelled(qtbot: QtBot, tmp_path: Path) -> None:
    config = make_config(
        tmp_path,
        'server_url = "https://intake.nhs.example"\nvideo_uri = "camera:1"\ncountdown_s = 5\n'
        'locked = ["server_url", "video_uri"]\n',
    )
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    camera = dialog.editors["video_uri"]
    assert isinstance(camera, QComboBox) and not camera.isEnabled() and dialog.is_read_only("video_uri")
    assert camera.currentText() == "Camera 2" and camera.currentData() == "camera:1"
    assert dialog.sources["video_uri"].text() == "Set by your IT department"
    assert camera.accessibleDescription() == "Set by your IT department"
    assert dialog.sources["server_url"].text() == "Set by your IT department"
    # An unlocked policy value is a suggestion the person may change.
    countdown = dialog.editors["countdown_s"]
    assert isinstance(countdown, QSpinBox) and countdown.isEnabled()
    assert "you may change it" in dialog.sources["countdown_s"].text()
    assert dialog.sources["locale"].text() == "Default"
    assert dialog.is_read_only("server_url") and not dialog.is_read_only("locale")
    assert dialog.editors["proxy"].text() == "(not set)"  # type: ignore[attr-defined]


def test_saving_writes_only_the_users_own_changes(qtbot: QtBot, tmp_path: Path) -> None:
    config = make_config(
        tmp_path,
        'proxy = "http://proxy.nhs.example:3128"\n',
        user_text='audio_uri = "mic:Headset"\n',
        environ={"VOICEBOOTH_UPLOAD_KEY": "vb_secret_key"},
    )
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    assert dialog.sources["upload_key"].text() == "Set by the environment for this session"
    key_editor = dialog.editors["upload_key"]
    assert isinstance(key_editor, QLineEdit) and "vb_secret" not in key_editor.text()
    language = dialog.editors["locale"]
    assert isinstance(language, QComboBox)
    language.setCurrentIndex(language.findData("cy"))
    countdown = dialog.editors["countdown_s"]
    assert isinstance(countdown, QSpinBox)
    countdown.setValue(0)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    saved = tomllib.loads((tmp_path / "user.toml").read_text(encoding="utf-8"))
    assert saved == {"audio_uri": "mic:Headset", "locale": "cy", "countdown_s": 0}
    assert config.layer_of("locale") is Layer.USER and config.value("countdown_s") == 0


def test_a_save_that_fails_says_so(qtbot: QtBot, tmp_path: Path, strict_logs: StrictLogs) -> None:
    strict_logs.expect("Settings not saved")
    config = make_config(tmp_path, "")
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    config.user_settings_path = blocker / "user.toml"
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    countdown = dialog.editors["countdown_s"]
    assert isinstance(countdown, QSpinBox)
    countdown.setValue(9)
    dialog.save()
    assert not dialog.error_label.isHidden() and "could not be saved" in dialog.error_label.text()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted


def test_a_built_in_campaign_pack_is_chosen_here_unless_it_locks_it(qtbot: QtBot, tmp_path: Path) -> None:
    from ui import app

    config = make_config(tmp_path, "")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    packs = dialog.editors["campaign_pack"]
    assert isinstance(packs, QComboBox) and packs.isEnabled()
    offered = {packs.itemText(i): packs.itemData(i) for i in range(packs.count())}
    assert offered == {
        "AHP Support Worker Week (built in)": "ahp-support-worker-week",
        "Staff voices (built in)": "",
    }
    assert (
        packs.currentData() == "" and "next time Voicebooth starts" in dialog.sources["campaign_pack"].text()
    )
    packs.setCurrentIndex(packs.findData("ahp-support-worker-week"))
    dialog.save()
    saved = tomllib.loads((tmp_path / "user.toml").read_text(encoding="utf-8"))
    assert saved == {"campaign_pack": "ahp-support-worker-week"}
    # The next start uses it.
    _config, campaign = app.load_settings(
        {},
        environ={},
        policy_source=FilePolicy(tmp_path / "policy.toml"),
        user_settings_path=tmp_path / "user.toml",
    )
    assert campaign.id == "ahp-support-worker-week"
    # IT's choice, locked: shown, not changeable; a pack elsewhere is shown by its address.
    (tmp_path / "it").mkdir()
    locked = make_config(
        tmp_path / "it", 'campaign_pack = "https://packs.nhs.example/ward.toml"\nlocked = ["campaign_pack"]\n'
    )
    it_dialog = SettingsDialog(locked)
    qtbot.addWidget(it_dialog)
    it_packs = it_dialog.editors["campaign_pack"]
    assert isinstance(it_packs, QComboBox) and not it_packs.isEnabled()
    assert it_packs.currentText() == "https://packs.nhs.example/ward.toml"
    assert it_dialog.sources["campaign_pack"].text() == "Set by your IT department"
    assert "campaign_pack" not in it_dialog.changed_values()
