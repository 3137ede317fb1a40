"""Layered configuration with provenance: defaults < campaign < policy < user < environment < command line.

Use :func:`load_config`; every :class:`Entry` knows its :class:`Layer` and whether IT locked it.
"""

from recorder.config.keys import KEYS, ConfigError, KeySpec, Kind, parse_value
from recorder.config.policy import (
    FilePolicy,
    FirstExisting,
    Policy,
    PolicySource,
    RegistryPolicy,
)
from recorder.config.resolve import ENV_PREFIX, Config, Entry, Layer, load_config

__all__ = [
    "ENV_PREFIX",
    "KEYS",
    "Config",
    "ConfigError",
    "Entry",
    "FilePolicy",
    "FirstExisting",
    "KeySpec",
    "Kind",
    "Layer",
    "Policy",
    "PolicySource",
    "RegistryPolicy",
    "load_config",
    "parse_value",
]
