"""Subprocess entry for the Xvfb screenshot test: open the real window and save a PNG of every screen.

Usage: python -m tests.e2e.screens_main OUT_DIR SERVER_URL UPLOAD_KEY [LOCALE ...]
Run with QT_QPA_PLATFORM=xcb and DISPLAY set to an Xvfb display. For each locale (default: en cy) the
keyboard driver walks the whole flow against the server, saving ``OUT_DIR/<locale>/NN-name.png``; then the
screens the walk does not pass are opened on their own: start-up recovery, no camera, no microphone, a
camera another program holds, a camera blocked by Windows privacy settings, and the Settings dialog.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from recorder.flow import Event
from recorder.flow.saved import save_session
from tests.e2e.driver import KeyboardDriver, wait_until
from tests.helpers.fake_devices import FakePrivacyRegistry, HeldCameraDevices
from tests.helpers.flow_app import make_context, short_campaign, use
from ui.main_window import MainWindow
from ui.pages.base import PageContext
from ui.pages.device_check import DeviceCheckPage
from ui.settings_dialog import SettingsDialog
from ui.theme import apply_theme
from ui.widgets.window_behaviour import install_window_behaviour

WINDOW_SIZE = (1100, 860)


def grab(widget: QWidget, out: Path, name: str) -> None:
    """Capture the real window from the X screen (so video surfaces show as people see them)."""
    QApplication.processEvents()
    screen = widget.screen()
    pixmap = screen.grabWindow(widget.winId())
    if pixmap.isNull():
        pixmap = widget.grab()
    pixmap.save(str(out / f"{name}.png"))


def show_active(window: QWidget) -> None:
    """Show ``window`` and give it the keyboard, as a window manager would (Xvfb has none)."""
    window.resize(*WINDOW_SIZE)
    window.show()
    window.raise_()
    window.activateWindow()
    wait_until(window.isActiveWindow, 20, "the window to become active")


def to_device_check(ctx: PageContext) -> None:
    ctx.machine.fire(Event.NEXT)
    ctx.machine.fire(Event.NEXT)
    ctx.machine.give_consent("screens", "0" * 64, {"record_and_use": True})
    ctx.machine.fire(Event.NEXT)


def device_problem(
    work: Path, locale: str, out: Path, name: str, setup: Callable[[PageContext], None]
) -> None:
    """Open the device check with a device problem ``setup`` arranges, and capture its panel."""
    ctx = make_context(work / name)
    setup(ctx)
    ctx.translations.set_locale(locale)
    ctx.machine.model.locale = locale
    to_device_check(ctx)
    window = MainWindow(ctx, confirm=lambda *_a: True)
    show_active(window)
    page = window.current_page
    assert isinstance(page, DeviceCheckPage)
    wait_until(lambda: page.stack.currentWidget() is page.no_device, 30, f"the {name} panel")
    QTest.qWait(400)
    grab(window, out, name)
    page.leave()
    window.close()


def interrupted_take(data_dir: Path, folder: Path | None = None) -> None:
    """A take folder whose journal says it was recording when the app died (no process holds its lock)."""
    take = (folder or data_dir / "submissions" / "crashed") / "takes" / "t20261125T101500-abcdef"
    take.mkdir(parents=True)
    journal = {
        "schema": 1,
        "take_id": take.name,
        "prompt_id": "love-role",
        "state": "recording",
        "created_utc": "2026-11-25T10:15:00+00:00",
        "video": {"width": 1280, "height": 720, "fps": 30, "codec": "h264"},
        "audio": {"rate_hz": 48000, "channels": 1},
        "t0_ns": 0,
        "frames_written": 0,
        "frames_duplicated": 0,
        "frames_dropped": 0,
        "audio_samples_written": 0,
        "stop_reason": None,
        "error": None,
    }
    (take / "journal.json").write_text(json.dumps(journal), encoding="utf-8")


def run_locale(locale: str, out: Path, server_url: str, upload_key: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"vb-screens-{locale}-"))

    # Start-up recovery (a take left "recording" by a crash).
    ctx = make_context(work / "recovery", start_with_recovery=True)
    interrupted_take(ctx.data_dir)
    ctx.translations.set_locale(locale)
    ctx.machine.model.locale = locale
    window = MainWindow(ctx, confirm=lambda *_a: True)
    show_active(window)
    QTest.qWait(300)
    grab(window, out, "00-recovery")
    window.close()

    # Start-up after a crash mid-session: the person's answers can be continued.
    ctx = make_context(work / "session", start_with_recovery=True)
    folder = ctx.data_dir / "submissions" / "unsent"
    interrupted_take(ctx.data_dir, folder)
    ctx.machine.give_consent("screens", "0" * 64, {"record_and_use": True})
    save_session(folder, ctx.machine.model, "2026-11-25T10:15:00+00:00")
    ctx.translations.set_locale(locale)
    ctx.machine.model.locale = locale
    window = MainWindow(ctx, confirm=lambda *_a: True)
    show_active(window)
    QTest.qWait(300)
    grab(window, out, "00b-recovery-session")
    window.close()

    # The whole flow with the keyboard.
    ctx = make_context(
        work / "flow",
        campaign_path=short_campaign(work, max_duration_s=3, countdown_s=2),
        extra={"server_url": server_url, "upload_key": upload_key},
    )
    ctx.translations.set_locale(locale)
    ctx.machine.model.locale = locale
    window = MainWindow(ctx, confirm=lambda *_a: True)
    show_active(window)
    driver = KeyboardDriver(window, on_screen=lambda name: grab(window, out, name))
    driver.run(name="Siân Jones" if locale == "cy" else "Sam Jones")
    window.current_page.leave()
    window.close()

    device_problem(work, locale, out, "14-no-camera", lambda ctx: use(ctx, video_uri="camera:9"))
    missing_wav = f"file:{work / 'no-such-microphone.wav'}"
    device_problem(work, locale, out, "15-no-microphone", lambda ctx: use(ctx, audio_uri=missing_wav))
    device_problem(
        work,
        locale,
        out,
        "16-camera-in-use",
        lambda ctx: use(ctx, video_uri="camera:0", devices=HeldCameraDevices()),
    )
    device_problem(
        work,
        locale,
        out,
        "17-camera-blocked",
        lambda ctx: use(ctx, video_uri="camera:9", privacy_registry=FakePrivacyRegistry()),
    )

    ctx = make_context(work / "settings")
    ctx.translations.set_locale(locale)
    dialog = SettingsDialog(ctx.config)
    show_active(dialog)
    QTest.qWait(300)
    grab(dialog, out, "18-settings")
    dialog.close()
    ctx.translations.set_locale("en")


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    server_url, upload_key = argv[1], argv[2]
    locales = argv[3:] or ["en", "cy"]
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    install_window_behaviour(app)  # as ui.app does
    for locale in locales:
        run_locale(locale, out / locale, server_url, upload_key)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
