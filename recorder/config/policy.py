"""Machine policy set by IT: the Windows registry or a TOML file, behind small ports so tests use fakes.

Policy values look like user settings plus one extra key, ``locked``: a list of setting names that user
settings, the environment and the command line may not override. On Windows the policy lives in
``HKLM\\SOFTWARE\\Policies\\Voicebooth`` (REG_SZ / REG_DWORD values named like the settings; ``locked`` a
REG_MULTI_SZ or a comma-separated REG_SZ); elsewhere in ``/etc/voicebooth/policy.toml`` or the platform's
site config dir (``policy.toml``).
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import platformdirs

from recorder.config.keys import APP_NAME, ConfigError

POLICY_REGISTRY_KEY = r"SOFTWARE\Policies\Voicebooth"
POLICY_FILE_NAME = "policy.toml"
ETC_POLICY_PATH = Path("/etc/voicebooth") / POLICY_FILE_NAME


@dataclass(frozen=True)
class Policy:
    """Values IT set, and the keys IT locked. ``where`` names the source for the settings dialog and logs."""

    values: Mapping[str, object] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    where: str = ""


class PolicySource(Protocol):
    def read(self) -> Policy:
        """The current policy (empty when none is set).

        Raises:
            ConfigError: the policy exists but cannot be read (plain English).
        """
        ...


class RegistryPort(Protocol):
    """The one registry operation we need, so tests can use a fake registry."""

    def read_values(self, key_path: str) -> dict[str, object] | None:
        """All values under ``HKEY_LOCAL_MACHINE\\key_path`` by name, or None when the key does not exist."""
        ...


class WinregRegistry:
    """:class:`RegistryPort` over the real Windows registry (64-bit view)."""

    def read_values(self, key_path: str) -> dict[str, object] | None:
        if sys.platform != "win32":
            raise ConfigError("The Windows registry is only available on Windows.")
        import winreg

        try:
            key = winreg.OpenKey(
                winreg.HKEY_LOCAL_MACHINE, key_path, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY
            )
        except FileNotFoundError:
            return None
        values: dict[str, object] = {}
        with key:
            index = 0
            while True:
                try:
                    name, value, _kind = winreg.EnumValue(key, index)
                except OSError:
                    break
                values[str(name)] = value
                index += 1
        return values


def _split_locked(raw: object, where: str) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if isinstance(raw, str):
        items = [part.strip() for part in raw.replace(";", ",").split(",")]
    elif isinstance(raw, list | tuple):
        items = [str(part).strip() for part in raw]
    else:
        raise ConfigError(f"The IT policy in {where} has an invalid 'locked' list.")
    return frozenset(item for item in items if item)


class RegistryPolicy:
    """:class:`PolicySource` reading ``HKLM\\SOFTWARE\\Policies\\Voicebooth`` through a registry port."""

    def __init__(self, registry: RegistryPort, key_path: str = POLICY_REGISTRY_KEY) -> None:
        self._registry = registry
        self._key_path = key_path

    def read(self) -> Policy:
        where = f"HKLM\\{self._key_path}"
        raw = self._registry.read_values(self._key_path)
        if raw is None:
            return Policy(where=where)
        # Registry value names are case-insensitive; IT may write ServerUrl or server_url.
        values = {_normal_name(name): value for name, value in raw.items()}
        locked = _split_locked(values.pop("locked", None), where)
        return Policy(values=values, locked=frozenset(_normal_name(k) for k in locked), where=where)


class FilePolicy:
    """:class:`PolicySource` reading a TOML file; a missing file means no policy."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> Policy:
        where = str(self.path)
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Policy(where=where)
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"The IT policy file {where} cannot be read: {error}") from error
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"The IT policy file {where} is not valid TOML: {error}") from error
        locked = _split_locked(data.pop("locked", None), where)
        return Policy(values=data, locked=locked, where=where)


class FirstExisting:
    """:class:`PolicySource` using the first of several files that exists."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths

    def read(self) -> Policy:
        for path in self.paths:
            if path.exists():
                return FilePolicy(path).read()
        return Policy(where=" or ".join(str(p) for p in self.paths))


def _normal_name(name: str) -> str:
    """``ServerUrl`` / ``server_url`` / ``SERVER_URL`` -> ``server_url``."""
    out = []
    for i, ch in enumerate(name.strip()):
        if ch.isupper() and i and name[i - 1].islower():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def default_policy_source() -> PolicySource:
    """The platform's policy location (registry on Windows, files elsewhere)."""
    if sys.platform == "win32":
        return RegistryPolicy(WinregRegistry())
    site = Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / POLICY_FILE_NAME
    return FirstExisting([ETC_POLICY_PATH, site])
