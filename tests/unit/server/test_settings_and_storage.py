"""Unit tests for settings layers and the data-folder rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.cli import check_bind
from server.settings import Settings, SettingsError, load_settings
from server.storage import is_id, new_id
from server.storage.folder import FolderStorage


def test_layers_file_then_environment_then_command_line(tmp_path: Path) -> None:
    (tmp_path / "server.toml").write_text("max_upload_bytes = 1000\ntoken_ttl_s = 60\n", encoding="utf-8")
    settings = load_settings(
        tmp_path,
        {"token_ttl_s": 30, "database_url": None},
        environ={"VOICEBOOTH_SERVER_MAX_UPLOAD_BYTES": "2000", "VOICEBOOTH_SERVER_CONSENT_VALID_DAYS": "5"},
    )
    assert (settings.max_upload_bytes, settings.token_ttl_s, settings.consent_valid_days) == (2000, 30, 5)
    assert settings.db_url == f"sqlite:///{(tmp_path / 'voicebooth.db').resolve()}"
    assert load_settings(tmp_path, {"database_url": "postgresql://x"}, environ={}).db_url == "postgresql://x"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("max_upload_bytes = 0\n", "above 0"),
        ("nope = 1\n", "Unknown setting"),
        ("token_ttl_s = [\n", "cannot be read"),
        ("tls_certfile = '/nonexistent.pem'\ntls_keyfile = '/nonexistent.key'\n", "does not exist"),
        ("tls_certfile = 'x'\n", "both"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "server.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=problem):
        load_settings(tmp_path, environ={})


def test_bind_rules(tmp_path: Path) -> None:
    plain = Settings(data_dir=tmp_path)
    for host in ("127.0.0.1", "localhost", "::1"):
        check_bind(host, plain, allow_plain_http=False)
    with pytest.raises(SettingsError, match="Refusing"):
        check_bind("0.0.0.0", plain, allow_plain_http=False)
    check_bind("0.0.0.0", plain, allow_plain_http=True)


def test_paths_only_from_server_ids(tmp_path: Path) -> None:
    storage = FolderStorage(Settings(data_dir=tmp_path))
    storage.prepare()
    upload_id = new_id()
    assert is_id(upload_id) and storage.upload_path(upload_id).parent == tmp_path / "uploads"
    for hostile in ("../x", "/etc/passwd", "a" * 31, "A" * 32, upload_id + "/..", ""):
        with pytest.raises(ValueError):
            storage.upload_path(hostile)
        with pytest.raises(ValueError):
            storage.media_path(hostile)
