"""Start-up time of the app window: fresh interpreter to the Welcome screen painted, offscreen.

Ours: the steps of ``ui.app.run_gui`` up to the first paint: import the app, resolve configuration,
load the campaign pack, icon, theme, accessibility and window behaviour, the flow machine and its
services (English), then build the main window and paint it once. Reference: the same interpreter showing and
painting an empty QMainWindow (the floor Qt itself sets). Median of N runs each, printed with the ratio.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5

OURS = """
import sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from recorder.config import FirstExisting
from recorder.flow.services import FlowServices
from ui.accessibility import install_accessibility
from ui.app import apply_app_icon, build_machine, load_settings
from ui.diagnostics import protect_person_details
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.base import build_context
from ui.tasks import tasks
from ui.theme import apply_theme
from ui.widgets.window_behaviour import install_window_behaviour
apply_app_icon(app)
apply_theme(app)
install_accessibility(app)
install_window_behaviour(app)
tmp = Path(tempfile.mkdtemp())
config, campaign = load_settings({"data_dir": str(tmp)}, environ={}, policy_source=FirstExisting([]),
                                 user_settings_path=tmp / "u.toml")
translations = Translations(tmp / "translations")
translations.set_locale(config.text("locale"))
machine = build_machine(config, campaign)
protect_person_details(machine, config)
services = FlowServices(config)
tasks()
window = MainWindow(build_context(machine, campaign, translations, services), confirm=lambda *a: True)
window.show()
window.grab()
"""

REFERENCE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1024, 760)
window.show()
window.grab()
"""


def time_script(code: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:  # a start-up path that no longer runs must not look fast
            raise SystemExit(f"the timed script failed:\n{done.stderr[-3000:]}")
        return elapsed


def main() -> None:
    time_script(REFERENCE)  # warm the file cache once
    ours = statistics.median(time_script(OURS) for _ in range(RUNS))
    reference = statistics.median(time_script(REFERENCE) for _ in range(RUNS))
    print(f"app start-up to painted Welcome screen: {ours:.3f} s (median of {RUNS})")
    print(f"reference, empty QMainWindow painted:   {reference:.3f} s")
    print(f"ratio ours/reference: {ours / reference:.2f}")


if __name__ == "__main__":
    main()
