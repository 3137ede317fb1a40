"""Machine policy set by IT: the Windows registry or a TOML file, behind small ports so tests use fakes.

Policy values look like user settings plus one extra key, ``locked``: a list of setting names that user
settings, the environment and the command line may not override. On Windows the policy lives in
``HKLM\\SOFTWARE\\Policies\\Voicebooth`` (REG_SZ / REG_DWORD values named like the settings; ``locked`` a
REG_MULTI_SZ or a comma-separated REG_SZ); elsewhere in ``/etc/voicebooth/policy.toml`` or the platform's
site config dir (``policy.toml``; ``/etc/xdg/Voicebooth`` on Linux,
``/Library/Application Support/Voicebooth`` on macOS).

Registry value names are matched to setting names ignoring case and underscores, so the MSI property names
IT already knows (``SERVERURL``, ``CAMPAIGN``, ``PROXY``, ``UPLOADKEY``...) and ``ServerUrl`` all mean
``server_url``. An empty registry string means "not set" (an installer may leave one behind).
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import platformdirs

from recorder.config.keys import APP_NAME, KEYS, ConfigError
from recorder.config.registry import WindowsRegistry
from recorder.ports import Registry

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

    def __init__(self, registry: Registry, key_path: str = POLICY_REGISTRY_KEY) -> None:
        self._registry = registry
        self._key_path = key_path

    def read(self) -> Policy:
        where = f"HKLM\\{self._key_path}"
        try:
            raw = self._registry.read_values("HKLM", self._key_path)
        except OSError as error:
            raise ConfigError(f"The IT policy in {where} cannot be read: {error}") from error
        if raw is None:
            return Policy(where=where)
        # Registry value names are case-insensitive; IT may write ServerUrl, SERVERURL or server_url.
        values = {
            setting_name(name): value
            for name, value in raw.items()
            if not (isinstance(value, str) and not value.strip())
        }
        locked = _split_locked(values.pop("locked", None), where)
        return Policy(values=values, locked=frozenset(setting_name(k) for k in locked), where=where)


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


def _squashed(name: str) -> str:
    return name.strip().replace("_", "").replace("-", "").lower()


#: ``serverurl`` -> ``server_url`` for every setting, plus the ``locked`` list itself.
_BY_SQUASHED = {_squashed(name): name for name in (*KEYS, "locked")}


def setting_name(name: str) -> str:
    """The setting a registry value name means: ``SERVERURL``, ``ServerUrl`` or ``server_url`` is server_url.

    Unknown names come back lower-cased, so the configuration's problem list can name them.
    """
    return _BY_SQUASHED.get(_squashed(name), name.strip().lower())


def site_policy_path() -> Path:
    """``policy.toml`` in the platform's site config dir (honours ``XDG_CONFIG_DIRS`` on Linux)."""
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / POLICY_FILE_NAME


def default_policy_source(platform: str | None = None, registry: Registry | None = None) -> PolicySource:
    """The platform's policy location: the registry on Windows, else ``/etc/voicebooth`` then the site dir.

    Args:
        platform: ``sys.platform`` value to decide for (tests pass ``"win32"``).
        registry: the registry port to read on Windows (default: the real registry).
    """
    if (platform or sys.platform) == "win32":
        return RegistryPolicy(registry or WindowsRegistry())
    return FirstExisting([ETC_POLICY_PATH, site_policy_path()])
