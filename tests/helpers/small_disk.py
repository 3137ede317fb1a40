"""A real small disk for tests: a tmpfs mounted on a folder for the test's length (needs root with mount
rights; the test is skipped, saying why, elsewhere), and a way for "something else" to fill it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

MIB = 1024 * 1024


@contextlib.contextmanager
def mount_small_disk(folder: Path, size_bytes: int) -> Iterator[Path]:
    """Mounts a tmpfs of ``size_bytes`` on ``folder`` (made if missing) and unmounts it afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_bytes},mode=0700", "tmpfs", str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(path: Path) -> Path:
    """Writes zeros into ``path`` until its file system is full (as another program would)."""
    with path.open("wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * MIB)
            handle.flush()
    assert shutil.disk_usage(path.parent).free < MIB
    return path
