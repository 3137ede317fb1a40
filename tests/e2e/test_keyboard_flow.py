"""The whole support-worker flow, Welcome to Done, driven by the keyboard only, against a real server.

Synthetic camera and microphone, 2 s prompts and a 1 s countdown (through a campaign pack), the real
TakeRecorder/ffmpeg, the real outbox and tus upload to the real intake server on 127.0.0.1 (started through
``voicebooth-server``, as ``voicebooth --demo`` does). Every action is a key press; no mouse events. Then
the server side is checked: the submission is received, the stored manifest is valid and carries what was
typed and agreed, and each clip the review API streams passes ffprobe against the deliverable spec.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.e2e.conftest import Intake
from tests.e2e.driver import KeyboardDriver
from tests.e2e.received import check_received
from tests.helpers.flow_app import make_context, short_campaign
from tests.helpers.qt import StrictLogs
from ui.main_window import MainWindow


@pytest.mark.slow
def test_keyboard_only_welcome_to_done(
    qtbot: QtBot, tmp_path: Path, intake: Intake, strict_logs: StrictLogs
) -> None:
    # Offscreen video output and a player with no sound card say so; not defects of ours.
    strict_logs.expect("No RHI backend|No audio device detected")
    ctx = make_context(
        tmp_path,
        campaign_path=short_campaign(tmp_path, max_duration_s=2, countdown_s=1),
        extra={"server_url": intake.url, "upload_key": intake.upload_key},
    )
    window = MainWindow(ctx, confirm=lambda *_a: pytest.fail("nothing should need confirming"))  # type: ignore[arg-type,return-value]
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    started = time.monotonic()
    driver = KeyboardDriver(window)
    reference = driver.run(name="Sam Jones")
    duration_s = time.monotonic() - started
    print(f"\nkeyboard-only flow Welcome -> Done: {duration_s:.1f} s, {driver.keys_pressed} key presses")
    assert reference in window.current_page.reference_label.text()  # type: ignore[attr-defined]

    detail = check_received(
        intake,
        reference,
        prompt_ids=["love-role", "nhs-better"],
        name="Sam Jones",
        out_dir=tmp_path / "received",
    )
    for take in detail["takes"]:
        assert 1.0 <= take["duration_s"] <= 3.5
    # After the server confirmed, the takes are gone from this (shared) computer.
    submission_dir = ctx.data_dir / "submissions"
    qtbot.waitUntil(lambda: not list(submission_dir.glob("*/takes/*/deliverable.mp4")), timeout=10_000)
    window.current_page.leave()
