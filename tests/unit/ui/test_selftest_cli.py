"""``voicebooth --self-test`` from the source tree, as IT runs it: a real policy file, a real server, a log.

The frozen build and the installed .deb run the same command in ``packaging/tests`` (minutes; one command:
``./packaging/build.sh test``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.intake_server import RunningServer, intake_server

__all__ = ["intake_server"]  # the fixture

REPO = Path(__file__).resolve().parents[3]
CHECK_NAMES = (
    "Build",
    "Qt",
    "Configuration",
    "Data folder",
    "Log file",
    "Campaign pack",
    "ffmpeg",
    "Cameras",
    "Microphones",
    "Intake server",
    "TLS trust",
)


def isolated_env(tmp_path: Path, policy: str) -> dict[str, str]:
    """A user with no settings, a site policy file (XDG_CONFIG_DIRS), and logs in tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOICEBOOTH_")}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
        XDG_STATE_HOME=str(tmp_path / "home" / ".local" / "state"),
        XDG_CACHE_HOME=str(tmp_path / "home" / ".cache"),
        XDG_CONFIG_DIRS=str(tmp_path / "xdg"),
        VOICEBOOTH_LOG_DIR=str(tmp_path / "logs"),
    )
    site = tmp_path / "xdg" / "Voicebooth" / "policy.toml"
    site.parent.mkdir(parents=True)
    site.write_text(policy, encoding="utf-8")
    return env


def run_self_test(env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--self-test", *extra],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def statuses(report: str) -> dict[str, str]:
    found = {}
    for line in report.splitlines():
        match = re.match(r"^(PASS|WARN|SKIP|FAIL)\s+(.+?)\s{2,}", line)
        if match:
            found[match.group(2).strip()] = match.group(1)
    return found


@pytest.mark.slow
def test_self_test_reports_every_check_with_policy_server_and_log(
    tmp_path: Path, intake_server: RunningServer
) -> None:
    if Path("/etc/voicebooth/policy.toml").exists():
        pytest.skip("/etc/voicebooth/policy.toml exists on this machine and would win over the test policy")
    env = isolated_env(
        tmp_path,
        f'server_url = "{intake_server.url}"\nupload_key = "vbk_live_do_not_log"\nlocked = ["server_url"]\n',
    )
    proc = run_self_test(env)
    report = proc.stdout
    found = statuses(report)
    assert tuple(found) == CHECK_NAMES, report + proc.stderr
    for name in ("Build", "Qt", "Configuration", "Data folder", "Log file", "Campaign pack", "ffmpeg"):
        assert found[name] == "PASS", report
    assert found["Intake server"] == "PASS" and found["TLS trust"] == "PASS", report
    assert f"server_url = {intake_server.url}  [IT policy, locked]" in report
    assert "Played a test video through QtMultimedia" in report
    assert str(tmp_path / "logs" / "voicebooth.log") in report
    # The exit code follows the FAIL lines (cameras/mics may be missing here: that is a WARN, not a FAIL).
    assert proc.returncode == (1 if "FAIL" in found.values() else 0), report
    log_text = (tmp_path / "logs" / "voicebooth.log").read_text(encoding="utf-8")
    assert "vbk_live_do_not_log" not in report + proc.stderr + log_text


@pytest.mark.slow
def test_a_qt_platform_that_cannot_load_is_a_failure_with_qts_reason(tmp_path: Path) -> None:
    env = isolated_env(tmp_path, "")
    env.update(QT_QPA_PLATFORM="no-such-platform", DISPLAY=":99")
    proc = run_self_test(env)
    found = statuses(proc.stdout)
    assert found["Qt"] == "FAIL", proc.stdout
    assert "Qt could not start" in proc.stdout and "no-such-platform" in proc.stdout
    assert found["ffmpeg"] == "PASS"  # the other checks still ran
    assert proc.returncode == 1


def test_a_bad_command_line_value_stops_the_self_test_plainly(tmp_path: Path) -> None:
    proc = run_self_test(isolated_env(tmp_path, ""), "--server", "not a url")
    assert proc.returncode == 2
    assert "self-test cannot start: server_url must be a web address" in proc.stderr


@pytest.mark.slow
def test_devices_records_and_reports_and_a_missing_camera_fails_with_a_non_zero_exit(tmp_path: Path) -> None:
    env = isolated_env(tmp_path, "")
    demo = run_self_test(env, "--devices", "--video", "synthetic:", "--audio", "synthetic:")
    found = statuses(demo.stdout)
    # WARN when frames were dropped on a busy machine; the figures are reported either way
    assert found["Camera capture (synthetic:)"] in ("PASS", "WARN"), demo.stdout
    assert found["Microphone capture (synthetic:)"] == "PASS", demo.stdout
    assert "frames per second" in demo.stdout and "dropped" in demo.stdout and "dBFS" in demo.stdout
    missing = run_self_test(env, "--devices", "--video", "camera:9", "--audio", "synthetic:")
    assert statuses(missing.stdout)["Camera capture (camera:9)"] == "FAIL", missing.stdout
    assert "No camera could be used: " in missing.stdout and missing.returncode == 1


def test_devices_only_goes_with_the_self_test(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--devices"],
        cwd=REPO, env=isolated_env(tmp_path, ""), capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 2 and "--devices goes with --self-test" in proc.stderr
