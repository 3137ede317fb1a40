"""The deployment example in packaging/server/ is usable as shipped: its server.toml loads as server settings,
HAProxy accepts its configuration, and its units name the real command and options."""

from __future__ import annotations

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
    purge = (EXAMPLE / "voicebooth-purge.service").read_text(encoding="utf-8")
    purge_command = purge.split("ExecStart=", 1)[1].split("\n", 1)[0].split()
    assert _parser().parse_args(purge_command[1:]).command == "purge"
