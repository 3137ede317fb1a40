"""File helpers shared by take folders and submissions: atomic JSON writes and the SHA-256 of a file."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_json_atomic(path: Path, data: Any, *, sort_keys: bool = True, ensure_ascii: bool = True) -> None:
    """Writes ``data`` as JSON to ``path`` so that readers see either the old or the new file, never half.

    The text goes to a temporary file in the same folder, is flushed and fsynced, then renamed over
    ``path``; on any failure the temporary file is removed and ``path`` is untouched.

    Args:
        path: the file to (re)write; its folder must exist.
        data: any JSON-serialisable value.
        sort_keys: sort object keys (stable diffs for journals).
        ensure_ascii: escape non-ASCII characters (False keeps names readable, e.g. in a manifest).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sha256_file(path: Path) -> str:
    """SHA-256 hex of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
