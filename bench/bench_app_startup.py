"""Start-up time of the app window: fresh interpreter to the Welcome screen painted, offscreen.

Ours: import the app, resolve configuration, load the campaign pack, compile/load nothing (English),
build the main window with every page and paint it once. Reference: the same interpreter showing and
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
from ui.app import build_machine, load_settings
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.base import PageContext
from ui.theme import apply_theme
apply_theme(app)
tmp = Path(tempfile.mkdtemp())
config, campaign = load_settings({"data_dir": str(tmp)}, environ={}, policy_source=FirstExisting([]),
                                 user_settings_path=tmp / "u.toml")
ctx = PageContext(build_machine(config, campaign), campaign, config, Translations(tmp), tmp)
window = MainWindow(ctx, confirm=lambda *a: True)
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
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    time_script(REFERENCE)  # warm the file cache once
    ours = statistics.median(time_script(OURS) for _ in range(RUNS))
    reference = statistics.median(time_script(REFERENCE) for _ in range(RUNS))
    print(f"app start-up to painted Welcome screen: {ours:.3f} s (median of {RUNS})")
    print(f"reference, empty QMainWindow painted:   {reference:.3f} s")
    print(f"ratio ours/reference: {ours / reference:.2f}")


if __name__ == "__main__":
    main()
