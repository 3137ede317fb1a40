"""Builds ``voicebooth_<version>_<arch>.deb`` from the PyInstaller one-folder build, with dpkg-deb and zstd.

Layout: the app in ``/opt/voicebooth`` (``/usr/bin/voicebooth`` links to it), a menu entry
(``/usr/share/applications/voicebooth.desktop``), icons in the hicolor theme, and in
``/usr/share/doc/voicebooth`` the copyright file, third-party licences, the IT guide and an example policy.
Machine policy itself is IT's: ``/etc/voicebooth/policy.toml`` is never shipped or touched.

``Depends`` is worked out from the build: every shared library the bundled programs load from the system
(resolved with ``ldd`` as the frozen program sees them, bundled folder first) mapped to its Debian package,
plus ``EXTRA_DEPENDS`` (the distribution's ffmpeg among them).

Usage: ``python packaging/linux/build_deb.py --app DIST/voicebooth --version 0.1.0 --out OUT``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = "voicebooth"
INSTALL_DIR = Path("opt") / PACKAGE
MAINTAINER = "Voicebooth maintainers <voicebooth@example.nhs.uk>"
#: Needed at run time but not found by ldd: trust store for TLS, font configuration for Qt, and the
#: distribution's ffmpeg (libx264, AAC, loudnorm/ebur128, libass), which the package uses instead of bundling
#: one (IT-GUIDE.md). 5.1 (Debian 12) is the oldest the app's command lines work with (-fps_mode).
EXTRA_DEPENDS = ("ca-certificates", "fontconfig-config", "ffmpeg (>= 7:5.1)")
RECOMMENDS = "fonts-dejavu-core | fonts-liberation2, pulseaudio | pipewire-pulse"
IGNORED_LIBS = re.compile(r"libqgtk3")  # the GTK platform theme: optional, used only where GTK is installed


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def elf_files(app: Path) -> list[Path]:
    found = []
    for path in app.rglob("*"):
        if path.is_file() and not path.is_symlink() and not IGNORED_LIBS.search(path.name):
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_libraries(app: Path) -> set[str]:
    """Libraries the build loads from the system (not from its own folder)."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(app / "_internal"))
    libs: set[str] = set()
    for path in elf_files(app):
        proc = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False)
        for line in proc.stdout.splitlines():
            match = re.search(r"=>\s+(/\S+)", line)
            if match and not Path(match.group(1)).resolve().is_relative_to(app.resolve()):
                libs.add(match.group(1))
    return libs


def owning_package(path: str) -> str | None:
    """The Debian package that owns a library (usrmerge-aware)."""
    real = Path(path).resolve()
    for candidate in {path, str(real), "/usr" + path if not path.startswith("/usr") else path[4:]}:
        proc = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if proc.returncode == 0:
            return proc.stdout.split(":", 1)[0].strip()
    return None


def glibc_version() -> str:
    return platform.libc_ver()[1] or "2.36"


def depends(app: Path) -> str:
    packages = {pkg for lib in system_libraries(app) if (pkg := owning_package(lib))}
    packages.discard("libc6")
    parts = [f"libc6 (>= {glibc_version()})", *sorted(packages), *EXTRA_DEPENDS]
    return ", ".join(parts)


def copy_app(app: Path, target: Path) -> None:
    shutil.copytree(app, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)


def installed_size_kib(stage: Path) -> int:
    return sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024 + 1


def stage_tree(app: Path, stage: Path, version: str, arch: str, deps: str) -> None:
    copy_app(app, stage / INSTALL_DIR)
    usr_bin = stage / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    (usr_bin / PACKAGE).symlink_to(Path("/") / INSTALL_DIR / PACKAGE)
    share = stage / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(HERE / "voicebooth.desktop", share / "applications" / "voicebooth.desktop")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "voicebooth.svg", scalable / "voicebooth.svg")
    for png in sorted((app / "_internal" / "resources" / "icons").glob("voicebooth-*.png")):
        size = png.stem.split("-")[1]
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy(png, folder / "voicebooth.png")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy(HERE / "policy.toml.example", doc / "policy.toml.example")
    shutil.copy(ROOT / "packaging" / "IT-GUIDE.md", doc / "IT-GUIDE.md")
    licences = app / "THIRD-PARTY-LICENSES.txt"
    if licences.exists():
        shutil.copy(licences, doc / "THIRD-PARTY-LICENSES.txt")
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Voicebooth\n\n"
        "Files: *\nCopyright: Voicebooth maintainers\nLicense: GPL-3.0-or-later\n"
        " On Debian systems the full text is in /usr/share/common-licenses/GPL-3.\n"
        " Bundled third-party software and its licences (ffmpeg's GPL build, Qt under the LGPL v3, ...)\n"
        " are listed in /usr/share/doc/voicebooth/THIRD-PARTY-LICENSES.txt.\n",
        encoding="utf-8",
    )
    for path in [stage / "usr", *(stage / "usr").rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    debian = stage / "DEBIAN"
    debian.mkdir()
    control = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": arch,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_size_kib(stage)),
        "Depends": deps,
        "Recommends": RECOMMENDS,
        "Section": "video",
        "Priority": "optional",
        "Homepage": "https://example.nhs.uk/voicebooth",
        "Description": "record short staff video stories and send them safely\n"
        " Voicebooth guides a member of staff through recording short answers on camera,\n"
        " makes them ready for social media on the PC, and sends them to the intake\n"
        " server; network leads review them in the same app. Managed by machine policy\n"
        " in /etc/voicebooth/policy.toml; `voicebooth --self-test` checks an installation.",
    }
    (debian / "control").write_text("".join(f"{k}: {v}\n" for k, v in control.items()), encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copy(HERE / script, debian / script)
        (debian / script).chmod(0o755)


def build(app: Path, version: str, out: Path) -> Path:
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    started = time.monotonic()
    deps = depends(app)
    stage = out / "deb-stage"
    if stage.exists():
        shutil.rmtree(stage)
    stage_tree(app, stage, version, arch, deps)
    desktop = stage / "usr" / "share" / "applications" / "voicebooth.desktop"
    if shutil.which("desktop-file-validate"):
        run(["desktop-file-validate", str(desktop)])
    target = out / f"{PACKAGE}_{version}_{arch}.deb"
    target.unlink(missing_ok=True)
    run(["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(stage), str(target)])
    shutil.rmtree(stage)
    elapsed_s = time.monotonic() - started
    print(f"{target}: {target.stat().st_size / 1024**2:.1f} MiB, built in {elapsed_s:.1f} s")
    print(f"Depends: {deps}")
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--app", type=Path, required=True, help="the PyInstaller one-folder build")
    parser.add_argument("--version", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not (args.app / PACKAGE).is_file():
        print(f"{args.app} is not a Voicebooth one-folder build (no {PACKAGE} program)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    build(args.app.resolve(), args.version, args.out.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
