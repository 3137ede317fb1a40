"""Self-test checks against real things: policy files, ffmpeg, a real intake server (HTTP and HTTPS), broken
folders, a plain web server that is not ours, a closed port, Windows privacy settings (fake registry)."""

from __future__ import annotations

import http.server
import os
import sys
import threading
from pathlib import Path

import pytest

from recorder.config import FilePolicy, load_config
from recorder.selftest import SelfTestContext, Status, core_checks, exit_code, format_report, run_checks
from recorder.selftest.checks import check_cameras, check_config, check_data_folder, check_ffmpeg
from recorder.selftest.network import check_server, check_tls
from recorder.selftest.privacy import APP_PRIVACY_KEY, CONSENT_STORE_KEY, blocked_devices
from recorder.selftest.report import CheckResult, run_check
from tests.helpers.intake_server import RunningServer, free_port, intake_server

__all__ = ["intake_server"]  # the fixture


def make_ctx(tmp_path: Path, policy: str = "", **cli: object) -> SelfTestContext:
    policy_file = tmp_path / "policy.toml"
    if policy:
        policy_file.write_text(policy, encoding="utf-8")
    values: dict[str, object] = {"data_dir": str(tmp_path / "data"), **cli}
    config = load_config(
        command_line=values,
        environ={},
        policy_source=FilePolicy(policy_file),
        user_settings_path=tmp_path / "user.toml",
    )
    return SelfTestContext(config, log_path=tmp_path / "voicebooth.log", platform="linux", environ={})


def test_server_check_passes_against_the_real_intake_server(
    tmp_path: Path, intake_server: RunningServer
) -> None:
    result = check_server(make_ctx(tmp_path, server_url=intake_server.url))
    assert result.status is Status.PASS, result
    assert "tus 1.0.0" in result.summary
    assert any("HTTP 20" in line for line in result.details)


@pytest.mark.parametrize("intake_server", ["https"], indirect=True)
def test_https_server_needs_its_ca_and_then_tls_is_verified(
    tmp_path: Path, intake_server: RunningServer
) -> None:
    untrusted = make_ctx(tmp_path, server_url=intake_server.url)
    result = check_server(untrusted)
    assert result.status is Status.FAIL and "not trusted" in result.summary, result
    tls = check_tls(untrusted)
    assert tls.status is Status.PASS and "could not be reached to verify" in tls.summary
    assert intake_server.cert is not None
    trusted = make_ctx(tmp_path, policy=f'ca_bundle = "{intake_server.cert}"\n', server_url=intake_server.url)
    assert check_server(trusted).status is Status.PASS
    tls = check_tls(trusted)
    assert tls.status is Status.PASS and "certificate was verified" in tls.summary
    assert any("ca_bundle" in line for line in tls.details)


def test_a_missing_ca_bundle_fails_both_network_checks_plainly(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, policy='ca_bundle = "/nowhere/ca.pem"\n', server_url="https://127.0.0.1:9")
    for check in (check_server, check_tls):
        result = check(ctx)
        assert result.status is Status.FAIL and "does not exist" in result.summary


def test_a_web_server_that_is_not_ours_and_a_closed_port_fail(tmp_path: Path) -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        result = check_server(make_ctx(tmp_path, server_url=f"http://127.0.0.1:{httpd.server_port}"))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.status is Status.FAIL and "not as a Voicebooth intake server" in result.summary
    closed = check_server(make_ctx(tmp_path, server_url=f"http://127.0.0.1:{free_port()}"))
    assert closed.status is Status.FAIL and "not accepting connections" in closed.summary


def test_no_server_configured_is_not_a_failure(tmp_path: Path) -> None:
    result = check_server(make_ctx(tmp_path))
    assert result.status is Status.SKIP and "server_url" in result.summary


def test_config_check_shows_it_policy_locks_and_masks_the_upload_key(tmp_path: Path) -> None:
    ctx = make_ctx(
        tmp_path,
        policy='server_url = "https://intake.nhs.example"\nupload_key = "vbk_secret_1"\n'
        'proxy = "http://bob:hunter2@proxy.nhs.example:8080"\nlocked = ["server_url"]\n',
    )
    result = check_config(ctx)
    assert result.status is Status.PASS
    text = format_report("h", [result])
    assert "server_url = https://intake.nhs.example  [IT policy, locked]" in text
    assert "upload_key = (set)  [IT policy]" in text
    assert "vbk_secret_1" not in text and "hunter2" not in text and "bob" not in text


