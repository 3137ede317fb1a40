"""The real packages, built and run: frozen build, .deb in a scratch root, wixl MSI, MSI logic under Wine.

Not part of the default CI run (a fresh build takes minutes). One command: ``./packaging/build.sh test``
(installs the tools it needs, then ``pytest packaging/tests -s``). Each step prints what it measured.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tests.helpers, recorder (this folder is outside the default testpaths)

from tests.helpers.intake_server import RunningServer, intake_server  # noqa: E402

__all__ = ["intake_server"]  # the fixture
WINE = Path("/usr/lib/wine/wine64")
CHECKS = ("Build", "Qt", "Configuration", "Data folder", "Log file", "Campaign pack", "ffmpeg", "Cameras",
          "Microphones", "Intake server", "TLS trust")  # fmt: skip


def load_script(relative: str) -> ModuleType:
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def version() -> str:
    from recorder import __version__

    return __version__


def size_mib(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1024**2
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1024**2


def say(text: str) -> None:
    print(f"\n[packaging] {text}", flush=True)


@dataclass
class Builds:
    out: Path
    app: Path
    deb: Path


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """A fresh frozen build and .deb, made with the same commands a developer runs."""
    out = tmp_path_factory.mktemp("packaging")
    env = dict(os.environ, OUT=str(out))
    say(f"load before building: {os.getloadavg()[0]:.2f}")
    started = time.monotonic()
    subprocess.run([str(ROOT / "packaging" / "build.sh"), "frozen"], env=env, check=True)
    frozen_s = time.monotonic() - started
    app = out / "dist" / "voicebooth"
    say(f"frozen build: {frozen_s:.0f} s, {size_mib(app):.0f} MiB in {len(list(app.rglob('*')))} files")
    started = time.monotonic()
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "linux" / "build_deb.py"), "--app", str(app),
         "--version", version(), "--out", str(out)],
        check=True,
    )  # fmt: skip
    deb_s = time.monotonic() - started
    deb = next(out.glob("voicebooth_*.deb"))
    say(f".deb: {deb_s:.0f} s, {size_mib(deb):.0f} MiB ({deb.name})")
    return Builds(out, app, deb)


def isolated_env(tmp_path: Path, policy: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOICEBOOTH_", "QT_"))}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)  # IT runs it over SSH: the Qt check says it used offscreen
    home = tmp_path / "home"
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_DIRS=str(tmp_path / "xdg"),
    )
    site = tmp_path / "xdg" / "Voicebooth" / "policy.toml"
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text(policy, encoding="utf-8")
    return env


def self_test(program: Path, env: dict[str, str], cwd: Path) -> tuple[int, str, dict[str, str]]:
    proc = subprocess.run(
        [str(program), "--self-test"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    found = {}
    for line in proc.stdout.splitlines():
        match = re.match(r"^(PASS|WARN|SKIP|FAIL)\s+(.+?)\s{2,}", line)
        if match:
            found[match.group(2).strip()] = match.group(1)
    return proc.returncode, proc.stdout + proc.stderr[-2000:], found


def assert_healthy(code: int, report: str, found: dict[str, str], server: RunningServer, log: Path) -> None:
    assert tuple(found) == CHECKS, report
    for name in ("Build", "Qt", "Configuration", "Data folder", "Log file", "Campaign pack", "ffmpeg",
                 "Intake server", "TLS trust"):  # fmt: skip
        assert found[name] == "PASS", f"{name} did not pass:\n{report}"
    assert "installed build" in report
    assert "Played a test video through QtMultimedia" in report  # Qt's FFmpeg plugin made it into the build
    assert f"server_url = {server.url}  [IT policy, locked]" in report
    assert "vbk_frozen_secret" not in report + log.read_text(encoding="utf-8")
    # No camera or microphone on this machine: an honest WARN, not a FAIL; the exit code follows FAIL lines.
    assert code == (1 if "FAIL" in found.values() else 0), report


POLICY = 'server_url = "{url}"\nupload_key = "vbk_frozen_secret"\nlocked = ["server_url"]\n'


def test_frozen_build_self_test(builds: Builds, tmp_path: Path, intake_server: RunningServer) -> None:
    env = isolated_env(tmp_path, POLICY.format(url=intake_server.url))
    env["VOICEBOOTH_LOG_DIR"] = str(tmp_path / "logs")
    started = time.monotonic()
    code, report, found = self_test(builds.app / "voicebooth", env, tmp_path)
    say(f"frozen build --self-test ({time.monotonic() - started:.1f} s, exit code {code}):\n{report}")
    assert_healthy(code, report, found, intake_server, tmp_path / "logs" / "voicebooth.log")


def test_frozen_build_is_the_desktop_app_only(builds: Builds, tmp_path: Path) -> None:
    """No intake server or its libraries, no second FFmpeg for OpenCV; --demo says so plainly; no -c."""
    internal = builds.app / "_internal"
    for left_out in ("server", "uvloop", "psycopg", "psycopg_binary", "sqlalchemy", "fastapi",
                     "pydantic_core", "jinja2", "imageio_ffmpeg"):  # fmt: skip
        assert not (internal / left_out).exists(), left_out
    assert not list(internal.rglob("*qgtk3*")) and not list(internal.rglob("libgtk-3*"))
    assert (internal / "cv2" / "data" / "haarcascade_frontalface_default.xml").is_file()  # the face finder
    assert load_script("packaging/trim.py").leftovers(builds.app, sys.platform) == []
    program = str(builds.app / "voicebooth")
    env = isolated_env(tmp_path, "")
    demo = subprocess.run(
        [program, "--demo"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert demo.returncode == 1 and "developer install" in demo.stderr, demo.stderr[-2000:]
    refused = subprocess.run([program, "-c", "print('hello')"], capture_output=True, text=True, check=False)
    assert refused.returncode == 2 and "hello" not in refused.stdout
    assert "-c is not supported" in refused.stderr


def test_deb_installs_into_a_scratch_root_self_tests_and_uninstalls(
    builds: Builds, tmp_path: Path, intake_server: RunningServer
) -> None:
    info = subprocess.run(["dpkg-deb", "--info", str(builds.deb)], capture_output=True, text=True, check=True)
    assert "Package: voicebooth" in info.stdout and "libc6 (>=" in info.stdout
    members = subprocess.run(["ar", "t", str(builds.deb)], capture_output=True, text=True, check=True).stdout
    assert "data.tar.zst" in members and "control.tar.zst" in members
    # Depends resolve on this (real) system without installing anything.
    simulate = subprocess.run(
        ["apt-get", "install", "--simulate", "-q", str(builds.deb)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert simulate.returncode == 0, simulate.stdout + simulate.stderr
    root = tmp_path / "root"
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "var/log"):
        (root / folder).mkdir(parents=True)
    for name in ("status", "available"):
        (root / "var/lib/dpkg" / name).touch()
    dpkg = ["dpkg", f"--root={root}", "--force-script-chrootless", "--force-depends", "--force-not-root"]
    started = time.monotonic()
    subprocess.run([*dpkg, "-i", str(builds.deb)], check=True, capture_output=True, text=True)
    say(f".deb installed into {root} in {time.monotonic() - started:.1f} s")
    program = root / "opt" / "voicebooth" / "voicebooth"
    assert program.is_file() and os.access(program, os.X_OK)
    assert os.readlink(root / "usr/bin/voicebooth") == "/opt/voicebooth/voicebooth"
    desktop = (root / "usr/share/applications/voicebooth.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/voicebooth/voicebooth" in desktop and "Icon=voicebooth" in desktop
    assert (root / "usr/share/icons/hicolor/scalable/apps/voicebooth.svg").is_file()
    assert (root / "usr/share/icons/hicolor/256x256/apps/voicebooth.png").is_file()
    licences = (root / "usr/share/doc/voicebooth/THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    assert "distribution's ffmpeg package is used" in licences and "PySide6" in licences
    assert "ffmpeg (>= 7:5.1)" in info.stdout  # the distribution's ffmpeg, not a bundled one
    assert not (root / "etc/voicebooth/policy.toml").exists()  # IT's file, never shipped
    env = isolated_env(tmp_path, POLICY.format(url=intake_server.url))
    env["VOICEBOOTH_LOG_DIR"] = str(tmp_path / "deb-logs")
    started = time.monotonic()
    code, report, found = self_test(program, env, tmp_path)
    say(f"installed .deb --self-test ({time.monotonic() - started:.1f} s, exit code {code}):\n{report}")
    assert_healthy(code, report, found, intake_server, tmp_path / "deb-logs" / "voicebooth.log")
    subprocess.run([*dpkg, "-r", "voicebooth"], check=True, capture_output=True, text=True)
    left = [
        p for p in root.rglob("*") if p.is_file() and "var/lib/dpkg" not in str(p) and "var/log" not in str(p)
    ]
    assert left == [] and not (root / "opt" / "voicebooth").exists()


#: Issue 16's targets (MiB): the .deb file, and what it installs (its Installed-Size).
DEB_MAX_MIB = 120
INSTALLED_MAX_MIB = 320


def test_package_sizes_are_within_target(builds: Builds) -> None:
    say(
        "largest parts of the frozen build (MiB):\n"
        + load_script("packaging/size_report.py").table([builds.app])
    )
    control = subprocess.run(
        ["dpkg-deb", "-f", str(builds.deb), "Installed-Size"], capture_output=True, text=True, check=True
    )
    installed_mib = int(control.stdout) / 1024
    say(f".deb {size_mib(builds.deb):.1f} MiB, installs {installed_mib:.1f} MiB")
    assert size_mib(builds.deb) <= DEB_MAX_MIB
    assert installed_mib <= INSTALLED_MAX_MIB


@pytest.fixture(scope="module")
def wixl_smoke() -> ModuleType:
    return load_script("packaging/windows/wixl_smoke.py")


def test_msi_smoke_build_has_every_table_the_wix_source_promises(
    builds: Builds, wixl_smoke: ModuleType, tmp_path: Path
) -> None:
    assets = builds.out / "work" / "voicebooth" / "assets"
    started = time.monotonic()
    msi = wixl_smoke.build(builds.app, version(), tmp_path, assets)
    say(f"wixl smoke MSI of the frozen build: {time.monotonic() - started:.0f} s, {size_mib(msi):.0f} MiB")
    upgrade_code = (
        wixl_smoke.ET.parse(wixl_smoke.SOURCE).getroot().find(f"{wixl_smoke.V4}Package").get("UpgradeCode")
    )
    assert wixl_smoke.check_tables(msi, version(), upgrade_code) == []
    files = wixl_smoke.table(msi, "File")
    assert len(files) == len([p for p in builds.app.rglob("*") if p.is_file()])


def tiny_app(tmp_path: Path) -> Path:
    """A small payload: the MSI logic under test is properties and registry, not 600 MB of files."""
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    (app / "voicebooth.exe").write_bytes(b"MZ placeholder")
    (app / "voicebooth-cli.exe").write_bytes(b"MZ placeholder")
    (app / "_internal" / "base_library.zip").write_bytes(b"PK")
    return app


@dataclass
class Wine:
    prefix: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, WINEPREFIX=str(self.prefix), WINEDEBUG="-all", WINEARCH="win64")
        env.pop("DISPLAY", None)
        return subprocess.run(
            [str(WINE), *args], env=env, capture_output=True, text=True, timeout=300, check=False
        )

    def msiexec(self, *args: str) -> None:
        result = self.run("msiexec", *args, "/qn")
        assert result.returncode == 0, (
            f"msiexec {' '.join(args)} -> {result.returncode}\n{result.stderr[-1500:]}"
        )

    def products(self) -> int:
        """How many Voicebooth products Windows Installer has registered (Add/Remove Programs)."""
        key = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
        out = self.run("reg", "query", key, "/s").stdout.replace("\r", "")
        return len(re.findall(r"DisplayName\s+REG_SZ\s+Voicebooth\s*$", out, re.MULTILINE))

    def policy(self) -> dict[str, str]:
        out = self.run("reg", "query", r"HKLM\Software\Policies\Voicebooth").stdout
        values = {}
        for line in out.replace("\r", "").splitlines():
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[1].startswith("REG_"):
                values[parts[0]] = parts[2]
        return values


@pytest.fixture
def wine(tmp_path: Path) -> Iterator[Wine]:
    if not WINE.exists():
        pytest.skip("wine64 is not installed (./packaging/build.sh test installs it)")
    prefix = tmp_path / "wineprefix"
    box = Wine(prefix)
    box.run("wineboot", "-i")
    box.run("winecfg", "-v", "win10")  # the MSI's launch condition wants Windows 10
    try:
        yield box
    finally:
        box.run("wineserver", "-k")
        shutil.rmtree(prefix, ignore_errors=True)


def two_versions(wixl_smoke: ModuleType, tmp_path: Path, assets: Path, source: Path) -> tuple[Path, Path]:
    app = tiny_app(tmp_path)
    first = wixl_smoke.build(app, "0.1.0", (tmp_path / "v1").resolve(), assets, source)
    second = wixl_smoke.build(app, "0.1.1", (tmp_path / "v2").resolve(), assets, source)
    return first, second


def test_msi_under_wine_remembers_properties_across_upgrades_and_uninstalls_cleanly(
    builds: Builds, wixl_smoke: ModuleType, wine: Wine, tmp_path: Path
) -> None:
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    assets = builds.out / "work" / "voicebooth" / "assets"
    first, second = two_versions(wixl_smoke, tmp_path, assets, wixl_smoke.SOURCE)
    wine.msiexec("/i", str(first), "SERVERURL=https://intake.example.nhs.uk", "CAMPAIGN=nhs-voices-2026",
                 "UPLOADKEY=vbk_wine_1")  # fmt: skip
    installed = wine.policy()
    assert installed == {
        "server_url": "https://intake.example.nhs.uk",
        "campaign": "nhs-voices-2026",
        "upload_key": "vbk_wine_1",
        "locked": "server_url,campaign,campaign_pack,proxy,pac_url,upload_key",
    }
    assert wine.products() == 1
    wine.msiexec("/i", str(second))  # major upgrade, no properties passed: remembered
    assert wine.policy() == installed
    assert wine.products() == 1  # the old version was removed
    wine.msiexec(
        "/i", str(second), "REINSTALL=ALL", "REINSTALLMODE=vomus", "CAMPAIGN=winter-2026", "LOCKED=server_url"
    )
    assert wine.policy() == {**installed, "campaign": "winter-2026", "locked": "server_url"}
    program_files = wine.prefix / "drive_c" / "Program Files" / "Voicebooth"
    assert (program_files / "voicebooth.exe").is_file()
    wine.msiexec("/x", str(second))
    assert wine.policy() == {} and not program_files.exists() and wine.products() == 0
    say("Wine msiexec: install with properties, upgrade remembering them, change one, uninstall: OK")


def test_under_wine_an_msi_without_the_remember_pattern_orphans_the_settings(
    builds: Builds, wixl_smoke: ModuleType, wine: Wine, tmp_path: Path
) -> None:
    """The control experiment: with the registry searches removed, the same install -> upgrade -> uninstall
    ends differently, so the test above can fail. Without remembering, the upgrade's new version does not
    know SERVERURL, so it neither writes nor owns server_url (Windows Installer also leaves a conditional
    component of the old version in place when its condition is false at removal): the value outlives the
    uninstall, where the real MSI removes it."""
    text = wixl_smoke.SOURCE.read_text(encoding="utf-8")
    forgetful = re.sub(r"\s*<RegistrySearch [^>]*/>", "", text)
    assert forgetful != text
    source = tmp_path / "Forgetful.wxs"
    source.write_text(forgetful, encoding="utf-8")
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    first, second = two_versions(wixl_smoke, tmp_path, builds.out / "work" / "voicebooth" / "assets", source)
    wine.msiexec("/i", str(first), "SERVERURL=https://intake.example.nhs.uk")
    assert wine.policy()["server_url"] == "https://intake.example.nhs.uk"
    wine.msiexec("/i", str(second))
    wine.msiexec("/x", str(second))
    assert wine.policy() == {"server_url": "https://intake.example.nhs.uk"}  # orphaned: no product owns it
