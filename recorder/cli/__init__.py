"""Headless ``voicebooth`` subcommands: ``record``, ``send`` and ``recover``.

Each subcommand lives in its own module and registers itself through :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand -> module with ``add_arguments(parser)`` and ``run(args) -> int``
SUBCOMMANDS = {
    "record": "recorder.cli.record",
    "send": "recorder.cli.send",
    "recover": "recorder.cli.recover",
}


def main(argv: list[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="voicebooth", description="Voicebooth headless commands.")
    sub = parser.add_subparsers(dest="command", required=True)
    # Import only the subcommand asked for, so one command's dependencies never slow another.
    chosen = args_in[0] if args_in and args_in[0] in SUBCOMMANDS else None
    for name in SUBCOMMANDS:
        sub_parser = sub.add_parser(name)
        if name == chosen:
            module = importlib.import_module(SUBCOMMANDS[name])
            module.add_arguments(sub_parser)
    args = parser.parse_args(args_in)
    result: int = importlib.import_module(SUBCOMMANDS[args.command]).run(args)
    return result
