"""The ``voicebooth`` command: headless subcommands go to the core, everything else opens the app.

Kept free of Qt imports at module level so ``voicebooth record`` and ``voicebooth send`` start fast
and work on machines without a display.
"""

from __future__ import annotations

import logging
import sys

HEADLESS_COMMANDS = frozenset({"record", "send", "recover"})


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from recorder.logs import install_excepthooks, setup_logging
    from recorder.private import owner_only_umask

    owner_only_umask()  # before the first file (the log): every file the app and its ffmpeg make is 0600

    # Every run logs to the user's log file, redacted (IT-GUIDE.md "Logs"); commands and the self-test
    # keep the console for their own output and show only warnings there.
    quiet = bool(args and args[0] in HEADLESS_COMMANDS) or "--self-test" in args or "--self-test-qt" in args
    setup_logging(console_level=logging.WARNING if quiet else logging.INFO)
    install_excepthooks()
    if args and args[0] in HEADLESS_COMMANDS:
        from recorder.cli import main as core_main

        return core_main(args)
    from ui.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
