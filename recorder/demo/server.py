"""``voicebooth --demo``'s local intake server: the real server in a temporary folder, on a free port.

The demo server is the real intake server (``voicebooth-server``) started on 127.0.0.1 on a free port
with its own temporary data folder and an upload key made for it, so the app's Send works end to end on
one machine. Like a real deployment, it then holds the consent wording of the campaign the app shows
(:meth:`DemoServer.publish_campaign`, ``voicebooth-server add-campaign``), so what the demo sends is checked
against the published wording and review shows it as verified. It runs as a child process through the
server's command-line contract (DESIGN.md "Intake server"): that interface is stable, and the server's
hashing and probing then never compete with the UI thread for the interpreter lock. It is stopped (and
its folder deleted) when the app exits. A demo killed outright cannot delete its folder; the next demo
does (:mod:`recorder.demo.folders`: each folder is locked by its running demo, and folders nobody holds are
removed at start).

The demo is isolated from the person's real Voicebooth: :meth:`DemoServer.settings` has no machine policy,
no user settings and the demo's own data folder in its temporary folder, so the demo's outbox never lands
in the user's data folder (where the real app would later retry it to a server that no longer exists), and
a policy that locks the server or the devices cannot send the demo's test pictures anywhere else.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import requests

from recorder.demo.folders import DemoFolder, remove_stale

if TYPE_CHECKING:
    from recorder.config import Config

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_S = 30.0


class DemoError(Exception):
    """The demo could not start or finish; ``str(error)`` is plain English."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _stop_with_parent() -> None:
    """In the server child (Linux): get SIGTERM when the app dies, even by SIGKILL, so no server is left.

    The kernel sends it when the thread that started the server ends, so start it from the main thread.
    """
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _server_command(*args: str) -> list[str]:
    """``voicebooth-server ARGS`` with this interpreter (a developer install: the package has no server)."""
    code = "import sys; from server.cli import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", code, *args]


@dataclass
class DemoServer:
    """A running local intake server for the demo.

    Attributes:
        root: temporary folder holding the server's data and the app's demo data.
        url: base URL, e.g. ``http://127.0.0.1:PORT``.
        upload_key: the key the app sends with (never logged).
    """

    root: Path
    url: str
    upload_key: str
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    log_path: Path | None = None
    owner: DemoFolder | None = field(default=None, repr=False)

    @classmethod
    def start(cls, root: Path | None = None, *, timeout_s: float = STARTUP_TIMEOUT_S) -> DemoServer:
        """Create the data folder and upload key, start the server and wait until it answers.

        Raises:
            DemoError: the server package is missing, or the server did not start in time.
        """
        if importlib.util.find_spec("server") is None:  # the installed desktop package has no server
            raise DemoError(
                "Demo mode needs the intake server, which this installation does not include "
                "(it is part of the developer install: ./dev demo)."
            )
        owner: DemoFolder | None = None
        if root is None:  # a temporary folder of our own; first remove those of demos that were killed
            remove_stale()
            owner = DemoFolder()
            root = owner.path
        server_data = root / "server"
        try:
            server_data.mkdir(parents=True, exist_ok=True)
            key = cls._make_upload_key(server_data)
        except BaseException:  # DemoError, or the app being stopped meanwhile
            if owner is not None:
                owner.release()
                shutil.rmtree(root, ignore_errors=True)  # nothing of a failed start is left behind
            raise
        port = free_port()
        log_path = root / "server.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(
                _server_command(
                    "serve", "--data", str(server_data), "--host", "127.0.0.1", "--port", str(port)
                ),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None,
            )
        server = cls(
            root=root,
            url=f"http://127.0.0.1:{port}",
            upload_key=key,
            process=process,
            log_path=log_path,
            owner=owner,
        )
        try:
            server._wait_ready(timeout_s)
            log.info("Demo intake server at %s (data in %s)", server.url, server_data)
        except BaseException:  # DemoError, or the app being stopped meanwhile: no server is left behind
            server.stop()
            raise
        return server

    @staticmethod
    def _make_upload_key(server_data: Path) -> str:
        result = subprocess.run(
            _server_command("add-upload-key", "demo", "--data", str(server_data)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        lines = result.stdout.strip().splitlines()
        if result.returncode != 0 or not lines:
            detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise DemoError(f"The demo server could not create an upload key: {detail}")
        return lines[-1].strip()

    def publish_campaign(self, pack: str | Path) -> None:
        """Publish the consent wording of the campaign pack the app uses (``voicebooth-server add-campaign``).

        Raises:
            DemoError: the server refused the pack (the message says why).
        """
        result = subprocess.run(
            _server_command("add-campaign", str(pack), "--data", str(self.root / "server")),
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise DemoError(f"The demo server could not publish the campaign's consent wording: {detail}")

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise DemoError(f"The demo server stopped at start-up; see {self.log_path}")
            try:
                # Any HTTP answer (a 404 for an unknown reference) means the server is listening.
                requests.get(f"{self.url}/api/v1/status/VB-DEMO-0000", timeout=1.0)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise DemoError(f"The demo server did not answer within {timeout_s:.0f} s; see {self.log_path}")

    @property
    def app_data_dir(self) -> Path:
        return self.root / "app"

    def config_values(self) -> dict[str, object]:
        """Command-line layer values that point the app at this server and the synthetic devices."""
        return {
            "server_url": self.url,
            "upload_key": self.upload_key,
            "video_uri": "synthetic:",
            "audio_uri": "synthetic:",
            "data_dir": str(self.app_data_dir),
        }

    def settings(self, command_line: Mapping[str, object]) -> Config:
        """The configuration of the demo's in-process commands (a :data:`recorder.cli.SettingsLoader`).

        Defaults, the campaign and the environment as usual, but no machine policy and no user settings
        (as the GUI demo), and the data folder is the demo's own unless the command names one.
        """
        from recorder.config import FirstExisting, load_config

        values = dict(command_line)
        if values.get("data_dir") is None:
            values["data_dir"] = str(self.app_data_dir)
        return load_config(
            command_line=values,
            policy_source=FirstExisting([]),
            user_settings_path=self.root / "settings.toml",
        )

    def stop(self) -> None:
        """Stop the server and delete the demo folder (safe to call twice)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        if self.owner is not None:
            self.owner.release()
        shutil.rmtree(self.root, ignore_errors=True)
