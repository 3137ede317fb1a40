"""Start-up: command line, display detection, config + campaign loading, and the demo's failure paths."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from recorder.campaign import load_campaign
from recorder.config import FilePolicy, Layer
from recorder.demo.headless import run_headless_demo
from recorder.demo.server import DemoError, DemoServer
from recorder.flow import Phase, Step
from tests.helpers.qt import StrictLogs
from ui import app
from ui.display import has_display


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the real user config and data dirs out of these tests."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))


def test_command_line_maps_to_the_top_layer() -> None:
    options = app.parse_args(
        ["--video", "synthetic:", "--audio", "file:/tmp/a.wav", "--locale", "cy", "--review"]
    )
    assert options.review and not options.demo
    assert options.cli_values == {"video_uri": "synthetic:", "audio_uri": "file:/tmp/a.wav", "locale": "cy"}


def test_display_detection() -> None:
    assert not has_display({}) or app.sys.platform in ("win32", "darwin")
    assert has_display({"DISPLAY": ":0"})
    assert has_display({"WAYLAND_DISPLAY": "wayland-0"})
    assert has_display({"QT_QPA_PLATFORM": "offscreen"})


def test_without_a_display_the_app_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app.sys, "platform", "linux")
    assert app.main([]) == 2
    assert "needs a screen" in capsys.readouterr().err


def test_a_bad_command_line_value_stops_start_up_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert app.main(["--video", "webcam please"]) == 2
    err = capsys.readouterr().err
    assert "cannot start" in err and "video_uri must be a source" in err


def test_policy_can_point_at_another_campaign_pack(tmp_path: Path, strict_logs: StrictLogs) -> None:
    strict_logs.expect("campaign_pack is set by your IT department")
    default = Path(app.__file__).resolve().parents[1] / "resources" / "campaign" / "default" / "campaign.toml"
    pack = tmp_path / "pack"
    pack.mkdir()
    text = default.read_text(encoding="utf-8").replace("countdown_s = 3", "countdown_s = 0")
    (pack / "campaign.toml").write_text(
        text.replace('id = "staff-voices-default"', 'id = "ward-7"'), encoding="utf-8"
    )
    policy = tmp_path / "policy.toml"
    policy.write_text(
        f'campaign_pack = "{pack}"\nlocale = "cy"\nlocked = ["campaign_pack"]\n', encoding="utf-8"
    )
    config, campaign = app.load_settings(
        {"campaign_pack": str(tmp_path / "elsewhere")},  # locked: the command line cannot change it
        environ={},
        policy_source=FilePolicy(policy),
        user_settings_path=tmp_path / "user.toml",
    )
    assert campaign.id == "ward-7" and config.is_locked("campaign_pack")
    assert (config.value("countdown_s"), config.layer_of("countdown_s")) == (0, Layer.CAMPAIGN)
    machine = app.build_machine(config, campaign)
    assert machine.model.locale == "cy" and not machine.countdown_enabled
    assert machine.state.step is Step.WELCOME and machine.state.phase is Phase.READ


def test_a_broken_campaign_pack_stops_start_up_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "campaign.toml").write_text("schema = 1\n", encoding="utf-8")
    assert app.main(["--campaign-pack", str(tmp_path)]) == 2
    assert "campaign pack" in capsys.readouterr().err


def test_demo_server_failure_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A server command that fails the way a missing or broken server package does.
    monkeypatch.setattr("recorder.demo.server._server_command", lambda *a: ["false", *a])
    with pytest.raises(DemoError, match="could not create an upload key"):
        DemoServer.start(tmp_path / "demo", timeout_s=5)


def test_headless_demo_reports_a_failed_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("recorder.demo.server._server_command", lambda *a: ["false", *a])
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert run_headless_demo(take_s=1) == 1
    out = capsys.readouterr()
    assert "No display was found" in out.out and "could not finish" in out.err
    assert not list(tmp_path.glob("voicebooth-demo-*"))  # its temporary folder is gone too


def test_demo_server_starts_answers_and_cleans_up(tmp_path: Path) -> None:
    import requests

    server = DemoServer.start(tmp_path / "demo")
    try:
        assert server.upload_key and server.url.startswith("http://127.0.0.1:")
        response = requests.get(f"{server.url}/api/v1/status/VB-NONE-0000", timeout=5)
        assert response.status_code == 404
        values = server.config_values()
        assert values["video_uri"] == "synthetic:" and values["server_url"] == server.url
        server.publish_campaign(load_campaign().source)  # as the demo does once the app's pack is known
        with sqlite3.connect(tmp_path / "demo" / "server" / "voicebooth.db") as db:
            published = db.execute("SELECT version_id, locale, text_sha256 FROM consent_texts").fetchall()
        campaign = load_campaign()
        consent = campaign.consent
        assert (consent.id, "cy", consent.text_sha256("cy")) in published
        assert len(published) == 2 * len(campaign.consent_versions)  # every version, English and Welsh
        with pytest.raises(DemoError, match="could not publish"):
            server.publish_campaign(tmp_path / "no-such-pack")
    finally:
        server.stop()
    assert not (tmp_path / "demo").exists()


def test_the_ffmpeg_setting_applies_to_recording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from recorder.media import ffmpeg_binary

    monkeypatch.setattr(ffmpeg_binary, "_configured", None)  # restored after the test
    monkeypatch.delenv("VOICEBOOTH_FFMPEG", raising=False)
    wrapper = tmp_path / "site-ffmpeg"
    wrapper.write_text(f'#!/bin/sh\nexec "{ffmpeg_binary.ffmpeg_exe()}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    user = tmp_path / "user.toml"
    user.write_text(f'ffmpeg = "{wrapper}"\n', encoding="utf-8")
    config, _campaign = app.load_settings(
        {}, environ={}, policy_source=FilePolicy(tmp_path / "no-policy.toml"), user_settings_path=user
    )
    assert config.layer_of("ffmpeg") is Layer.USER
    assert ffmpeg_binary.ffmpeg_exe() == str(wrapper)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "SIGTERM-at-start-up", "SIGKILL"])
def test_the_demo_leaves_no_server_behind_when_stopped(tmp_path: Path, how: str) -> None:
    """``voicebooth --demo`` (real window, offscreen) stopped by a signal: its local server goes too.

    ``SIGTERM-at-start-up`` arrives as soon as the server is announced (it starts behind the window, so the
    window may be up already or still starting).
    """
    import os
    import re
    import signal
    import subprocess
    import time

    import requests

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
        "XDG_CACHE_HOME": str(tmp_path / "home" / ".cache"),
        "XDG_STATE_HOME": str(tmp_path / "home" / ".local" / "state"),
        "TMPDIR": str(tmp_path),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.launcher", "--demo"],
        cwd=Path(app.__file__).resolve().parents[1],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        url = ""
        deadline = time.monotonic() + 60
        while not url and time.monotonic() < deadline:
            line = proc.stderr.readline()
            found = re.search(r"Demo intake server at (http://127\.0\.0\.1:\d+)", line)
            url = found.group(1) if found else ""
        assert url, "the demo did not start its server"
        if how != "SIGTERM-at-start-up":
            assert requests.get(f"{url}/api/v1/health", timeout=5).status_code == 200
            time.sleep(1.0)  # the window is up
        os.kill(proc.pid, signal.SIGKILL if how == "SIGKILL" else signal.SIGTERM)
        proc.wait(30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                requests.get(f"{url}/api/v1/health", timeout=1)
            except requests.ConnectionError:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the demo server is still running after the app stopped")
        if how != "SIGKILL":  # a clean stop also deletes the demo's temporary folder
            assert proc.returncode == 0
            assert not list(tmp_path.glob("voicebooth-demo-*"))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_built_in_pack_is_chosen_by_name_on_the_command_line_or_by_policy(
    tmp_path: Path, strict_logs: StrictLogs
) -> None:
    strict_logs.expect("campaign_pack is set by your IT department")
    _config, campaign = app.load_settings(
        {"campaign_pack": "ahp-support-worker-week"},
        environ={},
        policy_source=FilePolicy(tmp_path / "none.toml"),
        user_settings_path=tmp_path / "user.toml",
    )
    assert campaign.id == "ahp-support-worker-week" and campaign.hashtags == ("#AHPSupportWorkersWeek",)
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'campaign_pack = "ahp-support-worker-week"\nlocked = ["campaign_pack"]\n', encoding="utf-8"
    )
    config, campaign = app.load_settings(
        {"campaign_pack": "default"},  # locked: the command line cannot change it
        environ={},
        policy_source=FilePolicy(policy),
        user_settings_path=tmp_path / "user.toml",
    )
    assert campaign.id == "ahp-support-worker-week" and config.is_locked("campaign_pack")
