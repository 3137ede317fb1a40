"""``voicebooth --demo`` starts its server behind the window: the address at once, the key when it runs.

The outbox asks for the server's settings when it first opens; until then nothing waits for the server. A
server that cannot start is a plain error at that point (and on stderr), and a demo closed while its server
is still starting leaves neither a server nor its folder behind.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import requests

from recorder.campaign import load_campaign
from recorder.demo.server import DemoError, DemoServer
from recorder.flow.services import FlowServices
from tests.helpers.qt import StrictLogs
from tests.helpers.qt import strict_logs as strict_logs  # the fixture


def test_the_server_starts_behind_the_window_and_the_outbox_gets_its_key(tmp_path: Path) -> None:
    server = DemoServer.prepare(tmp_path / "demo")
    try:
        assert server.process is None and server.url.startswith("http://127.0.0.1:")
        assert "upload_key" not in server.config_values()  # the window is built with the address alone
        config = server.settings(server.config_values())
        services = FlowServices(config, intake=server.intake_values)
        server.start_in_background(load_campaign().source)
        outbox = services.outbox()  # waits for the server
        assert outbox.network.server_url == server.url
        assert outbox.network.upload_key.startswith("vbk_") and outbox.network.upload_key == server.upload_key
        assert requests.get(f"{server.url}/api/v1/status/VB-NONE-0000", timeout=5).status_code == 404
        with sqlite3.connect(tmp_path / "demo" / "server" / "voicebooth.db") as db:
            published = db.execute("SELECT COUNT(*) FROM consent_texts").fetchone()[0]
        assert published > 0  # the campaign's consent wording was published once the server ran
        services.close()
    finally:
        server.stop()
    assert server.process is None and not (tmp_path / "demo").exists()


def test_a_server_that_cannot_start_is_a_plain_error_when_sending(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    strict_logs: StrictLogs,
) -> None:
    strict_logs.expect("The demo server did not start; the app cannot send")
    monkeypatch.setattr("recorder.demo.server._server_command", lambda *a: ["false", *a])
    server = DemoServer.prepare(tmp_path / "demo")
    try:
        services = FlowServices(server.settings(server.config_values()), intake=server.intake_values)
        server.start_in_background(load_campaign().source)
        with pytest.raises(DemoError, match="could not create an upload key"):
            services.outbox()
        assert "The demo server did not start, so the app cannot send" in capsys.readouterr().err
    finally:
        server.stop()
    assert not (tmp_path / "demo").exists()


def test_closing_the_demo_while_its_server_starts_leaves_nothing_behind(tmp_path: Path) -> None:
    server = DemoServer.prepare(tmp_path / "demo")
    server.start_in_background(load_campaign().source)
    server.stop()  # at once: the server may be creating its key, or not have started at all
    assert server.process is None and not (tmp_path / "demo").exists()
    with pytest.raises(DemoError):
        server.intake_values(timeout_s=5)
