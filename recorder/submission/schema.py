"""Validates a submission manifest against manifest.schema.json (CONTRACTS section 2).

Shared by the recorder app (before sending) and the intake server (on create).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema loads with the first check, not with every importer (the app's start-up)
    from jsonschema import Draft202012Validator

__all__ = ["ManifestError", "manifest_schema", "validate_manifest"]


class ManifestError(ValueError):
    """The manifest does not match the schema; the message is plain English."""


@cache
def manifest_schema() -> dict[str, Any]:
    """Returns the parsed manifest JSON Schema (loaded once)."""
    text = resources.files(__package__).joinpath("manifest.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = manifest_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_manifest(obj: object) -> None:
    """Checks a parsed manifest.

    Args:
        obj: The manifest as parsed from JSON.

    Raises:
        ManifestError: naming the first field that is wrong (never echoing its value,
            which may be personal).
    """
    if not isinstance(obj, dict):
        raise ManifestError("The manifest must be a JSON object.")
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(obj))
    if error is None:
        return
    where = "/".join(str(part) for part in error.absolute_path) or "the manifest"
    raise ManifestError(f"The manifest is not valid at {where}: {error.validator} check failed.")
