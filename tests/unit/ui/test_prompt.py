"""The prompt page with synthetic devices, the real TakeRecorder and the real finish_take (ffmpeg).

One take of ~2 s per test; the module shares nothing mutable between tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QAbstractSpinBox, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from recorder.flow import Event, Phase, Step
from tests.helpers.flow_app import drive_to_first_prompt, make_context, short_campaign
from tests.helpers.qt import StrictLogs
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.prompt import PromptPage
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.usefixtures("strict_logs")
TAKE_TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def _video_noise(strict_logs: StrictLogs) -> None:
    # Offscreen QVideoWidget and QMediaPlayer without a sound card say so; neither is a defect of ours.
    strict_logs.expect("No RHI backend|No audio device detected")
    # Recording again unloads the player, which may still be opening the take it was showing.
    strict_logs.expect("Could not open media. FFmpeg error description: Immediate exit requested")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    ctx = make_context(tmp_path, campaign_path=short_campaign(tmp_path, max_duration_s=2, countdown_s=1))
    machine = ctx.machine
    drive_to_first_prompt(machine)
    win = MainWindow(ctx, confirm=lambda *_a: True)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()  # Alt+letter and Ctrl+R shortcuts only reach the active window
    qtbot.waitActive(win)
    yield win
    win.current_page.leave()


def _page(window: MainWindow) -> PromptPage:
    page = window.current_page
    assert isinstance(page, PromptPage)
    return page


def _record_until_check(qtbot: QtBot, window: MainWindow, *, countdown_s: int = 0) -> PromptPage:
    page = _page(window)
    page.ctx.services.settings.countdown_s = countdown_s
    qtbot.waitUntil(page.record_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.record_button, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.ctx.machine.state.phase is Phase.RECORDING, timeout=10_000)
    qtbot.waitUntil(lambda: window.ctx.machine.state.phase is Phase.CHECK, timeout=TAKE_TIMEOUT_MS)
    return page


def test_read_phase_shows_one_question_one_record_button_and_the_keys(window: MainWindow) -> None:
    page = _page(window)
    assert page.prompt_label.text() == "What do you love about your role?"
    assert page.prompt_label.font().pointSize() >= 20
    assert not page.title_label.isVisible()  # one heading: the question, not a page title above it too
    assert "Think of one moment" in page.tips_label.text() and "up to 0:02" in page.tips_label.text()
    assert "Ctrl+R" in page.keys_label.text() and "Ctrl+R" in page.record_button.text()
    assert "Question 1 of 2" in page.counter_label.text()
    # The countdown is a setting, not a box on the question screen; Skip is a link, Record the one button.
    assert not [box for box in page.findChildren(QAbstractSpinBox) if box.isVisible()]
    buttons = [b for b in page.read_panel.findChildren(QPushButton) if b.isVisible()]
    assert [b.objectName() for b in buttons] == ["PrimaryButton", "LinkButton"]
    # The shortcut line is whole: its wrapped height fits the height it was given.
    keys = page.keys_label
    assert keys.isVisible() and keys.height() >= keys.heightForWidth(keys.width())


def test_countdown_then_time_limit_then_check_and_watch_back(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    qtbot.waitUntil(page.record_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.record_button, " ")
    assert window.ctx.machine.state.phase is Phase.COUNTDOWN
    assert "Recording starts in 1" in page.count_panel.count_label.text()
    qtbot.waitUntil(lambda: window.ctx.machine.state.phase is Phase.RECORDING, timeout=5000)
    # a 2 s limit is inside the last-10-seconds window: the cue is worded, not just coloured
    qtbot.waitUntil(lambda: "Last seconds" in page.rec_panel.remaining.label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: window.ctx.machine.state.phase is Phase.FINISHING, timeout=15_000)
    qtbot.waitUntil(lambda: window.ctx.machine.state.phase is Phase.CHECK, timeout=TAKE_TIMEOUT_MS)
    take_dir = Path(window.ctx.machine.model.current_take_dir or "")
    assert (take_dir / "deliverable.mp4").exists()
    assert page.finished is not None and 1.0 <= page.finished.duration_s <= 3.0
    assert page.check_panel.problems_label.text()
    qtbot.waitUntil(page.keep_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.keep_button, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert window.ctx.machine.state.phase is Phase.WATCH_BACK
    qtbot.waitUntil(lambda: page.player.player.position() > 100, timeout=10_000)
    assert page.player.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState


def test_stop_trim_and_keep(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    page.ctx.services.settings.countdown_s = 0
    qtbot.waitUntil(page.record_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.record_button, " ")
    qtbot.waitUntil(page.stop_button.hasFocus, timeout=10_000)
    qtbot.wait(1500)
    qtbot.keyClick(page.stop_button, " ")  # Stop before the limit
    qtbot.waitUntil(lambda: window.ctx.machine.state.phase is Phase.CHECK, timeout=TAKE_TIMEOUT_MS)
    before = page.finished
    assert before is not None
    qtbot.keyClick(page.trim_button, " ")
    assert page.trim.isVisible()
    page.trim.set_cuts(0.3, 0.0)  # the take lasts about 1.5 s; at least 1 s must remain
    qtbot.keyClick(page.check_panel.apply_trim_button, " ")
    qtbot.waitUntil(
        lambda: page.finished is not before and page.check_panel.apply_trim_button.isEnabled(),
        timeout=TAKE_TIMEOUT_MS,
    )
    assert page.finished is not None and page.finished.duration_s < before.duration_s - 0.1
    qtbot.keyClick(page.keep_button, " ")
    state = window.ctx.machine.state
    assert state.prompt_index == 1 and state.phase is Phase.READ
    kept = window.ctx.machine.model.kept["love-role"]
    check = json.loads((Path(kept.take_dir) / "check.json").read_text(encoding="utf-8"))
    assert "problems" in check


def test_the_check_findings_follow_a_language_change(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = _record_until_check(qtbot, window)  # a 2 s take: shorter than the check wants, so it says so
    label = page.check_panel.problems_label
    assert label.text().startswith("We noticed:")
    translations = Translations(tmp_path / "qm")
    try:
        assert translations.set_locale("cy")
        qtbot.waitUntil(lambda: label.text().startswith("Fe wnaethon ni sylwi:"), timeout=5000)
        assert label.accessibleName().startswith("Fe wnaethon ni sylwi:")
    finally:
        translations.set_locale("en")
    qtbot.waitUntil(lambda: label.text().startswith("We noticed:"), timeout=5000)


def test_going_back_while_recording_asks_and_discards(qtbot: QtBot, window: MainWindow) -> None:
    asked: list[str] = []
    window.confirm = lambda title, *_a: asked.append(title) or True  # type: ignore[method-assign]
    page = _page(window)
    page.ctx.services.settings.countdown_s = 0
    qtbot.waitUntil(page.record_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.record_button, " ")
    qtbot.waitUntil(page.stop_button.hasFocus, timeout=10_000)
    window.go(Event.BACK)
    assert asked and window.ctx.machine.state.phase is Phase.READ


def test_record_again_deletes_the_take_not_kept(qtbot: QtBot, window: MainWindow) -> None:
    page = _record_until_check(qtbot, window)
    take_dir = Path(window.ctx.machine.model.current_take_dir or "")
    assert take_dir.is_dir()
    qtbot.keyClick(page.keep_button, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Record again
    assert window.ctx.machine.state.phase is Phase.READ
    qtbot.waitUntil(lambda: not take_dir.exists(), timeout=10_000)


def test_cancel_deletes_everything_recorded(qtbot: QtBot, window: MainWindow) -> None:
    page = _record_until_check(qtbot, window)
    qtbot.keyClick(page.keep_button, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    folder = window.ctx.session.folder
    assert isinstance(folder, Path) and any(folder.glob("takes/*/deliverable.mp4"))
    window.go(Event.CANCEL)  # the window asks first; the fixture's confirm says yes
    assert window.ctx.machine.state.step is Step.WELCOME
    qtbot.waitUntil(lambda: not folder.exists(), timeout=10_000)
    assert window.ctx.session.folder is None


def test_a_configured_ffmpeg_that_is_missing_is_reported_plainly(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recorder.media import ffmpeg_binary

    monkeypatch.setattr(ffmpeg_binary, "_configured", str(tmp_path / "no-such-ffmpeg"))
    page = _page(window)
    page.ctx.services.settings.countdown_s = 0
    qtbot.waitUntil(page.record_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.record_button, " ")
    qtbot.waitUntil(lambda: page.error_label.isVisible(), timeout=10_000)
    assert window.ctx.machine.state.phase is Phase.READ  # back where the person can try again
    text = page.error_label.text()
    assert text.startswith("Recording could not start") and "no-such-ffmpeg" in text
    assert "Traceback" not in text and "Error" not in text.split(":")[0]
    assert not list(Path(window.ctx.data_dir).glob("submissions/*/takes/*"))  # nothing left behind


def test_the_countdown_is_a_setting_and_it_can_be_locked(qtbot: QtBot, tmp_path: Path) -> None:
    for locked in (False, True):
        root = tmp_path / ("locked" if locked else "free")
        root.mkdir()
        if locked:  # IT set the countdown and locked it
            (root / "no-policy.toml").write_text(
                'countdown_s = 0\nlocked = ["countdown_s"]\n', encoding="utf-8"
            )
        ctx = make_context(root)
        drive_to_first_prompt(ctx.machine)
        win = MainWindow(ctx, confirm=lambda *_a: True)
        qtbot.addWidget(win)
        page = _page(win)
        dialog = SettingsDialog(ctx.config, win)
        spin = dialog.editors["countdown_s"]
        assert isinstance(spin, QSpinBox)
        if locked:
            assert dialog.is_read_only("countdown_s") and spin.value() == 0
        else:
            assert ctx.machine.countdown_enabled  # the campaign's countdown, until Settings changes it
            spin.setValue(0)
            dialog.save()  # saved while the question is on screen: the next Record goes straight in
        dialog.deleteLater()
        page.record_button.click()
        assert ctx.machine.state.phase is Phase.RECORDING and not ctx.machine.countdown_enabled
        page.leave()


def test_regression_back_to_a_kept_answer_shows_it_and_keeps_it_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Shrunk journey: record, Keep (question 2 opens), Back. The kept answer was a frozen camera frame with
    no player, and Watch / Keep / Trim did nothing; only "Record again" (deleting it) led on."""
    page = _record_until_check(qtbot, window)
    qtbot.keyClick(page.keep_button, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    machine = window.ctx.machine
    kept = machine.model.kept["love-role"]
    assert (machine.state.prompt_index, machine.state.phase) == (1, Phase.READ)
    window.back_button.click()
    assert (machine.state.prompt_index, machine.state.phase) == (0, Phase.CHECK)
    assert page.picture.currentWidget() is page.player  # the answer, not the camera
    assert page.player.player.source().toLocalFile() == str(Path(kept.take_dir) / "deliverable.mp4")
    qtbot.keyClick(page.check_panel.watch_button, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert machine.state.phase is Phase.WATCH_BACK
    qtbot.keyClick(page.keep_button, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert (machine.state.prompt_index, machine.state.phase) == (1, Phase.READ)
    assert machine.model.kept["love-role"] == kept and (Path(kept.take_dir) / "deliverable.mp4").is_file()


def test_playback_has_its_own_key_so_space_on_keep_never_keeps_unwatched(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The player said "Play (Space)" while Space pressed the focused "Keep this answer" (issue 12)."""
    page = _record_until_check(qtbot, window)
    qtbot.waitUntil(page.keep_button.hasFocus, timeout=5000)
    qtbot.keyClick(page.keep_button, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    machine = window.ctx.machine
    assert machine.state.phase is Phase.WATCH_BACK
    qtbot.waitUntil(lambda: page.player.playing, timeout=10_000)
    assert "Ctrl+Space" in page.player.play_button.text() and "(Space)" not in page.player.play_button.text()
    page.keep_button.setFocus()
    qtbot.keyClick(page.keep_button, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert not page.player.playing  # paused by its own key...
    assert (machine.state.prompt_index, machine.state.phase) == (0, Phase.WATCH_BACK)  # ...nothing kept
    qtbot.keyClick(page.keep_button, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.player.playing, timeout=5000)
    assert "love-role" not in machine.model.kept
