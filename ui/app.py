"""Start-up of the desktop app: options, configuration, campaign, language, look, then the main window.

``voicebooth`` opens the support-worker flow; ``--demo`` uses synthetic camera and microphone and an
embedded local intake server in a temporary folder; ``--review`` opens review mode; ``--video``/``--audio``
choose sources. Without a display, ``--demo`` runs a headless demo instead (records one short take per
prompt and sends it), because an invisible window helps nobody.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from recorder.campaign import Campaign, CampaignError, load_campaign
from recorder.config import Config, ConfigError, PolicySource, load_config
from recorder.config.keys import APP_NAME
from recorder.flow import FlowMachine
from recorder.media import ffmpeg_binary
from ui.display import has_display

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ui.i18n import Translations
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: The app icon (packaging ships the same file; Qt's SVG icon engine draws it at any size).
ICON_PATH = Path(__file__).resolve().parent.parent / "resources" / "icons" / "voicebooth.svg"


@dataclass(frozen=True)
class Options:
    """Parsed command line."""

    demo: bool
    review: bool
    cli_values: dict[str, object]
    self_test: bool = False
    self_test_qt: bool = False
    check_campaign: str | None = None
    self_test_devices: bool = False


def parse_args(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(prog="voicebooth", description="Record and send short staff videos.")
    parser.add_argument("--demo", action="store_true", help="synthetic camera and microphone, local server")
    parser.add_argument("--review", action="store_true", help="open review mode (for network leads)")
    parser.add_argument("--video", metavar="URI", help="camera:N, file:PATH or synthetic:")
    parser.add_argument("--audio", metavar="URI", help="mic:NAME, mic:default, file:PATH or synthetic:")
    parser.add_argument("--locale", choices=("en", "cy"), help="language: en (English) or cy (Cymraeg)")
    parser.add_argument("--server", metavar="URL", help="intake server address")
    parser.add_argument("--campaign-pack", metavar="PATH_OR_URL", help="campaign pack folder, file or URL")
    parser.add_argument("--data-dir", metavar="DIR", help="where recordings and the outbox are kept")
    parser.add_argument("--self-test", action="store_true", help="check this installation, print a report")
    parser.add_argument("--self-test-qt", action="store_true", help=argparse.SUPPRESS)  # its Qt child
    parser.add_argument(
        "--check-campaign", metavar="PATH", help="check a campaign pack and explain each mistake, then exit"
    )
    parser.add_argument(
        "--devices",
        action="store_true",
        help="with --self-test: record 3 s from the camera and microphone and report frame rate, dropped "
        "frames and sound level",
    )
    ns = parser.parse_args(argv)
    if ns.devices and not ns.self_test:
        parser.error("--devices goes with --self-test (voicebooth --self-test --devices)")
    values: dict[str, object] = {
        "video_uri": ns.video,
        "audio_uri": ns.audio,
        "locale": ns.locale,
        "server_url": ns.server,
        "campaign_pack": ns.campaign_pack,
        "data_dir": ns.data_dir,
    }
    return Options(
        demo=ns.demo,
        review=ns.review,
        cli_values={k: v for k, v in values.items() if v is not None},
        self_test=ns.self_test,
        self_test_qt=ns.self_test_qt,
        check_campaign=ns.check_campaign,
        self_test_devices=ns.devices,
    )


def load_settings(
    cli_values: Mapping[str, object],
    *,
    environ: Mapping[str, str] | None = None,
    policy_source: PolicySource | None = None,
    user_settings_path: Path | None = None,
) -> tuple[Config, Campaign]:
    """Resolve configuration and load the campaign pack it names (the pack adds its own defaults).

    Raises:
        ConfigError: an invalid command-line value.
        CampaignError: the campaign pack cannot be used.
    """
    first = load_config(
        command_line=cli_values,
        environ=environ,
        policy_source=policy_source,
        user_settings_path=user_settings_path,
    )
    campaign = load_campaign(first.text("campaign_pack") or None)
    config = load_config(
        command_line=cli_values,
        environ=environ,
        campaign_settings=campaign.settings,
        policy_source=policy_source,
        user_settings_path=user_settings_path,
    )
    for problem in config.problems:
        log.warning("Configuration: %s", problem)
    # The ffmpeg setting applies to the live encode, finishing and the take check alike.
    ffmpeg_binary.configure(config.text("ffmpeg"))
    return config, campaign


def build_machine(config: Config, campaign: Campaign) -> FlowMachine:
    """The flow machine for this campaign, starting at recovery when a crash left answers behind."""
    from recorder.flow.saved import find_sessions
    from recorder.takes.recovery import find_interrupted

    interrupted = False
    try:
        interrupted = bool(find_sessions(config.data_dir) or find_interrupted(config.data_dir))
    except OSError as error:
        log.warning("Could not look for interrupted recordings: %s", error)
    machine = FlowMachine(
        campaign.prompt_ids,
        countdown_enabled=config.integer("countdown_s") > 0,
        start_with_recovery=interrupted,
    )
    machine.model.locale = config.text("locale")
    return machine


def main(argv: list[str]) -> int:
    """Run the app; returns the process exit code (logging is set up by :mod:`ui.launcher`)."""
    options = parse_args(argv)
    if options.check_campaign is not None:
        from recorder.cli.check_campaign import check_campaign

        return check_campaign(options.check_campaign)
    if options.self_test or options.self_test_qt:
        from ui.selftest import qt_child_main, run_self_test

        return (
            qt_child_main()
            if options.self_test_qt
            else run_self_test(options.cli_values, devices=options.self_test_devices)
        )
    if options.demo:
        return run_demo(options)
    if not has_display(os.environ):
        print(
            "Voicebooth needs a screen, and none was found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
            "Run it on a desktop, or try `voicebooth --demo` for a headless demonstration.",
            file=sys.stderr,
        )
        return 2
    try:
        config, campaign = load_settings(options.cli_values)
    except (ConfigError, CampaignError) as error:
        print(f"Voicebooth cannot start: {error}", file=sys.stderr)
        return 2
    return run_gui(options, config, campaign)


def run_demo(options: Options) -> int:
    """``--demo``: synthetic devices and a local server; isolated from machine policy and user settings.

    The window does not wait for the server: it starts behind it, and the outbox waits for it (or says
    plainly that it could not start) when the person first sends.
    """
    from recorder.config import FirstExisting
    from recorder.demo.server import DemoError, DemoServer

    if not has_display(os.environ):
        from recorder.demo.headless import run_headless_demo

        return run_headless_demo()
    remember_stop_signals()  # a stop before the window is up still stops the server and deletes its folder
    try:
        server = DemoServer.prepare()
    except DemoError as error:
        print(f"The demo could not start: {error}", file=sys.stderr)
        return 1
    try:
        if stop_requested():
            return 0
        values = {**options.cli_values, **server.config_values()}
        config, campaign = load_settings(
            values, policy_source=FirstExisting([]), user_settings_path=server.root / "settings.toml"
        )
        # As IT would, the server then holds the consent wording people see (published once it runs).
        server.start_in_background(campaign.source)
        return run_gui(options, config, campaign, intake=server.intake_values)
    except DemoError as error:
        print(f"The demo could not start: {error}", file=sys.stderr)
        return 1
    except (ConfigError, CampaignError) as error:
        print(f"Voicebooth cannot start: {error}", file=sys.stderr)
        return 2
    finally:
        server.stop()


def apply_app_icon(app: QGuiApplication) -> bool:
    """Give every window of ``app`` the Voicebooth icon (title bar, task bar, window switcher).

    Returns:
        False when the icon could not be drawn (logged; the windows keep the platform's default icon).
    """
    from PySide6.QtGui import QIcon

    icon = QIcon(str(ICON_PATH)) if ICON_PATH.is_file() else QIcon()
    if icon.isNull() or icon.pixmap(32, 32).isNull():
        log.warning("The app icon %s could not be loaded", ICON_PATH)
        return False
    app.setWindowIcon(icon)
    return True


def prepare_application(app: QApplication) -> None:
    """What every window of ``app`` shares: the icon, the theme, accessibility and window behaviour."""
    from ui.accessibility import install_accessibility
    from ui.theme import apply_theme
    from ui.widgets.window_behaviour import install_window_behaviour

    apply_app_icon(app)
    apply_theme(app)
    install_accessibility(app)
    # Every window fits the screen, keeps the focused widget in view and presses a button on Return.
    install_window_behaviour(app)


def open_main_window(
    config: Config,
    campaign: Campaign,
    translations: Translations,
    intake: Callable[[], Mapping[str, object]] | None = None,
) -> MainWindow:
    """The support-worker window over a new flow machine and its services; not shown yet.

    Only the first screen is built (and imported); its services are ``window.ctx.services``. ``intake``
    gives server settings known only later (see :class:`recorder.flow.services.FlowServices`).
    """
    from recorder.flow.services import FlowServices
    from ui.diagnostics import protect_person_details
    from ui.main_window import MainWindow
    from ui.pages.base import build_context
    from ui.tasks import tasks

    machine = build_machine(config, campaign)
    protect_person_details(machine, config)  # never log the person's details or the upload key
    services = FlowServices(
        config, intake=intake
    )  # built once: clock, devices, outbox, Windows registry, settings
    tasks()  # the background-work bridge, parented to the application: drained when it quits
    return MainWindow(build_context(machine, campaign, translations, services))


def run_gui(
    options: Options,
    config: Config,
    campaign: Campaign,
    *,
    intake: Callable[[], Mapping[str, object]] | None = None,
) -> int:
    """Create the QApplication and the window, and run the event loop.

    Args:
        intake: server settings known only later (see :func:`open_main_window`).
    """
    from PySide6.QtWidgets import QApplication

    from ui.i18n import Translations
    from ui.tasks import tasks

    try:
        import truststore

        truststore.inject_into_ssl()  # use the OS certificate store (TLS-inspecting proxies)
    except Exception as error:  # the app still works with certifi's store
        log.warning("Could not use the system certificate store: %s", error)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    quit_on_signals(app)  # from here on SIGTERM/SIGINT end the event loop and clean-up runs
    if stop_requested():  # stopped while starting: no window
        return 0
    prepare_application(app)
    translations = Translations(Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "translations")
    translations.set_locale(config.text("locale"))
    if options.review:
        from ui.review.app import run_review_window

        return run_review_window(app, config)
    window = open_main_window(config, campaign, translations, intake)
    if window.booth:
        window.showFullScreen()
    else:
        window.show()
    # Keyboard users start typing at once: ask for the focus (a window manager may also give it).
    window.raise_()
    window.activateWindow()
    window.resume_unsent()  # submissions queued before the app was closed; stops between chunks on quit
    try:
        return int(app.exec())
    finally:
        tasks().shutdown()
        window.ctx.services.close()


#: Set by a SIGTERM/SIGINT during start-up (:func:`remember_stop_signals`), checked at safe points.
_stop_requested = threading.Event()


def remember_stop_signals() -> None:
    """Until :func:`quit_on_signals` takes over: SIGTERM/SIGINT during start-up ask it to stop.

    The handler only records the request; start-up checks it at safe points (:func:`stop_requested`) and
    returns, so ``finally`` clean-up runs (the demo's server and its temporary folder). It must not raise:
    an exception thrown into an extension module's import (PySide6 loading) can crash the interpreter.
    """

    def stop(signum: int, _frame: object) -> None:
        log.info("Stopping during start-up: received signal %s", signal.Signals(signum).name)
        _stop_requested.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)


def stop_requested() -> bool:
    """True when a SIGTERM/SIGINT arrived during start-up."""
    return _stop_requested.is_set()


def quit_on_signals(app: QCoreApplication) -> None:
    """End the event loop on SIGTERM or SIGINT (log-out, Ctrl+C, a service manager), so clean-up runs.

    The demo's server is then stopped and its folder deleted; a take being recorded stays on disk as it
    is and is offered back at the next start, like after a crash. Qt's event loop holds the interpreter, so
    a timer wakes Python regularly to run the handlers.
    """

    from PySide6.QtCore import QTimer

    def quit_now(signum: int, _frame: object) -> None:
        log.info("Stopping: received signal %s", signal.Signals(signum).name)
        # Posted, not called: a signal that arrives before the event loop runs still ends it at once.
        QTimer.singleShot(0, app.quit)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, quit_now)
    wake = QTimer(app)
    wake.setInterval(200)
    wake.timeout.connect(lambda: None)
    wake.start()
