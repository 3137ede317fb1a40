"""The whole support-worker flow, Welcome to Done, driven by the keyboard only, against a real server.

Synthetic camera and microphone, 2 s prompts and a 1 s countdown (through a campaign pack), the real
TakeRecorder/ffmpeg, the real outbox and tus upload to the real intake server on 127.0.0.1. Afterwards
the server's own API must report a received submission with both takes and the consent given.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from tests.e2e.conftest import Intake
from tests.e2e.driver import KeyboardDriver
from tests.helpers.flow_app import make_context, require_core, short_campaign
from ui.main_window import MainWindow

require_core(
    "recorder.devices:open_video_source",
    "recorder.takes.session:TakeRecorder",
    "recorder.outbox:Outbox",
    "server.cli:main",
)


@pytest.mark.slow
def test_keyboard_only_welcome_to_done(qtbot: QtBot, tmp_path: Path, intake: Intake) -> None:
    ctx = make_context(
        tmp_path,
        campaign_path=short_campaign(tmp_path, max_duration_s=2, countdown_s=1),
        extra={"server_url": intake.url, "upload_key": intake.upload_key},
    )
    window = MainWindow(ctx, confirm=lambda *_a: pytest.fail("nothing should need confirming"))  # type: ignore[arg-type,return-value]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    started = time.monotonic()
    driver = KeyboardDriver(window)
    reference = driver.run()
    duration_s = time.monotonic() - started
    print(f"\nkeyboard-only flow Welcome -> Done: {duration_s:.1f} s, {driver.keys_pressed} key presses")

    status = requests.get(f"{intake.url}/api/v1/status/{reference}", timeout=10)
    assert status.status_code == 200 and status.json()["status"] == "received"
    token = intake.reviewer_token()
    headers = {"Authorization": f"Bearer {token}"}
    listing = requests.get(f"{intake.url}/api/v1/review/submissions", headers=headers, timeout=10).json()
    (item,) = [i for i in listing["items"] if i.get("reference") == reference]
    detail = requests.get(
        f"{intake.url}/api/v1/review/submissions/{item['submission_id']}", headers=headers, timeout=10
    ).json()
    assert [t["prompt_id"] for t in detail["takes"]] == ["love-role", "nhs-better"]
    assert detail["consent"]["choices"] and all(detail["consent"]["choices"].values())
    for take in detail["takes"]:
        assert 1.0 <= take["duration_s"] <= 3.5
