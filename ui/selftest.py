"""``voicebooth --self-test``: the core checks plus the Qt check, printed as one readable report.

The Qt check runs in a child process (``voicebooth --self-test-qt``) because Qt aborts the whole process
when its platform plugin cannot load: the child's crash becomes a FAIL line with Qt's own explanation. The
child starts the app's Qt platform (``offscreen`` when there is no display, and says so), plays a real
H.264 clip through QtMultimedia's FFmpeg plugin, loads the JPEG image plugin and the Welsh catalogue.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from recorder.config import ConfigError, load_config
from recorder.logs import current_log_path
from recorder.selftest import (
    CheckResult,
    SelfTestContext,
    Status,
    core_checks,
    exit_code,
    format_report,
    report_header,
    run_checks,
)
from ui.display import has_display

CHILD_FLAG = "--self-test-qt"
MARKER = "VOICEBOOTH-QT-CHECK "
CHILD_TIMEOUT_S = 60.0
PLAYBACK_TIMEOUT_S = 15.0


def child_command() -> list[str]:
    """How to start this program again with the hidden child flag (frozen build or source tree)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", "ui.launcher", CHILD_FLAG]


def check_qt(environ: Mapping[str, str] | None = None) -> CheckResult:
    """Start the child and turn what it reports (or how it died) into a result."""
    env = dict(os.environ if environ is None else environ)
    note = ""
    if not has_display(env):
        env["QT_QPA_PLATFORM"] = "offscreen"
        note = "No display here: checked with Qt's offscreen platform (a desktop session uses xcb/wayland)."
    try:
        proc = subprocess.run(
            child_command(),
            env=env,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return CheckResult("Qt", Status.FAIL, f"The Qt check did not finish within {CHILD_TIMEOUT_S:.0f} s.")
    found = [line[len(MARKER) :] for line in proc.stdout.splitlines() if line.startswith(MARKER)]
    if not found:
        tail = [line for line in proc.stderr.strip().splitlines() if line.strip()][-4:]
        return CheckResult(
            "Qt",
            Status.FAIL,
            f"Qt could not start (exit code {proc.returncode}); the app window cannot open.",
            tuple(tail),
        )
    facts = json.loads(found[-1])
    details = [note] if note else []
    details.append(f"Platform: {facts['platform']} ({facts['screens']} screen(s)), Qt {facts['qt_version']}")
    details.append(f"Plugins: {facts['plugins_dir']}")
    problems: list[str] = list(facts["problems"])
    if facts.get("played"):
        details.append(f"Played a test video through QtMultimedia ({facts['played']}).")
    status = Status.FAIL if problems else Status.PASS
    summary = "; ".join(problems) if problems else "Window system, video playback, images and Welsh all work."
    return CheckResult("Qt", status, summary, tuple(details))


def qt_child_main() -> int:
    """In the child: start Qt like the app does and print one JSON line of facts and problems."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QGuiApplication, QImageReader
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    problems: list[str] = []
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "jpeg" not in formats:
        problems.append("the JPEG image plugin is missing (poster frames cannot be shown)")
    played = ""
    try:
        played = _play_test_clip()
    except RuntimeError as error:
        problems.append(str(error))
    problems += _welsh_problems()
    facts = {
        "platform": QGuiApplication.platformName(),
        "screens": len(QGuiApplication.screens()),
        "qt_version": pyside_version,
        "plugins_dir": QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
        "played": played,
        "problems": problems,
    }
    print(MARKER + json.dumps(facts), flush=True)
    del app
    return 0


def _play_test_clip() -> str:
    """Make a half-second H.264 MP4 with ffmpeg and wait for QMediaPlayer to show its first frame.

    Raises:
        RuntimeError: plain English: the clip could not be made, or Qt could not play it.
    """
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

    from recorder.media.ffmpeg_binary import FfmpegNotFoundError, ffmpeg_exe

    with tempfile.TemporaryDirectory(prefix="voicebooth-qtcheck-") as tmp:
        clip = Path(tmp) / "clip.mp4"
        try:
            subprocess.run(
                [ffmpeg_exe(), "-v", "error", "-nostdin",
                 "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=0.5",
                 "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(clip)],
                check=True, capture_output=True, timeout=30,
            )  # fmt: skip
        except (FfmpegNotFoundError, OSError, subprocess.SubprocessError) as error:
            raise RuntimeError(f"no test video to play (ffmpeg: {error})") from error
        player = QMediaPlayer()
        sink = QVideoSink()
        player.setVideoSink(sink)
        frames: list[tuple[int, int]] = []
        errors: list[str] = []
        loop = QEventLoop()

        def on_frame(frame: QVideoFrame) -> None:
            if frame.isValid():
                frames.append((frame.width(), frame.height()))
                loop.quit()

        def on_error(_error: QMediaPlayer.Error, text: str) -> None:
            errors.append(text)
            loop.quit()

        sink.videoFrameChanged.connect(on_frame)
        player.errorOccurred.connect(on_error)
        QTimer.singleShot(int(PLAYBACK_TIMEOUT_S * 1000), loop.quit)
        started = time.monotonic()
        player.setSource(QUrl.fromLocalFile(str(clip)))
        player.play()
        if not frames and not errors:
            loop.exec()
        player.stop()
        player.setSource(QUrl())
        if not frames:
            why = errors[0] if errors else f"no picture within {PLAYBACK_TIMEOUT_S:.0f} s"
            raise RuntimeError(f"QtMultimedia cannot play videos ({why}): its FFmpeg plugin may be missing")
        width, height = frames[0]
        return f"H.264 {width}x{height}, first frame after {time.monotonic() - started:.2f} s"


def _welsh_problems() -> list[str]:
    from ui.i18n import Translations, translate

    with tempfile.TemporaryDirectory(prefix="voicebooth-i18n-") as tmp:
        translations = Translations(Path(tmp))
        try:
            loaded = translations.set_locale("cy")
            welsh = translate("MainWindow", "&Next")
        finally:
            translations.set_locale("en")
    if not loaded or welsh == "&Next":
        return ["the Welsh translation is missing from this build"]
    return []


def run_self_test(cli_values: Mapping[str, object], *, devices: bool = False) -> int:
    """Run every check, print the report, return the exit code (0 when nothing failed).

    With ``devices`` (``--self-test --devices``) the camera and microphone also record for 3 s
    (:mod:`recorder.selftest.capture`).
    """
    started = time.monotonic()
    try:
        config = load_config(command_line=cli_values)
    except ConfigError as error:
        print(f"Voicebooth self-test cannot start: {error}", file=sys.stderr)
        return 2
    from recorder.config.registry import WindowsRegistry

    ctx = SelfTestContext(
        config, log_path=current_log_path(), privacy_registry=WindowsRegistry(), environ=os.environ
    )
    checks = core_checks(ctx)
    checks.insert(1, ("Qt", check_qt))
    results = run_checks(checks)
    if devices:
        from recorder.devices import SYSTEM_DEVICES, MonotonicClock
        from recorder.selftest.capture import device_capture_results

        video_uri, audio_uri = config.text("video_uri"), config.text("audio_uri")
        size = config.video_size
        results += device_capture_results(SYSTEM_DEVICES, MonotonicClock(), video_uri, audio_uri, size=size)
    header = f"{report_header()} ({time.strftime('%Y-%m-%d %H:%M:%S %z')})"
    print(format_report(header, results))
    print(f"(took {time.monotonic() - started:.1f} s)")
    return exit_code(results)
