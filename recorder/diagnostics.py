"""The "Copy diagnostics" report: versions, paths, configuration with provenance and the recent log, redacted.

Built without Qt (the UI adds its own section and puts the text on the clipboard). The whole text goes through
:data:`recorder.redact.REDACTOR` last, so keys, passwords, e-mail addresses and the person's details never
leave the PC this way even if a log line or a setting carried them.
"""

from __future__ import annotations

import locale
import platform
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from recorder.config import KEYS, Config, Layer
from recorder.logs import tail_lines
from recorder.redact import REDACTOR, Redactor

LOG_LINES = 300
LAYER_WORDS = {
    Layer.DEFAULT: "default",
    Layer.CAMPAIGN: "campaign pack",
    Layer.POLICY: "IT policy",
    Layer.USER: "user setting",
    Layer.ENVIRONMENT: "environment",
    Layer.COMMAND_LINE: "command line",
}


def build_report(
    config: Config,
    *,
    log_path: Path | None,
    extra_sections: Mapping[str, Sequence[str]] | None = None,
    log_lines: int = LOG_LINES,
    now: datetime | None = None,
    redactor: Redactor = REDACTOR,
) -> str:
    """The diagnostics text for an IT ticket.

    Args:
        config: the running app's configuration.
        log_path: the current log file (its last ``log_lines`` lines are included).
        extra_sections: more ``title -> lines`` (the UI adds Qt facts).
        log_lines: how many log lines to include.
        now: the time stamp to print (tests pin it).
        redactor: what removes secrets and personal details.
    """
    from recorder import __version__

    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S UTC")
    frozen = bool(getattr(sys, "frozen", False))
    out: list[str] = [
        f"Voicebooth diagnostics, {stamp}",
        "Keys, passwords, e-mail addresses and personal details have been removed.",
        "",
    ]
    sections: dict[str, list[str]] = {
        "Program": [
            f"Voicebooth {__version__} ({'installed build' if frozen else 'source tree'})",
            f"Executable: {sys.executable}",
            f"Python {platform.python_version()}; {platform.platform()}; {platform.machine()}",
            f"System locale: {locale.getlocale()[0] or 'unknown'}",
        ],
        "Places": [
            f"Data folder: {config.data_dir}",
            f"User settings: {config.user_settings_path or '(none)'}",
            f"IT policy: {config.policy.where or '(none)'}",
            f"Log file: {log_path or '(none)'}",
        ],
        "Settings (value [where it came from])": [
            f"{key} = {config.entry(key).shown or '(empty)'} [{_origin(config, key)}]" for key in KEYS
        ],
    }
    if config.problems:
        sections["Configuration problems"] = list(config.problems)
    for title, lines in (extra_sections or {}).items():
        sections[title] = list(lines)
    recent = tail_lines(log_path, log_lines) if log_path is not None else []
    sections[f"Last {len(recent)} log lines"] = recent or ["(no log lines)"]
    for title, lines in sections.items():
        out.append(f"== {title}")
        out += [f"  {line}" for line in lines]
        out.append("")
    return redactor.redact("\n".join(out))


def _origin(config: Config, key: str) -> str:
    entry = config.entry(key)
    words = LAYER_WORDS[entry.layer]
    return f"{words}, locked" if entry.locked else words
