"""Smoke-builds the MSI on Linux with Debian's ``wixl`` from the real WiX v5 source, then checks its tables.

wixl understands a WiX 3 subset only, so :func:`to_wix3` translates ``Voicebooth.wxs`` (v4/v5 schema) into it:
``Package`` -> ``Product``/``Package``, ``StandardDirectory`` -> ``Directory`` under ``TARGETDIR``,
``SetProperty`` -> type-51 ``CustomAction`` + ``Custom`` rows, ``Files`` -> a ``wixl-heat`` fragment,
``Bitness="always64"`` -> ``Win64="yes"``. What wixl cannot express is applied afterwards with
``msibuild`` SQL, straight from the v5 attributes: component conditions, ``Secure``
(SecureCustomProperties), ``Hidden`` (MsiHiddenProperties), ``HideTarget`` and ``MajorUpgrade/@Schedule``
(RemoveExistingProducts' place).

:func:`check_tables` then reads the MSI back with ``msiinfo`` and checks the remember-property pattern, the
registry values, the upgrade table and the sequences. It cannot *run* Windows Installer: see
packaging/windows/README.md for what is and is not verified.

Usage: ``python packaging/windows/wixl_smoke.py --app DIST/voicebooth --version 0.1.0 --out OUT``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "Voicebooth.wxs"
V4 = "{http://wixtoolset.org/schemas/v4/wxs}"
V3_NS = "http://schemas.microsoft.com/wix/2006/wi"
POLICY_KEY = r"SOFTWARE\Policies\Voicebooth"
#: MSI property -> registry value name the app reads (recorder/config/policy.py).
REMEMBERED = {
    "SERVERURL": "server_url",
    "CAMPAIGN": "campaign",
    "CAMPAIGNPACK": "campaign_pack",
    "PROXY": "proxy",
    "PACURL": "pac_url",
    "UPLOADKEY": "upload_key",
    "LOCKED": "locked",
}
CA_SET_PROPERTY = 51
CA_FIRST_SEQUENCE = 0x100
CA_HIDE_TARGET = 0x2000
REG_64BIT = 0x10


@dataclass
class Fixups:
    """What wixl cannot author, collected from the v5 source, applied to the MSI with SQL."""

    component_conditions: dict[str, str] = field(default_factory=dict)
    secure: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    hide_target: list[str] = field(default_factory=list)
    first_sequence: list[str] = field(default_factory=list)
    upgrade_schedule: str = "afterInstallValidate"


def _sub(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    return ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})


def _schedule(sequences: list[ET.Element], action: str, src: ET.Element, condition: str | None) -> None:
    for sequence in sequences:
        custom = _sub(sequence, "Custom", Action=action)
        for attr in ("Before", "After"):
            if src.get(attr):
                custom.set(attr, src.get(attr, ""))
        if condition:
            custom.text = condition


def to_wix3(source: Path) -> tuple[ET.ElementTree, Fixups]:
    """The wixl-compatible document for ``source`` and the fixups to apply after wixl."""
    root = ET.parse(source).getroot()
    package = root.find(f"{V4}Package")
    if package is None:
        raise SystemExit(f"{source}: no Package element")
    fixups = Fixups()
    wix = ET.Element("Wix", xmlns=V3_NS)
    product = _sub(
        wix,
        "Product",
        Id="*",
        Name=package.get("Name", ""),
        Manufacturer=package.get("Manufacturer", ""),
        Version="$(var.Version)",
        UpgradeCode=package.get("UpgradeCode", ""),
        Language=package.get("Language", "1033"),
    )
    summary = package.find(f"{V4}SummaryInformation")
    _sub(
        product,
        "Package",
        InstallerVersion=package.get("InstallerVersion", "500"),
        Compressed="yes",
        InstallScope="perMachine" if package.get("Scope", "perMachine") == "perMachine" else "perUser",
        Description=summary.get("Description", "") if summary is not None else "",
    )
    execute = _sub(product, "InstallExecuteSequence")
    ui = _sub(product, "InstallUISequence")
    targetdir = _sub(product, "Directory", Id="TARGETDIR", Name="SourceDir")
    directories: dict[str, ET.Element] = {}
    groups: dict[str, ET.Element] = {}
    features: list[ET.Element] = []

    def component(src: ET.Element, directory: ET.Element) -> None:
        comp = _sub(directory, "Component", Id=src.get("Id", ""), Guid="*")
        if src.get("Bitness") == "always64":
            comp.set("Win64", "yes")
        if src.get("Condition"):
            fixups.component_conditions[src.get("Id", "")] = src.get("Condition", "")
        for child in src:
            tag = child.tag.removeprefix(V4)
            attrs = dict(child.attrib)
            if tag == "Shortcut":
                attrs.setdefault("Directory", directory.get("Id", ""))
            _sub(comp, tag, **attrs)

    for element in package:
        tag = element.tag.removeprefix(V4)
        if tag == "MajorUpgrade":
            fixups.upgrade_schedule = element.get("Schedule", "afterInstallValidate")
            _sub(product, "MajorUpgrade", DowngradeErrorMessage=element.get("DowngradeErrorMessage", ""))
        elif tag == "MediaTemplate":
            _sub(product, "MediaTemplate", EmbedCab=element.get("EmbedCab", "yes"))
        elif tag == "Launch":
            _sub(product, "Condition", Message=element.get("Message", "")).text = element.get("Condition")
        elif tag == "Icon":
            # wixl only finds files by relative paths: build() links the assets folder in as "assets".
            source_file = element.get("SourceFile", "").replace("!(bindpath.assets)\\", "assets/")
            _sub(product, "Icon", Id=element.get("Id", ""), SourceFile=source_file.replace("\\", "/"))
        elif tag == "Property":
            prop = _sub(product, "Property", Id=element.get("Id", ""), Value=element.get("Value"))
            if element.get("Secure") == "yes":
                fixups.secure.append(element.get("Id", ""))
            if element.get("Hidden") == "yes":
                fixups.hidden.append(element.get("Id", ""))
            for search in element.findall(f"{V4}RegistrySearch"):
                attrs = {k: v for k, v in search.attrib.items() if k != "Bitness"}
                if search.get("Bitness") == "always64":
                    attrs["Win64"] = "yes"
                _sub(prop, "RegistrySearch", **attrs)
            if element.get("Value") is None and not len(element):
                product.remove(prop)  # a bare Secure/Hidden declaration: only the fixups matter
        elif tag == "SetProperty":
            action = element.get("Action") or "Set" + element.get("Id", "")
            _sub(
                product,
                "CustomAction",
                Id=action,
                Property=element.get("Id", ""),
                Value=element.get("Value", ""),
                Execute="firstSequence",
            )
            fixups.first_sequence.append(action)
            sequence = element.get("Sequence", "both")
            targets = {"execute": [execute], "ui": [ui]}.get(sequence, [execute, ui])
            _schedule(targets, action, element, element.get("Condition"))
        elif tag == "CustomAction":
            attrs = {k: v for k, v in element.attrib.items() if k != "HideTarget"}
            _sub(product, "CustomAction", **attrs)
            if element.get("Execute") == "firstSequence":
                fixups.first_sequence.append(element.get("Id", ""))
            if element.get("HideTarget") == "yes":
                fixups.hide_target.append(element.get("Id", ""))
        elif tag in ("InstallUISequence", "InstallExecuteSequence"):
            target = ui if tag == "InstallUISequence" else execute
            for custom in element:
                _schedule([target], custom.get("Action", ""), custom, custom.get("Condition"))
        elif tag == "StandardDirectory":
            standard = _sub(targetdir, "Directory", Id=element.get("Id", ""))
            directories[element.get("Id", "")] = standard
            for child in element:
                child_tag = child.tag.removeprefix(V4)
                if child_tag == "Directory":
                    directories[child.get("Id", "")] = _sub(
                        standard, "Directory", Id=child.get("Id", ""), Name=child.get("Name", "")
                    )
                elif child_tag == "Component":
                    component(child, standard)
        elif tag == "ComponentGroup":
            group = ET.Element("ComponentGroup", Id=element.get("Id", ""))
            groups[element.get("Id", "")] = group
            for child in element:
                child_tag = child.tag.removeprefix(V4)
                if child_tag == "Files":
                    group.set("Harvest", element.get("Directory", "INSTALLFOLDER"))
                elif child_tag == "Component":
                    component(child, directories[element.get("Directory", "INSTALLFOLDER")])
                    _sub(group, "ComponentRef", Id=child.get("Id", ""))
        elif tag == "Feature":
            features.append(element)
        elif tag == "SummaryInformation":
            continue
        else:
            raise SystemExit(f"wixl_smoke.py does not know how to translate <{tag}>: extend to_wix3")
    for group in groups.values():
        if group.get("Harvest") is None:  # wixl wants component groups in a fragment
            _sub(wix, "Fragment").append(group)
    for feature in features:
        out = _sub(product, "Feature", Id=feature.get("Id", ""), Title=feature.get("Title", ""), Level="1")
        if feature.get("AllowAbsent") == "no":
            out.set("Absent", "disallow")
        for ref in feature:
            _sub(out, ref.tag.removeprefix(V4), Id=ref.get("Id", ""))
    return ET.ElementTree(wix), fixups


def harvest(app: Path, out: Path, directory: str = "INSTALLFOLDER", group: str = "AppFiles") -> Path:
    files = (
        "\n".join(f"{app.name}/{p.relative_to(app)}" for p in sorted(app.rglob("*")) if p.is_file()) + "\n"
    )
    proc = subprocess.run(
        ["wixl-heat", "-p", f"{app.name}/", "--directory-ref", directory, "--component-group", group,
         "--var", "var.AppDir", "--win64"],
        input=files, capture_output=True, text=True, check=True,
    )  # fmt: skip
    out.write_text(proc.stdout, encoding="utf-8")
    return out


def apply_fixups(msi: Path, fixups: Fixups) -> None:
    queries = [
        f"UPDATE `Component` SET `Condition` = '{condition}' WHERE `Component` = '{component}'"
        for component, condition in fixups.component_conditions.items()
    ]
    existing = {row["Property"]: row["Value"] for row in table(msi, "Property")}
    for name, values in (("SecureCustomProperties", fixups.secure), ("MsiHiddenProperties", fixups.hidden)):
        if not values:
            continue
        merged = ";".join(dict.fromkeys([*filter(None, existing.get(name, "").split(";")), *values]))
        if name in existing:
            queries.append(f"UPDATE `Property` SET `Value` = '{merged}' WHERE `Property` = '{name}'")
        else:
            queries.append(f"INSERT INTO `Property` (`Property`, `Value`) VALUES ('{name}', '{merged}')")
    # wixl 0.101 writes firstSequence as 0x800 (msidbCustomActionTypeNoImpersonate); WiX writes 0x100.
    for action in fixups.first_sequence:
        kind = CA_SET_PROPERTY | CA_FIRST_SEQUENCE | (CA_HIDE_TARGET if action in fixups.hide_target else 0)
        queries.append(f"UPDATE `CustomAction` SET `Type` = {kind} WHERE `Action` = '{action}'")
    if fixups.upgrade_schedule == "afterInstallInitialize":
        queries.append(
            "UPDATE `InstallExecuteSequence` SET `Sequence` = 1550 WHERE `Action` = 'RemoveExistingProducts'"
        )
    for query in queries:
        subprocess.run(["msibuild", str(msi), "-q", query], check=True, capture_output=True, text=True)


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """Rows of an MSI table as dicts (msiinfo export: header, types, key line, then rows)."""
    text = subprocess.run(
        ["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:] if line]


def check_tables(msi: Path, version: str, upgrade_code: str) -> list[str]:
    """Problems found in the smoke MSI (empty when it has everything the v5 source promises)."""
    problems: list[str] = []
    props = {row["Property"]: row["Value"] for row in table(msi, "Property")}
    if props.get("ProductVersion") != version:
        problems.append(f"ProductVersion is {props.get('ProductVersion')!r}, expected {version!r}")
    if props.get("UpgradeCode", "").upper() != "{" + upgrade_code.upper() + "}":
        problems.append(f"UpgradeCode is {props.get('UpgradeCode')!r}")
    if props.get("ALLUSERS") != "1":
        problems.append("not a per-machine package (ALLUSERS is not 1)")
    secure = set(props.get("SecureCustomProperties", "").split(";"))
    if "UPLOADKEY" not in props.get("MsiHiddenProperties", "").split(";"):
        problems.append("UPLOADKEY is not hidden from MSI logs")
    upgrades = {row["ActionProperty"]: row for row in table(msi, "Upgrade")}
    if "WIX_UPGRADE_DETECTED" not in upgrades or "WIX_DOWNGRADE_DETECTED" not in upgrades:
        problems.append("the Upgrade table lacks the major-upgrade rows")
    sequence = {row["Action"]: row for row in table(msi, "InstallExecuteSequence")}
    ui_sequence = {row["Action"]: row for row in table(msi, "InstallUISequence")}

    def position(action: str) -> int:
        return int(sequence[action]["Sequence"]) if action in sequence else -1

    if not position("InstallInitialize") < position("RemoveExistingProducts") < position("ProcessComponents"):
        problems.append("RemoveExistingProducts is not scheduled right after InstallInitialize")
    searches = {row["Property"]: row["Signature_"] for row in table(msi, "AppSearch")}
    locators = {row["Signature_"]: row for row in table(msi, "RegLocator")}
    actions = {row["Action"]: row for row in table(msi, "CustomAction")}
    registry = {row["Name"]: row for row in table(msi, "Registry")}
    components = {row["Component"]: row for row in table(msi, "Component")}
    for prop, value_name in REMEMBERED.items():
        where = f"{prop} ({value_name})"
        if prop not in secure:
            problems.append(f"{where}: not in SecureCustomProperties")
        locator = locators.get(searches.get(prop, ""))
        if locator is None:
            problems.append(f"{where}: no registry search remembers it")
        elif (locator["Root"], locator["Key"], locator["Name"]) != ("2", POLICY_KEY, value_name) or not (
            int(locator["Type"]) & REG_64BIT
        ):
            problems.append(f"{where}: the registry search looks in the wrong place: {locator}")
        save, restore = actions.get(f"Set{prop}_CMD"), actions.get(f"Set{prop}")
        if save is None or restore is None:
            problems.append(f"{where}: the save/restore custom actions are missing")
            continue
        for row, source, target in ((save, f"{prop}_CMD", f"[{prop}]"), (restore, prop, f"[{prop}_CMD]")):
            kind = int(row["Type"])
            if kind & 0x3F != CA_SET_PROPERTY or not kind & CA_FIRST_SEQUENCE:
                problems.append(f"{where}: {row['Action']} is not a first-sequence set-property action")
            if (row["Source"], row["Target"]) != (source, target):
                problems.append(f"{where}: {row['Action']} sets {row['Source']}={row['Target']}")
        for seq_name, seq in (("execute", sequence), ("UI", ui_sequence)):
            save_row, restore_row, search_row = (
                seq.get(save["Action"]),
                seq.get(restore["Action"]),
                seq.get("AppSearch"),
            )
            if not (save_row and restore_row and search_row):
                problems.append(f"{where}: not scheduled in the {seq_name} sequence")
                continue
            if not int(save_row["Sequence"]) < int(search_row["Sequence"]) < int(restore_row["Sequence"]):
                problems.append(
                    f"{where}: save/AppSearch/restore are out of order in the {seq_name} sequence"
                )
            if (save_row["Condition"], restore_row["Condition"]) != (prop, f"{prop}_CMD"):
                problems.append(f"{where}: wrong conditions in the {seq_name} sequence")
        reg = registry.get(value_name)
        if reg is None or reg["Key"] != POLICY_KEY or reg["Root"] != "2" or reg["Value"] != f"[{prop}]":
            problems.append(f"{where}: not written to HKLM\\{POLICY_KEY}")
        elif components.get(reg["Component_"], {}).get("Condition") != prop:
            problems.append(f"{where}: written even when the property is not set")
        elif not int(components[reg["Component_"]]["Attributes"]) & 256:
            problems.append(f"{where}: not written to the 64-bit registry")
    if props.get("LOCKED"):
        problems.append(
            "LOCKED has a static default (it would defeat remembering); it must be set by an action"
        )
    default = actions.get("SetLockedDefault")
    if default is None or "server_url" not in default["Target"]:
        problems.append("no default lock list")
    hidden_actions = sorted(a for a, row in actions.items() if int(row["Type"]) & CA_HIDE_TARGET)
    if hidden_actions != ["SetUPLOADKEY", "SetUPLOADKEY_CMD"]:
        problems.append(f"only the upload key's actions should hide their targets, not {hidden_actions}")
    return problems


def build(app: Path, version: str, out: Path, assets: Path, source: Path = SOURCE) -> Path:
    """Translate ``source``, build the MSI from ``app`` with wixl into ``out``, apply the fixups."""
    tree, fixups = to_wix3(source)
    work = Path(tempfile.mkdtemp(prefix="wixl-", dir=out))
    try:
        main_wxs = work / "Voicebooth.wix3.wxs"
        ET.indent(tree)
        tree.write(main_wxs, encoding="utf-8", xml_declaration=True)
        (work / "app").symlink_to(app, target_is_directory=True)
        (work / "assets").symlink_to(assets, target_is_directory=True)
        files_wxs = harvest(work / "app", work / "files.wxs")
        msi = out / f"Voicebooth-{version}-x64-wixl-smoke.msi"
        msi.unlink(missing_ok=True)
        subprocess.run(
            ["wixl", "-a", "x64", "-D", f"Version={version}", "-D", "AppDir=app", "-D", "Win64=yes",
             "-o", str(msi), main_wxs.name, files_wxs.name],
            check=True, cwd=work,
        )  # fmt: skip
        apply_fixups(msi, fixups)
        shutil.copy(main_wxs, out / "Voicebooth.wix3-smoke.wxs")  # kept for reading what wixl was given
        return msi
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Smoke-build the MSI with wixl and check its tables.")
    parser.add_argument("--app", type=Path, required=True, help="the one-folder build to package")
    parser.add_argument("--assets", type=Path, help="prepared assets (default: OUT/work/voicebooth/assets)")
    parser.add_argument("--version", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    assets = (args.assets or out / "work" / "voicebooth" / "assets").resolve()
    msi = build(args.app.resolve(), args.version, out, assets)
    upgrade_code = ET.parse(SOURCE).getroot().find(f"{V4}Package").get("UpgradeCode", "")  # type: ignore[union-attr]
    problems = check_tables(msi, args.version, upgrade_code)
    print(f"{msi}: {msi.stat().st_size / 1024**2:.1f} MiB")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("MSI tables: OK" if not problems else f"MSI tables: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
