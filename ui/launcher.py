"""The ``voicebooth`` command: headless subcommands go to the core, everything else opens the app.

Kept free of Qt imports at module level so ``voicebooth record`` and ``voicebooth send`` start fast
and work on machines without a display.
"""

from __future__ import annotations

import sys

HEADLESS_COMMANDS = frozenset({"record", "send", "recover"})


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in HEADLESS_COMMANDS:
        from recorder.cli import main as core_main

        return core_main(args)
    from ui.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
