"""Fixtures for review-mode UI tests: a real intake server (the default campaign's consent wording
published), an in-memory keyring, the review services and window (offscreen), and helpers that wait for the
window's background work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from recorder.campaign import load_campaign
from recorder.net import NetworkSettings, build_session
from recorder.review import TokenStore
from tests.helpers.qt import StrictLogs, wait_for_all
from tests.helpers.server import IntakeServer
from tests.helpers.server import published_intake_server as intake_server
from tests.integration.review.seed import MemoryKeyring, memory_keyring
from ui.review.services import ReviewServices, build_services
from ui.review.window import ReviewWindow

__all__ = ["intake_server", "memory_keyring"]


@pytest.fixture(autouse=True)
def _machine_has_no_gpu_or_sound_card(strict_logs: StrictLogs) -> None:
    """Every review window has a video player: Qt warns that CI has no GPU and no sound card, and Qt's
    FFmpeg backend warns when a clip still opening is replaced by the next one (moving through the list)."""
    strict_logs.expect("No RHI backend|No audio device detected|Immediate exit requested")


def make_services(server_url: str, export_dir: Path) -> ReviewServices:
    """Review services for a test server, with sessions built like the app's (recorder.net)."""
    settings = NetworkSettings(server_url=server_url, connect_timeout_s=3.0, read_timeout_s=30.0)
    return build_services(
        server_url,
        load_campaign(),
        (build_session(settings), build_session(settings)),
        tokens=TokenStore(),
        export_dir=export_dir,
    )


@pytest.fixture
def services(
    intake_server: IntakeServer, memory_keyring: MemoryKeyring, tmp_path: Path
) -> Iterator[ReviewServices]:
    made = make_services(intake_server.url, tmp_path / "exports")
    try:
        yield made
    finally:
        wait_for_all(20_000)
        made.close()


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Callable[[ReviewServices], ReviewWindow]]:
    """Opens a ReviewWindow for some services (closed and its tasks drained afterwards)."""
    windows: list[ReviewWindow] = []

    def make(services: ReviewServices) -> ReviewWindow:
        window = ReviewWindow(services)
        # Most tests decide without playing the answers; test_unwatched_... checks the question itself.
        window.review_actions.confirm = lambda _title, _question: True
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    wait_for_all(20_000)


def sign_in_through_dialog(qtbot: QtBot, window: ReviewWindow, username: str, password: str) -> None:
    """Types into the sign-in dialog the window opened and presses Enter."""
    qtbot.waitUntil(lambda: window._sign_in is not None and window._sign_in.isVisible(), timeout=10_000)
    dialog = window._sign_in
    assert dialog is not None
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.sign_in_button.click()


def wait_for_list(qtbot: QtBot, window: ReviewWindow, count: int) -> None:
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == count, timeout=20_000)


def open_signed_in(
    qtbot: QtBot,
    open_window: Callable[[ReviewServices], ReviewWindow],
    services: ReviewServices,
    server: IntakeServer,
    count: int,
) -> ReviewWindow:
    """A review window signed in through its own dialog, once its list shows ``count`` submissions."""
    window = open_window(services)
    window.start()
    sign_in_through_dialog(qtbot, window, *server.reviewer)
    wait_for_list(qtbot, window, count)
    return window


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Review UI tests run a media player next to Python threads: if Qt and the GIL ever deadlock, the
    default (signal) timeout can never fire, so these tests use the thread method, which dumps every
    stack and ends the run instead of hanging it."""
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.timeout(150, method="thread"))
