"""Stopping a helper process politely, then firmly."""

from __future__ import annotations

import subprocess


def stop_process(
    process: subprocess.Popen[bytes] | subprocess.Popen[str] | None, timeout_s: float = 10
) -> None:
    """SIGTERM, then SIGKILL after ``timeout_s``; nothing when the process has already ended."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
