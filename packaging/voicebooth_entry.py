"""Entry point of the frozen build (``voicebooth`` / ``voicebooth.exe``): the same as the console script.

The frozen build is the desktop app only: it has no intake server (packaging/trim.py), so
``voicebooth --demo`` says plainly that demo mode belongs to a developer install. A program that IT
allow-listed (AppLocker / WDAC) must not run other Python code either, so ``-c`` is refused.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()
    if len(sys.argv) >= 2 and sys.argv[1] == "-c":
        print("voicebooth: -c is not supported in this build", file=sys.stderr)
        return 2
    from ui.launcher import main as launcher_main

    return launcher_main()


if __name__ == "__main__":
    raise SystemExit(main())
