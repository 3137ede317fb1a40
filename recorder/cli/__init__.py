"""Headless ``voicebooth`` subcommands: ``record``, ``send`` and ``recover``.

Each subcommand lives in its own module and registers itself through :data:`SUBCOMMANDS`. A subcommand
reads its configuration through :func:`settings_of` (every layer by default); a caller running the
commands in-process for its own purposes (the headless demo) passes another :data:`SettingsLoader` to
:func:`main`, e.g. one without machine policy and user settings.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder.config import Config

#: subcommand -> module with ``add_arguments(parser)`` and ``run(args) -> int``
SUBCOMMANDS = {
    "record": "recorder.cli.record",
    "send": "recorder.cli.send",
    "recover": "recorder.cli.recover",
}

#: How a subcommand reads its configuration: its command-line values in, the merged configuration out.
#: Raises ``ConfigError`` for an invalid command-line value.
SettingsLoader = Callable[[Mapping[str, object]], "Config"]


def all_layers(command_line: Mapping[str, object]) -> Config:
    """Every layer (defaults, machine policy, user settings, environment, command line): a person's run."""
    from recorder.config import load_config

    return load_config(command_line=command_line)


def settings_of(args: argparse.Namespace) -> SettingsLoader:
    """The settings loader :func:`main` gave this run (every layer when called some other way)."""
    loader: SettingsLoader = getattr(args, "settings", all_layers)
    return loader


def main(argv: list[str] | None = None, *, settings: SettingsLoader = all_layers) -> int:
    """Run one subcommand; returns its exit code.

    Args:
        argv: the arguments after ``voicebooth`` (default: ``sys.argv[1:]``).
        settings: how the subcommand reads its configuration (default: every layer).
    """
    from recorder.private import owner_only_umask

    owner_only_umask()  # recordings, manifests and the outbox are personal data: 0600 files, 0700 folders
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
    args.settings = settings
    result: int = importlib.import_module(SUBCOMMANDS[args.command]).run(args)
    return result
