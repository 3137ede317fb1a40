"""Where machine policy comes from: the MSI's registry values (fake registry), real files on Linux, locks."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorder.config import FirstExisting, Layer, RegistryPolicy, load_config
from recorder.config.policy import (
    ETC_POLICY_PATH,
    POLICY_REGISTRY_KEY,
    default_policy_source,
    setting_name,
    site_policy_path,
)


class FakeRegistry:
    """HKLM as a dict of key path -> values (what ``winreg.EnumValue`` would give, already expanded)."""

    def __init__(self, keys: dict[str, dict[str, object]]) -> None:
        self.keys = keys
        self.asked: list[str] = []

    def read_values(self, hive: str, key_path: str) -> dict[str, object] | None:
        self.asked.append(key_path)
        return self.keys.get(key_path)


#: What ``msiexec /i voicebooth.msi /qn SERVERURL=... CAMPAIGN=... PROXY=...`` leaves in the registry
#: (packaging/windows/Voicebooth.wxs writes the setting names; IT may also type the property names by hand).
MSI_WRITTEN = {
    "server_url": "https://intake.nhs.example",
    "campaign": "nhs-voices-2026",
    "proxy": "http://proxy.trust.nhs.example:8080",
    "locked": "server_url,campaign,proxy",
}


def test_msi_property_names_and_setting_names_both_map_to_settings() -> None:
    for raw, expected in (
        ("SERVERURL", "server_url"),
        ("ServerUrl", "server_url"),
        ("server_url", "server_url"),
        ("CAMPAIGN", "campaign"),
        ("CAMPAIGNPACK", "campaign_pack"),
        ("PROXY", "proxy"),
        ("PACURL", "pac_url"),
        ("UPLOADKEY", "upload_key"),
        ("CHUNK-SIZE-BYTES", "chunk_size_bytes"),
        ("LOCKED", "locked"),
        ("Surprise", "surprise"),
    ):
        assert setting_name(raw) == expected, raw


def test_installer_values_in_the_registry_are_locked_against_user_env_and_command_line(
    tmp_path: Path,
) -> None:
    registry = FakeRegistry({POLICY_REGISTRY_KEY: dict(MSI_WRITTEN)})
    user = tmp_path / "settings.toml"
    user.write_text('server_url = "https://mine.example"\ncountdown_s = 5\n', encoding="utf-8")
    config = load_config(
        command_line={"server_url": "https://cli.example"},
        environ={"VOICEBOOTH_PROXY": "http://elsewhere.example:3128", "VOICEBOOTH_CAMPAIGN": "other"},
        policy_source=default_policy_source(platform="win32", registry=registry),
        user_settings_path=user,
    )
    assert registry.asked == [POLICY_REGISTRY_KEY]
    for key in ("server_url", "campaign", "proxy"):
        entry = config.entry(key)
        assert (entry.value, entry.layer, entry.locked) == (MSI_WRITTEN[key], Layer.POLICY, True), key
    assert config.policy.where == "HKLM\\" + POLICY_REGISTRY_KEY
    assert (config.value("countdown_s"), config.layer_of("countdown_s")) == (5, Layer.USER)  # not locked
    ignored = [p for p in config.problems if "set by your IT department" in p]
    assert len(ignored) == 4  # user + command line server_url, environment proxy and campaign


def test_hand_typed_property_names_dwords_and_multi_sz_lock_lists(tmp_path: Path) -> None:
    registry = FakeRegistry(
        {
            POLICY_REGISTRY_KEY: {
                "SERVERURL": "https://intake.nhs.example",
                "RelaxX509Strict": 1,  # REG_DWORD
                "ChunkSizeBytes": 1048576,
                "UPLOADKEY": "vbk_live_abc123",
                "PROXY": "",  # an installer run without PROXY= may leave an empty value: not set
                "PACURL": " ",  # IT clears a remembered MSI property with PACURL=" ": not set either
                "Locked": ["SERVERURL", "ChunkSizeBytes"],  # REG_MULTI_SZ
            }
        }
    )
    config = load_config(
        environ={"VOICEBOOTH_CHUNK_SIZE_BYTES": "4194304"},
        policy_source=RegistryPolicy(registry),
        user_settings_path=tmp_path / "none.toml",
    )
    assert config.value("server_url") == "https://intake.nhs.example" and config.is_locked("server_url")
    assert config.flag("relax_x509_strict") is True
    assert (config.value("chunk_size_bytes"), config.is_locked("chunk_size_bytes")) == (1048576, True)
    assert config.entry("upload_key").layer is Layer.POLICY and config.entry("upload_key").shown == "(set)"
    assert (config.value("proxy"), config.layer_of("proxy")) == ("", Layer.DEFAULT)
    assert config.layer_of("pac_url") is Layer.DEFAULT
    assert not any("vbk_live" in p for p in config.problems)


def test_bad_registry_values_are_skipped_plainly_and_the_rest_still_apply(tmp_path: Path) -> None:
    registry = FakeRegistry(
        {POLICY_REGISTRY_KEY: {"SERVERURL": "intake.nhs.example", "Countdown_S": 4, "Colour": "blue"}}
    )
    config = load_config(
        environ={}, policy_source=RegistryPolicy(registry), user_settings_path=tmp_path / "u.toml"
    )
    assert config.value("server_url") == "" and config.value("countdown_s") == 4
    joined = "\n".join(config.problems)
    assert "server_url must be a web address" in joined
    assert "colour is not a Voicebooth setting" in joined
    assert all("HKLM\\SOFTWARE\\Policies\\Voicebooth" in p for p in config.problems)


def test_no_policy_key_means_no_policy(tmp_path: Path) -> None:
    config = load_config(
        environ={},
        policy_source=default_policy_source(platform="win32", registry=FakeRegistry({})),
        user_settings_path=tmp_path / "u.toml",
    )
    assert config.layers[Layer.POLICY] == {} and config.policy.locked == frozenset()
    assert config.problems == []


def test_linux_reads_etc_first_then_the_site_config_dir() -> None:
    source = default_policy_source(platform="linux")
    assert isinstance(source, FirstExisting)
    assert source.paths == [ETC_POLICY_PATH, site_policy_path()]
    assert str(ETC_POLICY_PATH) == "/etc/voicebooth/policy.toml"


def test_linux_site_config_dir_policy_file_is_read_for_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if ETC_POLICY_PATH.exists():
        pytest.skip(f"{ETC_POLICY_PATH} exists on this machine and would win over the site config dir")
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(xdg))
    site = xdg / "Voicebooth" / "policy.toml"
    assert site_policy_path() == site
    site.parent.mkdir(parents=True)
    site.write_text(
        'server_url = "https://intake.nhs.example"\ncampaign = "nhs-voices-2026"\nlocked = ["server_url"]\n',
        encoding="utf-8",
    )
    config = load_config(
        environ={"VOICEBOOTH_SERVER_URL": "https://env.example"},
        policy_source=default_policy_source(platform="linux"),
        user_settings_path=tmp_path / "u.toml",
    )
    assert config.policy.where == str(site)
    assert config.entry("server_url").locked and config.value("server_url") == "https://intake.nhs.example"
    assert (config.value("campaign"), config.is_locked("campaign")) == ("nhs-voices-2026", False)


def test_an_unreadable_policy_file_is_a_plain_problem_and_defaults_apply(tmp_path: Path) -> None:
    policy_dir_not_file = tmp_path / "policy.toml"
    policy_dir_not_file.mkdir()  # a real OS error on read (IsADirectoryError)
    config = load_config(
        environ={},
        policy_source=FirstExisting([policy_dir_not_file]),
        user_settings_path=tmp_path / "u.toml",
    )
    assert any("IT policy file" in p and "cannot be read" in p for p in config.problems)
    assert config.layers[Layer.POLICY] == {}
