"""The user's own settings file (TOML in the platform's user config dir): read, and write back safely.

Only values the person chose in the app are written; values from policy, the environment or the command
line never are (the caller passes the user layer alone). Writes are atomic (temp file + rename).
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from recorder.config.keys import APP_NAME, KEYS, ConfigError

SETTINGS_FILE_NAME = "settings.toml"


def default_user_settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE_NAME


def read_user_settings(path: Path) -> dict[str, object]:
    """The user's settings, or ``{}`` when the file does not exist.

    Raises:
        ConfigError: the file exists but is unreadable or not valid TOML.
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"Your settings file {path} cannot be read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"Your settings file {path} is damaged ({error}); defaults are used instead."
        ) from error


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def write_user_settings(path: Path, values: Mapping[str, object]) -> None:
    """Replace the settings file with ``values`` (flat: text, whole numbers, true/false).

    Raises:
        ConfigError: an unknown key, or the file cannot be written.
    """
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ConfigError(f"Not Voicebooth settings: {', '.join(unknown)}")
    lines = ["# Voicebooth user settings. Settings set by your IT department are not stored here."]
    lines += [f"{name} = {_toml_value(values[name])}" for name in sorted(values)]
    text = "\n".join(lines) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".toml", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ConfigError(f"Your settings could not be saved to {path}: {error}") from error
