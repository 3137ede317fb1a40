"""Merging the configuration layers into one :class:`Config` that knows where each value came from.

Layers, lowest first (DESIGN.md "Configuration"): built-in defaults < campaign pack < machine policy <
user settings < environment (``VOICEBOOTH_*``) < command line. Policy can lock keys: a locked key keeps
its policy value whatever the higher layers say (they are ignored and listed in :attr:`Config.problems`).
Invalid values in a layer are skipped with a plain-English problem, so one bad line never stops the app;
only invalid command-line values raise, because the person typing them is there to read the error.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from recorder.config.keys import KEYS, ConfigError, default_data_dir, parse_value
from recorder.config.policy import Policy, PolicySource, default_policy_source
from recorder.config.user_settings import default_user_settings_path, read_user_settings, write_user_settings

ENV_PREFIX = "VOICEBOOTH_"
NETWORK_KEYS = (
    "server_url",
    "upload_key",
    "proxy",
    "pac_url",
    "ca_bundle",
    "chunk_size_bytes",
    "relax_x509_strict",
)


class Layer(enum.IntEnum):
    """Where a value came from; a higher number wins."""

    DEFAULT = 1
    CAMPAIGN = 2
    POLICY = 3
    USER = 4
    ENVIRONMENT = 5
    COMMAND_LINE = 6


@dataclass(frozen=True)
class Entry:
    """A resolved value and its provenance."""

    key: str
    value: object
    layer: Layer
    locked: bool = False
    secret: bool = False

    @property
    def shown(self) -> str:
        """The value as it may be displayed or logged (secrets masked)."""
        if self.secret:
            return "(set)" if self.value else "(not set)"
        return str(self.value)


@dataclass
class Config:
    """Resolved configuration. Read typed values with :meth:`text`, :meth:`integer`, :meth:`flag`.

    Attributes:
        entries: key -> resolved entry (every key in :data:`recorder.config.keys.KEYS`).
        layers: layer -> the valid values that layer set (for the settings dialog and for saving).
        policy: the machine policy read (values, locked keys and where from).
        problems: plain-English notes about skipped values (never containing secrets).
        user_settings_path: where :meth:`save_user_settings` writes.
    """

    entries: dict[str, Entry]
    layers: dict[Layer, dict[str, object]]
    policy: Policy
    problems: list[str] = field(default_factory=list)
    user_settings_path: Path | None = None

    def entry(self, key: str) -> Entry:
        return self.entries[key]

    def value(self, key: str) -> object:
        return self.entries[key].value

    def text(self, key: str) -> str:
        return str(self.entries[key].value)

    def integer(self, key: str) -> int:
        value = self.entries[key].value
        assert isinstance(value, int)
        return value

    def flag(self, key: str) -> bool:
        return bool(self.entries[key].value)

    def layer_of(self, key: str) -> Layer:
        return self.entries[key].layer

    def is_locked(self, key: str) -> bool:
        return self.entries[key].locked

    # Typed shortcuts for the keys most code needs.
    @property
    def data_dir(self) -> Path:
        return Path(self.text("data_dir") or default_data_dir())

    @property
    def video_size(self) -> tuple[int, int]:
        width, height = self.text("video_size").split("x")
        return int(width), int(height)

    def network_values(self) -> dict[str, object]:
        """The settings the sending side needs, by key name (for ``recorder.net``'s settings object).

        Keys: server_url, upload_key, proxy, pac_url, ca_bundle, chunk_size_bytes, relax_x509_strict.
        Empty text means "not set".
        """
        return {key: self.value(key) for key in NETWORK_KEYS}

    def save_user_settings(self, changes: Mapping[str, object]) -> None:
        """Merge ``changes`` into the user layer and write it; policy/env/CLI values are never written.

        Raises:
            ConfigError: a locked key, an invalid value, or the file cannot be written.
        """
        if self.user_settings_path is None:
            raise ConfigError("There is no user settings file to save to.")
        user = dict(self.layers.get(Layer.USER, {}))
        for key, raw in changes.items():
            if key in self.policy.locked:
                raise ConfigError(f"{key} is set by your IT department and cannot be changed.")
            if raw is None:
                user.pop(key, None)
                continue
            user[key] = parse_value(key, raw)
        write_user_settings(self.user_settings_path, user)
        self.layers[Layer.USER] = user
        self.entries, _problems = _merge(self.layers, self.policy)


def load_config(
    *,
    command_line: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
    campaign_settings: Mapping[str, object] | None = None,
    policy_source: PolicySource | None = None,
    user_settings_path: Path | None = None,
) -> Config:
    """Read every layer and merge them.

    Args:
        command_line: values from ``--video``, ``--audio``... (None values are ignored).
        environ: the environment (default ``os.environ``); only known ``VOICEBOOTH_<KEY>`` count.
        campaign_settings: the campaign pack's ``[settings]`` table.
        policy_source: where machine policy comes from (default: the platform's location).
        user_settings_path: the user's TOML file (default: the platform's user config dir).

    Raises:
        ConfigError: an invalid command-line value.
    """
    problems: list[str] = []
    layers: dict[Layer, dict[str, object]] = {
        Layer.DEFAULT: {name: spec.default for name, spec in KEYS.items()}
    }
    layers[Layer.CAMPAIGN] = _valid(campaign_settings or {}, "the campaign pack", problems)
    try:
        policy = (policy_source or default_policy_source()).read()
    except ConfigError as error:
        problems.append(str(error))
        policy = Policy()
    unknown_locks = sorted(policy.locked - set(KEYS))
    if unknown_locks:
        problems.append(f"The IT policy locks unknown settings: {', '.join(unknown_locks)}")
    layers[Layer.POLICY] = _valid(policy.values, f"the IT policy ({policy.where})", problems)
    path = user_settings_path or default_user_settings_path()
    try:
        user_raw = read_user_settings(path)
    except ConfigError as error:
        problems.append(str(error))
        user_raw = {}
    layers[Layer.USER] = _valid(user_raw, "your settings", problems)
    env = os.environ if environ is None else environ
    env_values = {name: env[ENV_PREFIX + name.upper()] for name in KEYS if ENV_PREFIX + name.upper() in env}
    layers[Layer.ENVIRONMENT] = _valid(env_values, "the environment", problems)
    cli: dict[str, object] = {}
    for key, raw in (command_line or {}).items():
        if raw is not None:
            cli[key] = parse_value(key, raw)  # raises: the person typing it should see the error
    layers[Layer.COMMAND_LINE] = cli
    entries, lock_problems = _merge(layers, policy)
    return Config(entries, layers, policy, problems + lock_problems, path)


def _valid(raw: Mapping[str, object], where: str, problems: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in raw.items():
        try:
            out[key] = parse_value(key, value)
        except ConfigError as error:
            problems.append(f"Ignored a setting in {where}: {error}")
    return out


def _merge(
    layers: Mapping[Layer, Mapping[str, object]], policy: Policy
) -> tuple[dict[str, Entry], list[str]]:
    entries: dict[str, Entry] = {}
    problems: list[str] = []
    for key, spec in KEYS.items():
        locked = key in policy.locked and key in layers.get(Layer.POLICY, {})
        chosen = Entry(key, spec.default, Layer.DEFAULT, secret=spec.secret)
        for layer in Layer:
            values = layers.get(layer, {})
            if key not in values:
                continue
            if locked and layer > Layer.POLICY:
                problems.append(
                    f"{key} is set by your IT department; the value from {layer.name.lower()} is ignored."
                )
                continue
            chosen = Entry(key, values[key], layer, locked=locked, secret=spec.secret)
        entries[key] = chosen
    return entries, problems
