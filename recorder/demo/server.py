"""``voicebooth --demo``'s local intake server: the real server in a temporary folder, on a free port.

The demo server is the real intake server (``voicebooth-server``) started on 127.0.0.1 on a free port
with its own temporary data folder and an upload key made for it, so the app's Send works end to end on
one machine. Like a real deployment, it then holds the consent wording of the campaign the app shows
(:meth:`DemoServer.publish_campaign`, ``voicebooth-server add-campaign``), so what the demo sends is checked
against the published wording and review shows it as verified. It runs as a child process through the
server's command-line contract (DESIGN.md "Intake server"): that interface is stable, and the server's
hashing and probing then never compete with the UI thread for the interpreter lock. The window does not
wait for it: :meth:`DemoServer.prepare` gives the address at once, :meth:`DemoServer.start_in_background`
starts the server (and publishes the campaign) on a thread of its own, and the app's outbox asks
:meth:`DemoServer.intake_values` for the upload key when it first opens (waiting for the server then, or
raising a plain-English :class:`DemoError` if it could not start). It is stopped (and
its folder deleted) when the app exits. A demo killed outright cannot delete its folder; the next demo
does (:mod:`recorder.demo.folders`: each folder is locked by its running demo, and folders nobody holds are
removed at start).

The demo is isolated from the person's real Voicebooth: :meth:`DemoServer.settings` has no machine policy,
no user settings and the demo's own data folder in its temporary folder, so the demo's outbox never lands
in the user's data folder (where the real app would later retry it to a server that no longer exists), and
a policy that locks the server or the devices cannot send the demo's test pictures anywhere else.
"""

from __future__ import annotations

import http.client
import importlib.util
import logging
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

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
    #: Set once the start finished, well or not (``_failure`` then says why not).
    _ready: threading.Event = field(default_factory=threading.Event, repr=False)
    _failure: DemoError | None = field(default=None, repr=False)
    #: Set by :meth:`stop`; a start still under way then starts no server.
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    @classmethod
    def prepare(cls, root: Path | None = None) -> DemoServer:
        """The demo's folder and address, at once; no server runs yet (:meth:`launch` starts it).

        Raises:
            DemoError: the server package is missing.
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
        return cls(
            root=root,
            url=f"http://127.0.0.1:{free_port()}",
            upload_key="",
            log_path=root / "server.log",
            owner=owner,
        )

    @classmethod
    def start(cls, root: Path | None = None, *, timeout_s: float = STARTUP_TIMEOUT_S) -> DemoServer:
        """Create the data folder and upload key, start the server and wait until it answers.

        Raises:
            DemoError: the server package is missing, or the server did not start in time.
        """
        server = cls.prepare(root)
        try:
            server.launch(timeout_s)
        except BaseException:  # DemoError, or the app being stopped meanwhile: nothing is left behind
            server.stop()
            raise
        server._ready.set()
        return server

    def launch(self, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        """Create the upload key, start the server on the prepared address and wait until it answers.

        On Linux the server gets SIGTERM when the thread that calls this ends (see :func:`_stop_with_parent`).

        Raises:
            DemoError: the server did not start in time, or :meth:`stop` was called meanwhile.
        """
        server_data = self.root / "server"
        server_data.mkdir(parents=True, exist_ok=True)
        self.upload_key = self._make_upload_key(server_data)
        port = self.url.rsplit(":", 1)[1]
        assert self.log_path is not None
        with self._lock:
            if self._stopping.is_set():
                raise DemoError("The demo was closed before its server started.")
            with self.log_path.open("wb") as log_file:
                self.process = subprocess.Popen(
                    _server_command(
                        "serve", "--data", str(server_data), "--host", "127.0.0.1", "--port", port
                    ),
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None,
                )
        self._wait_ready(timeout_s)
        log.info("Demo intake server at %s (data in %s)", self.url, server_data)

    def start_in_background(self, campaign_pack: str | Path, *, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        """:meth:`launch` and :meth:`publish_campaign` on a thread of their own, so the window need not wait.

        A failure is logged and kept for :meth:`intake_values`. The thread lives until :meth:`stop`: on
        Linux the server is tied to the thread that started it.
        """

        def run() -> None:
            try:
                self.launch(timeout_s)
                self.publish_campaign(campaign_pack)
            except DemoError as error:
                self._failure = error
            except Exception as error:  # e.g. an OSError creating the folder: still a plain sentence
                self._failure = DemoError(f"The demo server could not start: {error}")
            finally:
                self._ready.set()
            if self._failure is not None and not self._stopping.is_set():
                log.error("The demo server did not start; the app cannot send: %s", self._failure)
                print(
                    f"The demo server did not start, so the app cannot send: {self._failure}", file=sys.stderr
                )
            self._stopping.wait()

        self._thread = threading.Thread(target=run, name="demo server", daemon=True)
        self._thread.start()

    def intake_values(self, timeout_s: float = 2 * STARTUP_TIMEOUT_S) -> dict[str, object]:
        """The server's address and upload key, once it answers (waits while it starts; any thread).

        Raises:
            DemoError: the server did not start (plain English, naming its log).
        """
        if not self._ready.wait(timeout_s):
            raise DemoError("The demo server is still starting. Please try again in a moment.")
        if self._failure is not None:
            raise self._failure
        return {"server_url": self.url, "upload_key": self.upload_key}

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
            # Any HTTP answer (a 404 for an unknown reference) means the server is listening. http.client,
            # not requests: this runs while the window starts, and need not load requests for it.
            connection = http.client.HTTPConnection("127.0.0.1", int(self.url.rsplit(":", 1)[1]), timeout=1.0)
            try:
                connection.request("GET", "/api/v1/status/VB-DEMO-0000")
                connection.getresponse().read()
                return
            except (OSError, http.client.HTTPException):
                time.sleep(0.1)
            finally:
                connection.close()
        raise DemoError(f"The demo server did not answer within {timeout_s:.0f} s; see {self.log_path}")

    @property
    def app_data_dir(self) -> Path:
        return self.root / "app"

    def config_values(self) -> dict[str, object]:
        """Command-line layer values that point the app at this server and the synthetic devices.

        The upload key is among them once the server has started (else see :meth:`intake_values`).
        """
        values: dict[str, object] = {
            "server_url": self.url,
            "video_uri": "synthetic:",
            "audio_uri": "synthetic:",
            "data_dir": str(self.app_data_dir),
        }
        if self.upload_key:
            values["upload_key"] = self.upload_key
        return values

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
        """Stop the server (or its start) and delete the demo folder (safe to call twice)."""
        with self._lock:  # from here on a start under way starts no server
            self._stopping.set()
            process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        self.process = None
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(
                STARTUP_TIMEOUT_S
            )  # it may be creating the upload key: not into a deleted folder
        if self.owner is not None:
            self.owner.release()
        shutil.rmtree(self.root, ignore_errors=True)