def test_config_check_fails_on_an_unreadable_policy_and_warns_on_ignored_values(tmp_path: Path) -> None:
    broken = make_ctx(tmp_path, policy="server_url = [unclosed")
    assert check_config(broken).status is Status.FAIL
    ignored = make_ctx(tmp_path, policy='countdown_s = "lots"\n')
    result = check_config(ignored)
    assert result.status is Status.WARN and any("countdown_s" in d for d in result.details)


def test_data_folder_that_cannot_be_created_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    result = check_data_folder(make_ctx(tmp_path, data_dir=str(blocker / "data")))
    assert result.status is Status.FAIL and "cannot be saved" in result.summary
    assert check_data_folder(make_ctx(tmp_path)).status in (Status.PASS, Status.WARN)


def test_ffmpeg_check_makes_a_real_video_and_names_what_a_wrong_binary_lacks(tmp_path: Path) -> None:
    assert check_ffmpeg(make_ctx(tmp_path)).status is Status.PASS
    not_ffmpeg = tmp_path / "fake-ffmpeg"
    not_ffmpeg.write_text("#!/bin/sh\necho 'ffmpeg version 0 (not really)'\n")
    not_ffmpeg.chmod(0o755)
    result = check_ffmpeg(make_ctx(tmp_path, policy=f'ffmpeg = "{not_ffmpeg}"\n'))
    assert result.status is Status.FAIL and "lacks libx264, aac, loudnorm, ebur128" in result.summary
    missing = check_ffmpeg(make_ctx(tmp_path, policy='ffmpeg = "/nowhere/ffmpeg"\n'))
    assert missing.status is Status.FAIL and "not a program that can be run" in missing.summary


class FakePrivacyRegistry:
    def __init__(self, keys: dict[tuple[str, str], dict[str, object]]) -> None:
        self.keys = keys

    def read_values(self, hive: str, key_path: str) -> dict[str, object] | None:
        return self.keys.get((hive, key_path))


def test_windows_group_policy_blocking_the_camera_is_named(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    ctx.platform = "win32"
    ctx.privacy_registry = FakePrivacyRegistry({("HKLM", APP_PRIVACY_KEY): {"LetAppsAccessCamera": 2}})
    result = check_cameras(ctx)
    assert result.status is Status.FAIL
    assert "Force Deny" in result.summary and "LetAppsAccessCamera = 2" in result.summary
    # 0 (user in control) and 1 (force allow) block nothing.
    for value in (0, 1):
        registry = FakePrivacyRegistry({("HKLM", APP_PRIVACY_KEY): {"LetAppsAccessCamera": value}})
        assert blocked_devices(registry) == {}


def test_windows_privacy_switches_for_the_pc_and_for_desktop_apps(tmp_path: Path) -> None:
    registry = FakePrivacyRegistry(
        {
            ("HKLM", CONSENT_STORE_KEY + "\\webcam"): {"Value": "Deny"},
            ("HKCU", CONSENT_STORE_KEY + "\\microphone\\NonPackaged"): {"Value": "Deny"},
        }
    )
    blocked = blocked_devices(registry)
    assert "turned off for this PC" in blocked["camera"]
    assert "Let desktop apps access your microphone" in blocked["microphone"]
    assert blocked_devices(FakePrivacyRegistry({})) == {}
    assert blocked_devices(None) == {}


def test_device_support_missing_from_the_build_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "recorder.devices", None)  # what a build without the package gives
    result = check_cameras(make_ctx(tmp_path))
    assert result.status is Status.FAIL and "not part of this build" in result.summary


def test_a_crashing_check_is_a_failure_line_not_a_traceback() -> None:
    def broken() -> CheckResult:
        raise KeyError("surprise")

    result = run_check("Broken", broken)
    assert result.status is Status.FAIL and "KeyError" in result.summary
    assert exit_code([result]) == 1


def test_the_whole_core_run_reports_every_check_and_its_exit_code(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    results = run_checks(core_checks(ctx))
    names = [r.name for r in results]
    assert names == [
        "Build",
        "Configuration",
        "Data folder",
        "Log file",
        "Campaign pack",
        "ffmpeg",
        "Cameras",
        "Microphones",
        "Intake server",
        "TLS trust",
    ]
    by_name = {r.name: r for r in results}
    for name in ("Build", "Configuration", "Data folder", "Log file", "Campaign pack", "ffmpeg", "TLS trust"):
        assert by_name[name].status is Status.PASS, by_name[name]
    assert exit_code(results) == (1 if any(r.status is Status.FAIL for r in results) else 0)
    report = format_report("Voicebooth self-test", results)
    assert report.splitlines()[-1].startswith("Result: ")
    assert os.fspath(ctx.config.data_dir) in report
