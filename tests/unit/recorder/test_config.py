"""Configuration layers: provenance, precedence, IT locks, bad values, and what is written back."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from recorder.config import ConfigError, FilePolicy, Layer, RegistryPolicy, load_config, parse_value
from recorder.config.policy import POLICY_REGISTRY_KEY, FirstExisting


class FakeRegistry:
    """A registry port holding values for one key, like ``HKLM\\SOFTWARE\\Policies\\Voicebooth``."""

    def __init__(self, values: dict[str, dict[str, object]]) -> None:
        self.values = values
        self.asked: list[str] = []

    def read_values(self, hive: str, key_path: str) -> dict[str, object] | None:
        self.asked.append(key_path)
        return self.values.get(key_path)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_each_layer_overrides_the_one_below_and_says_so(tmp_path: Path) -> None:
    policy = FilePolicy(
        write(tmp_path / "policy.toml", 'server_url = "https://policy.example"\ncountdown_s = 5\n')
    )
    user = write(tmp_path / "user.toml", 'countdown_s = 4\nvideo_uri = "camera:1"\nlocale = "cy"\n')
    config = load_config(
        command_line={"locale": "en"},
        environ={"VOICEBOOTH_VIDEO_URI": "synthetic:", "VOICEBOOTH_VENV": "/ignored", "PATH": "/bin"},
        campaign_settings={"countdown_s": 2, "video_size": "1920x1080"},
        policy_source=policy,
        user_settings_path=user,
    )
    assert (config.value("chunk_size_bytes"), config.layer_of("chunk_size_bytes")) == (
        8 * 1024 * 1024,
        Layer.DEFAULT,
    )
    assert (config.value("video_size"), config.layer_of("video_size")) == ("1920x1080", Layer.CAMPAIGN)
    assert (config.value("server_url"), config.layer_of("server_url")) == (
        "https://policy.example",
        Layer.POLICY,
    )
    assert (config.value("countdown_s"), config.layer_of("countdown_s")) == (4, Layer.USER)
    assert (config.value("video_uri"), config.layer_of("video_uri")) == ("synthetic:", Layer.ENVIRONMENT)
    assert (config.value("locale"), config.layer_of("locale")) == ("en", Layer.COMMAND_LINE)
    assert config.video_size == (1920, 1080)
    assert config.problems == []


def test_policy_lock_beats_user_environment_and_command_line(tmp_path: Path) -> None:
    policy = FilePolicy(
        write(tmp_path / "p.toml", 'server_url = "https://it.example"\nlocked = ["server_url", "nonsense"]\n')
    )
    config = load_config(
        command_line={"server_url": "https://cli.example"},
        environ={"VOICEBOOTH_SERVER_URL": "https://env.example"},
        policy_source=policy,
        user_settings_path=write(tmp_path / "u.toml", 'server_url = "https://user.example"\n'),
    )
    entry = config.entry("server_url")
    assert (entry.value, entry.layer, entry.locked) == ("https://it.example", Layer.POLICY, True)
    assert any("unknown settings: nonsense" in p for p in config.problems)
    assert sum("set by your IT department" in p for p in config.problems) == 3
    with pytest.raises(ConfigError, match="IT department"):
        config.save_user_settings({"server_url": "https://mine.example"})


def test_windows_registry_policy_through_the_port(tmp_path: Path) -> None:
    registry = FakeRegistry(
        {
            POLICY_REGISTRY_KEY: {
                "ServerUrl": "https://reg.example",
                "ChunkSizeBytes": 1048576,
                "Locked": ["ServerUrl"],
            }
        }
    )
    config = load_config(
        environ={"VOICEBOOTH_SERVER_URL": "https://env.example"},
        policy_source=RegistryPolicy(registry),
        user_settings_path=tmp_path / "none.toml",
    )
    assert registry.asked == [POLICY_REGISTRY_KEY]
    assert config.value("server_url") == "https://reg.example" and config.is_locked("server_url")
    assert (config.value("chunk_size_bytes"), config.layer_of("chunk_size_bytes")) == (1048576, Layer.POLICY)
    assert config.policy.where.startswith("HKLM\\")
    # Comma-separated REG_SZ lock list and a missing key both work.
    comma = RegistryPolicy(FakeRegistry({POLICY_REGISTRY_KEY: {"locked": "proxy, pac_url"}})).read()
    assert comma.locked == frozenset({"proxy", "pac_url"})
    assert RegistryPolicy(FakeRegistry({})).read().values == {}


def test_policy_and_environment_are_never_written_back(tmp_path: Path) -> None:
    user_path = write(tmp_path / "u.toml", "countdown_s = 2\n")
    config = load_config(
        environ={"VOICEBOOTH_AUDIO_URI": "synthetic:", "VOICEBOOTH_UPLOAD_KEY": "secret-key"},
        policy_source=FilePolicy(write(tmp_path / "p.toml", 'proxy = "http://proxy.example:8080"\n')),
        user_settings_path=user_path,
    )
    config.save_user_settings({"video_uri": "camera:2", "locale": "cy"})
    saved = tomllib.loads(user_path.read_text(encoding="utf-8"))
    assert saved == {"countdown_s": 2, "video_uri": "camera:2", "locale": "cy"}
    assert "secret-key" not in user_path.read_text(encoding="utf-8")
    assert config.value("video_uri") == "camera:2" and config.layer_of("video_uri") is Layer.USER
    assert config.value("audio_uri") == "synthetic:"  # the environment still wins after saving
    config.save_user_settings({"countdown_s": None})  # None removes the user's own value
    assert "countdown_s" not in tomllib.loads(user_path.read_text(encoding="utf-8"))
    assert config.layer_of("countdown_s") is Layer.DEFAULT


def test_invalid_values_are_skipped_with_a_plain_reason_except_on_the_command_line(tmp_path: Path) -> None:
    config = load_config(
        environ={"VOICEBOOTH_COUNTDOWN_S": "lots", "VOICEBOOTH_UPLOAD_KEY": "k"},
        policy_source=FilePolicy(write(tmp_path / "p.toml", 'server_url = "ftp://nope"\nlocale = "fr"\n')),
        user_settings_path=write(tmp_path / "u.toml", "chunk_size_bytes = 12\nbogus = 1\n"),
    )
    assert config.value("countdown_s") == 3 and config.layer_of("countdown_s") is Layer.DEFAULT
    assert config.value("server_url") == ""
    joined = "\n".join(config.problems)
    for fragment in (
        "countdown_s must be a whole number",
        "server_url must be a web address",
        "locale must be one of",
        "chunk_size_bytes must be a whole number from",
        "bogus is not a Voicebooth setting",
    ):
        assert fragment in joined
    with pytest.raises(ConfigError, match="video_size"):
        load_config(
            command_line={"video_size": "big"},
            environ={},
            policy_source=FilePolicy(tmp_path / "x"),
            user_settings_path=tmp_path / "y",
        )


def test_secret_values_never_appear_in_messages() -> None:
    with pytest.raises(ConfigError) as error:
        parse_value("upload_key", 12.5)  # not text
    assert "12.5" not in str(error.value)
    config_entry_text = load_config(
        environ={"VOICEBOOTH_UPLOAD_KEY": "vb_live_123"},
        policy_source=FirstExisting([]),
        user_settings_path=Path("/nonexistent/u.toml"),
    ).entry("upload_key")
    assert config_entry_text.shown == "(set)" and "vb_live" not in repr(config_entry_text.shown)


def test_damaged_files_fall_back_to_defaults_with_a_problem(tmp_path: Path) -> None:
    config = load_config(
        environ={},
        policy_source=FilePolicy(write(tmp_path / "p.toml", "server_url = [unclosed")),
        user_settings_path=write(tmp_path / "u.toml", "countdown_s = = 4"),
    )
    assert config.value("countdown_s") == 3
    assert any("IT policy file" in p and "not valid TOML" in p for p in config.problems)
    assert any("settings file" in p and "damaged" in p for p in config.problems)


def test_first_existing_policy_file_wins(tmp_path: Path) -> None:
    second = write(tmp_path / "site.toml", "countdown_s = 7\n")
    source = FirstExisting([tmp_path / "etc.toml", second])
    assert source.read().values == {"countdown_s": 7}
    write(tmp_path / "etc.toml", "countdown_s = 1\n")
    assert source.read().values == {"countdown_s": 1}


def test_bool_and_int_parsing() -> None:
    assert parse_value("relax_x509_strict", "yes") is True
    assert parse_value("relax_x509_strict", 0) is False
    assert parse_value("chunk_size_bytes", " 1048576 ") == 1048576
    with pytest.raises(ConfigError):
        parse_value("relax_x509_strict", "maybe")
    with pytest.raises(ConfigError):
        parse_value("countdown_s", True)
    with pytest.raises(ConfigError, match="even numbers"):
        parse_value("video_size", "1281x720")


def test_network_values_for_the_sending_side(tmp_path: Path) -> None:
    config = load_config(
        environ={"VOICEBOOTH_PROXY": "http://proxy.example:3128"},
        policy_source=FilePolicy(write(tmp_path / "p.toml", "chunk_size_bytes = 1048576\n")),
        user_settings_path=tmp_path / "u.toml",
    )
    values = config.network_values()
    assert values["proxy"] == "http://proxy.example:3128" and values["chunk_size_bytes"] == 1048576
    assert set(values) == {
        "server_url",
        "upload_key",
        "proxy",
        "pac_url",
        "ca_bundle",
        "chunk_size_bytes",
        "relax_x509_strict",
    }
