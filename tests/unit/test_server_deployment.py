"""The deployment example in packaging/server/ is usable as shipped: its server.toml loads as server settings,
HAProxy accepts its configuration, its unit names the real command and options, and HAProxy's limits agree
with the replicas' settings."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from server.cli import _parser
from server.settings import load_settings, parse_storage_url
from tests.helpers.certs import make_authority

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "packaging" / "server"


def test_example_settings_load_as_the_server_reads_them(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE / "server.toml", tmp_path / "server.toml")
    settings = load_settings(tmp_path, environ={})
    assert settings.uses_postgresql and settings.uses_object_storage
    assert parse_storage_url(settings.storage).bucket == "voicebooth-intake"
    assert settings.log_format == "json"


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="haproxy is not installed")
def test_haproxy_accepts_the_example_configuration(tmp_path: Path) -> None:
    cert, key = make_authority(tmp_path, "trust").issue(tmp_path, "intake", ["intake.example.nhs.uk"])
    pem = tmp_path / "intake.pem"
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    config = (EXAMPLE / "haproxy.cfg").read_text(encoding="utf-8")
    config = config.replace("/etc/haproxy/certs/intake.pem", str(pem)).replace("log /dev/log local0", "")
    (tmp_path / "haproxy.cfg").write_text(config, encoding="utf-8")
    command = ["haproxy", "-c", "-f", str(tmp_path / "haproxy.cfg")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_units_run_the_real_commands_with_real_options() -> None:
    unit = (EXAMPLE / "voicebooth-server@.service").read_text(encoding="utf-8")
    joined = unit.replace("\\\n", " ")  # continuation lines
    command = joined.split("ExecStart=", 1)[1].split("\n", 1)[0].split()
    assert command[0].endswith("voicebooth-server") and command[1] == "serve"
    args = _parser().parse_args([arg.replace("%i", "8701") for arg in command[1:]])
    assert (args.port, args.workers, args.log_format, args.allow_plain_http) == (8701, 2, "json", True)


def _seconds(value: str) -> float:
    return float(value.removesuffix("s")) if not value.endswith("ms") else float(value[:-2]) / 1000


def test_haproxy_limits_agree_with_the_replicas_settings(tmp_path: Path) -> None:
    """HAProxy is the outer wall, each replica the inner one: the same timeouts, a head buffer no smaller
    than the server's head limit, no more requests sent to a replica than its workers handle at once, and
    the replicas trust HAProxy's X-Forwarded-For (so per-address limits count real clients)."""
    shutil.copy(EXAMPLE / "server.toml", tmp_path / "server.toml")
    settings = load_settings(tmp_path, environ={})
    config = (EXAMPLE / "haproxy.cfg").read_text(encoding="utf-8")

    def directive(*words: str) -> str:
        pattern = r"^\s*" + r"\s+".join(map(re.escape, words)) + r"\s+(\S+)"
        found = re.search(pattern, config, re.MULTILINE)
        assert found, words
        return found.group(1)

    assert _seconds(directive("timeout", "http-request")) == settings.header_timeout_s
    assert _seconds(directive("timeout", "http-keep-alive")) == settings.keep_alive_timeout_s
    assert (
        _seconds(directive("timeout", "client")) == settings.body_timeout_s >= settings.patch_idle_timeout_s
    )
    assert int(directive("tune.bufsize")) >= settings.max_header_bytes
    assert int(directive("tune.http.maxhdr")) == settings.max_headers
    workers = 2  # the unit's --workers (checked above)
    per_replica = re.search(r"default-server .*maxconn (\d+)", config)
    assert per_replica and int(per_replica.group(1)) <= workers * settings.max_requests
    assert f"req.hdr_val(content-length) gt {settings.json_body_limit_bytes}" in config
    assert "option forwardfor" in config and settings.forwarded_allow_ips
    replicas = re.findall(r"^\s*server \S+ ([\d.]+):", config, re.MULTILINE)
    assert replicas and settings.forwarded_allow_ips not in replicas  # trusts the balancer, not a replica
