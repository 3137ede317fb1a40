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
    parser = argparse.ArgumentParser(prog="voicebooth", description="Voicebooth headless commands.")
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, module_name in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        modules[name] = module
        module.add_arguments(sub.add_parser(name, help=module.__doc__.splitlines()[0] if module.__doc__ else None))
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    result: int = modules[args.command].run(args)
    return result
