"""Entry point of the frozen build (``voicebooth`` / ``voicebooth.exe``): the same as the console script.

One extra: ``recorder.demo.server`` starts the intake server as ``sys.executable -c CODE ARGS``. In a
frozen build ``sys.executable`` is this program, which has no ``-c``; so exactly that one known CODE string
is accepted and runs ``voicebooth-server ARGS``. Any other ``-c`` is refused: a general ``-c`` would let
anyone run their own Python under a program that IT allow-listed (AppLocker / WDAC).
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()
    if len(sys.argv) >= 3 and sys.argv[1] == "-c":
        from recorder.demo.server import _server_command

        if sys.argv[2] != _server_command()[2]:
            print("voicebooth: -c is not supported in this build", file=sys.stderr)
            return 2
        from server.cli import main as server_main

        result: int = server_main(sys.argv[3:])
        return result
    from ui.launcher import main as launcher_main

    return launcher_main()


if __name__ == "__main__":
    raise SystemExit(main())
