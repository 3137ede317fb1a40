"""The headless demo is isolated from the person's real Voicebooth.

It records and sends through ``voicebooth record``/``send`` run in-process, and those read configuration.
Here the "real" Voicebooth of this (fake) home has a user data folder, user settings naming another data
folder, and machine policy that locks the server address and the data folder. The demo must still send
to its own local server and leave nothing in any of those folders: no outbox, no submission, nothing the
real app would later try to send to a demo server that is gone.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs
import pytest

from recorder.cli import all_layers
from recorder.config.policy import site_policy_path
from recorder.config.user_settings import default_user_settings_path
from recorder.demo.headless import run_headless_demo
from recorder.demo.server import DemoServer
from tests.helpers.qt import StrictLogs
from tests.helpers.qt import strict_logs as strict_logs  # the fixture


@pytest.fixture
def real_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with a real-looking Voicebooth set-up (every platformdirs location under ``tmp_path``)."""
    home = tmp_path / "home"
    for name, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_CONFIG_DIRS", "etc-xdg"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    for name in [n for n in os.environ if n.startswith("VOICEBOOTH_")]:
        monkeypatch.delenv(name)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))  # the demo's temporary folder goes here
    policy = site_policy_path()
    policy.parent.mkdir(parents=True)
    policy.write_text(
        f'server_url = "http://127.0.0.1:9"\ndata_dir = "{home / "it-data"}"\n'
        'locked = ["server_url", "data_dir"]\n',
        encoding="utf-8",
    )
    settings = default_user_settings_path()
    settings.parent.mkdir(parents=True)
    settings.write_text(f'data_dir = "{home / "my-data"}"\n', encoding="utf-8")
    # The set-up is really in force for a command the person runs.
    config = all_layers({"data_dir": str(home / "elsewhere")})
    assert config.data_dir == home / "it-data" and config.text("server_url") == "http://127.0.0.1:9"
    return home


def _left_in(home: Path) -> list[Path]:
    """Everything under the person's data folders (the default one, theirs, IT's)."""
    folders = [
        Path(platformdirs.user_data_dir("Voicebooth", appauthor=False)),
        home / "my-data",
        home / "it-data",
    ]
    return [p for folder in folders if folder.exists() for p in folder.rglob("*")] + [
        folder for folder in folders if folder.exists()
    ]


@pytest.mark.slow
def test_a_headless_demo_leaves_nothing_in_the_persons_folders(
    real_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_headless_demo(take_s=1) == 0
    out = capsys.readouterr().out
    assert re.search(r"Sent\. Reference code: VB-[A-Z0-9]{4}-[A-Z0-9]{4}", out), out
    assert _left_in(real_home) == []
    assert not list(tmp_path.glob("voicebooth-demo-*"))  # its own folder is gone too


@pytest.mark.slow
def test_a_failed_headless_demo_leaves_nothing_queued_for_the_real_app(
    real_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], strict_logs: StrictLogs
) -> None:
    """The demo server dies before the send: the demo fails plainly, and no submission waits anywhere."""
    strict_logs.expect("not sent yet: The intake server at 127.0.0.1 is not accepting connections")
    server = DemoServer.start(tmp_path / "demo")
    try:
        assert server.process is not None
        server.process.terminate()
        server.process.wait(10)
        assert run_headless_demo(take_s=1, server=server) == 1
        assert "could not finish" in capsys.readouterr().err
        assert _left_in(real_home) == []
        outbox = server.app_data_dir / "outbox.sqlite3"
        assert outbox.exists()  # the demo's own outbox took it, in the demo's folder...
    finally:
        server.stop()
    assert not (tmp_path / "demo").exists()  # ...which goes with the demo
