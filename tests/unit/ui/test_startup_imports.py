"""Start-up loads only what the first screen needs; heavy modules come with the pages that use them.

A fresh interpreter runs the app's start-up (``ui.app``: configuration, campaign, icon, theme, the main window
over its flow machine and services) to the painted Welcome screen and reports which modules are loaded. It
then opens the later pages and the outbox, so the same check sees those modules arrive: the list of absent
modules cannot be absent merely because of a misspelt name or a start-up that never ran.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

#: Not needed by the Welcome screen: OpenCV and numpy (device check, recording), QtMultimedia (the player,
#: the microphone), the outbox's network stack, the manifest schema, the review client, ffmpeg-python.
LATER = (
    "cv2",
    "numpy",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "requests",
    "urllib3",
    "jsonschema",
    "ffmpeg",
    "recorder.outbox.outbox",
    "recorder.review.client",
    "ui.pages.device_check",
    "ui.pages.prompt",
    "ui.pages.check_and_send",
)

SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
from recorder.config import FirstExisting
from recorder.flow import Step
from ui.app import load_settings, open_main_window, prepare_application
from ui.i18n import Translations

app = QApplication([])
prepare_application(app)
tmp = Path(tempfile.mkdtemp())
config, campaign = load_settings({"data_dir": str(tmp / "data")}, environ={}, policy_source=FirstExisting([]),
                                 user_settings_path=tmp / "user.toml")
translations = Translations(tmp / "translations")
translations.set_locale("en")
window = open_main_window(config, campaign, translations)
window.show()
window.grab()
report = {"first_page": type(window.current_page).__name__, "at_welcome": sorted(sys.modules)}
for step in (Step.DEVICE_CHECK, Step.PROMPT, Step.CHECK_AND_SEND):
    window.pages[step]
window.ctx.services.outbox()
report["later"] = sorted(sys.modules)
window.ctx.services.close()
print(json.dumps(report))
"""


def test_the_welcome_screen_loads_none_of_the_later_pages_modules(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["first_page"] == "WelcomePage"
    at_welcome, later = set(report["at_welcome"]), set(report["later"])
    assert {"ui.main_window", "ui.pages.welcome", "recorder.flow.session"} <= at_welcome  # it really started
    assert sorted(at_welcome & set(LATER)) == []
    # The same modules do arrive once the pages and the outbox are used (so each name above is real), but
    # for the two that only a manifest check and review mode load.
    missing = sorted(set(LATER) - later - {"jsonschema", "recorder.review.client"})
    assert missing == []
