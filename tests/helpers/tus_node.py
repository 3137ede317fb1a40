"""The reference tus server (@tus/server + @tus/file-store under node) for interoperability tests and bench.

``NodeTusServer.start(directory)`` runs ``tests/node/tus_server.mjs`` on a free port of 127.0.0.1 and
waits for it to listen. Needs node and ``tests/node/node_modules`` (installed by ``./dev``).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers.processes import stop_process

NODE_DIR = Path(__file__).resolve().parents[1] / "node"
SCRIPT = NODE_DIR / "tus_server.mjs"


def node_available() -> str | None:
    """Why the node tus server cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (NODE_DIR / "node_modules" / "@tus" / "server").is_dir():
        return "tests/node/node_modules is missing (run ./dev)"
    return None


@dataclass
class NodeTusServer:
    """A running @tus/server.

    Attributes:
        directory: where @tus/file-store keeps uploads (file name = upload id).
        port: its port on 127.0.0.1.
    """

    directory: Path
    port: int
    process: subprocess.Popen[str] | None = field(default=None, repr=False)

    @classmethod
    def start(cls, directory: Path, port: int = 0, timeout_s: float = 20.0) -> NodeTusServer:
        directory.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(
            ["node", str(SCRIPT), "--dir", str(directory), "--port", str(port)],
            cwd=NODE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + timeout_s
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.startswith("LISTENING "):
                return cls(directory, int(line.split()[1]), process)
            if not line and process.poll() is not None:
                break
        process.kill()
        raise RuntimeError("The node tus server did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def files_url(self) -> str:
        return f"{self.url}/files/"

    def upload_path(self, upload_url: str) -> Path:
        """The stored file of an upload."""
        return self.directory / upload_url.rstrip("/").rsplit("/", 1)[-1]

    def stop(self) -> None:
        stop_process(self.process)
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None

    def restart(self) -> None:
        """Stop and start again on the same port and folder (uploads survive, as with a real restart)."""
        self.stop()
        again = NodeTusServer.start(self.directory, self.port)
        self.process = again.process


@pytest.fixture
def node_tus_server(tmp_path: Path) -> Iterator[NodeTusServer]:
    """@tus/server in ``tmp_path/tus-node`` for one test (skipped with a reason when node is missing)."""
    reason = node_available()
    if reason:
        pytest.skip(reason)
    server = NodeTusServer.start(tmp_path / "tus-node")
    try:
        yield server
    finally:
        server.stop()
