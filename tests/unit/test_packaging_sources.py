"""packaging/ sources agree with the app: the MSI's registry values, the ADMX template and the example policy
all name real settings with valid values, and what they write is read back (and locked) by the app.

Fast checks for every CI run; the built packages themselves are tested by ``./packaging/build.sh test``.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from recorder.config import (
    KEYS,
    ConfigError,
    FilePolicy,
    Kind,
    Layer,
    RegistryPolicy,
    load_config,
    parse_value,
)
from recorder.config.policy import POLICY_REGISTRY_KEY

ROOT = Path(__file__).resolve().parents[2]
WXS = ROOT / "packaging" / "windows" / "Voicebooth.wxs"
ADMX = ROOT / "packaging" / "windows" / "admx" / "voicebooth.admx"
ADML = ROOT / "packaging" / "windows" / "admx" / "en-US" / "voicebooth.adml"
V4 = "{http://wixtoolset.org/schemas/v4/wxs}"
GP = "{http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions}"
POLICY_KEY_TEXT = POLICY_REGISTRY_KEY  # SOFTWARE\Policies\Voicebooth


def load_script(relative: str) -> ModuleType:
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(f"vb_packaging_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class FakeRegistry:
    def __init__(self, values: dict[str, object]) -> None:
        self.values = values

    def read_values(self, hive: str, key_path: str) -> dict[str, object] | None:
        return self.values if key_path == POLICY_REGISTRY_KEY else None


def msi_registry_values() -> dict[str, str]:
    """value name -> formatted value, for every RegistryValue the MSI writes under the policy key."""
    root = ET.parse(WXS).getroot()
    return {
        value.get("Name", ""): value.get("Value", "")
        for value in root.iter(f"{V4}RegistryValue")
        if value.get("Root") == "HKLM" and value.get("Key") == POLICY_KEY_TEXT
    }


def test_the_msi_writes_only_real_settings_each_remembered_under_its_property() -> None:
    written = msi_registry_values()
    assert set(written) - {"locked"} <= set(KEYS)
    smoke = load_script("packaging/windows/wixl_smoke.py")
    assert set(smoke.REMEMBERED.values()) == set(written)
    root = ET.parse(WXS).getroot()
    searches = {
        search.get("Name"): prop.get("Id")
        for prop in root.iter(f"{V4}Property")
        for search in prop.iter(f"{V4}RegistrySearch")
    }
    for prop, name in smoke.REMEMBERED.items():
        assert written[name] == f"[{prop}]"
        assert searches[name] == prop  # the value it writes is the value it reads back next time
    package = root.find(f"{V4}Package")
    assert package is not None
    assert re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", package.get("UpgradeCode", ""))
    assert package.get("Scope") == "perMachine"


def test_what_the_msi_writes_is_read_back_by_the_app_and_locked(tmp_path: Path) -> None:
    root = ET.parse(WXS).getroot()
    default_lock = next(
        sp.get("Value", "") for sp in root.iter(f"{V4}SetProperty") if sp.get("Action") == "SetLockedDefault"
    )
    # msiexec /i Voicebooth.msi SERVERURL=... CAMPAIGN=... PROXY=... (LOCKED not passed: the default).
    registry = {
        "server_url": "https://intake.example.nhs.uk",
        "campaign": "nhs-voices-2026",
        "proxy": "http://proxy.example.nhs.uk:8080",
        "locked": default_lock,
    }
    config = load_config(
        command_line={"server_url": "https://elsewhere.example"},
        environ={"VOICEBOOTH_PROXY": "http://other.example:3128"},
        policy_source=RegistryPolicy(FakeRegistry(registry)),
        user_settings_path=tmp_path / "user.toml",
    )
    for key in ("server_url", "campaign", "proxy"):
        entry = config.entry(key)
        assert (entry.value, entry.layer, entry.locked) == (registry[key], Layer.POLICY, True)
    assert not any("unknown settings" in p for p in config.problems)
    assert set(default_lock.split(",")) == {v for v in msi_registry_values() if v != "locked"}


def test_the_wix_source_translates_for_the_wixl_smoke_build() -> None:
    smoke = load_script("packaging/windows/wixl_smoke.py")
    tree, fixups = smoke.to_wix3(WXS)
    product = tree.getroot().find("Product")
    assert product is not None and product.get("UpgradeCode") == ET.parse(WXS).getroot()[0].get("UpgradeCode")
    assert (
        len(product.findall("CustomAction")) == 2 * len(smoke.REMEMBERED) + 1
    )  # save + restore each, lock default
    assert set(fixups.component_conditions.values()) == set(smoke.REMEMBERED)
    assert "UPLOADKEY" in fixups.hidden and fixups.upgrade_schedule == "afterInstallInitialize"


def admx_policies() -> list[ET.Element]:
    return list(ET.parse(ADMX).getroot().iter(f"{GP}policy"))


def test_admx_names_real_settings_with_matching_kinds_and_ranges() -> None:
    seen = set()
    for policy in admx_policies():
        assert policy.get("key") == POLICY_KEY_TEXT and policy.get("class") == "Machine"
        if policy.get("valueName"):  # an on/off policy
            name = policy.get("valueName", "")
            assert KEYS[name].kind is Kind.BOOL
            seen.add(name)
            continue
        elements = policy.find(f"{GP}elements")
        assert elements is not None
        for element in elements:
            name = element.get("valueName", "")
            seen.add(name)
            tag = element.tag.removeprefix(GP)
            if name == "locked":
                assert tag == "multiText"  # REG_MULTI_SZ, read as a list
                continue
            spec = KEYS[name]
            if tag == "decimal":
                assert spec.kind is Kind.INT
                low, high = int(element.get("minValue", "")), int(element.get("maxValue", ""))
                assert parse_value(name, low) == low and parse_value(name, high) == high
                for outside in (low - 1, high + 1):
                    with pytest.raises(ConfigError, match=name):
                        parse_value(name, outside)
            elif tag == "enum":
                for value in element.iter(f"{GP}string"):
                    assert parse_value(name, value.text or "") == value.text
            else:
                assert tag == "text" and spec.kind is Kind.TEXT
    assert {"server_url", "campaign", "proxy", "pac_url", "upload_key", "locked"} <= seen


def test_adml_has_every_string_and_presentation_the_admx_uses() -> None:
    adml = ET.parse(ADML).getroot()
    strings = {s.get("id") for s in adml.iter(f"{GP}string")}
    presentations = {p.get("id"): p for p in adml.iter(f"{GP}presentation")}
    text = ADMX.read_text(encoding="utf-8")
    for ref in re.findall(r"\$\(string\.([A-Za-z0-9_]+)\)", text):
        assert ref in strings, ref
    for policy in admx_policies():
        ref = re.fullmatch(r"\$\(presentation\.(\w+)\)", policy.get("presentation", "$(presentation.)"))
        if policy.find(f"{GP}elements") is None:
            continue
        assert ref is not None and ref.group(1) in presentations
        element_ids = {e.get("id") for e in policy.find(f"{GP}elements") or []}
        refs = {c.get("refId") for c in presentations[ref.group(1)]}
        assert refs == element_ids


def test_example_policy_file_is_valid_and_locks() -> None:
    example = ROOT / "packaging" / "linux" / "policy.toml.example"
    config = load_config(
        environ={}, policy_source=FilePolicy(example), user_settings_path=example.with_name("none.toml")
    )
    assert config.problems == []
    assert config.is_locked("server_url") and config.is_locked("campaign")


def test_desktop_entry_starts_the_installed_program_with_our_icon() -> None:
    desktop = (ROOT / "packaging" / "linux" / "voicebooth.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/voicebooth/voicebooth\n" in desktop and "Icon=voicebooth\n" in desktop
    assert (ROOT / "resources" / "icons" / "voicebooth.svg").is_file()
