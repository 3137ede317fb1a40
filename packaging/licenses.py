"""Writes THIRD-PARTY-LICENSES.txt for a build: every bundled Python distribution with its licence texts,
plus the parts that are not Python distributions (Python itself, Qt inside PySide6, the ffmpeg program).

Usage: ``python packaging/licenses.py OUT_FILE``. The list is the dependency closure of the installed
``voicebooth`` distribution read with ``importlib.metadata``, less the distributions whose every module the
desktop build leaves out (packaging/trim.py: the intake server's).
"""

from __future__ import annotations

import importlib.metadata as metadata
import importlib.util
import platform
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

HEADER = """Voicebooth third-party licences
===============================

Voicebooth itself is licensed under the GNU General Public License v3.0 or later (GPL-3.0-or-later).
This installation contains the third-party software listed below, each under its own licence.

The ffmpeg program (used to make the videos) is a GPL build: it contains x264 and other GPL components.
On Windows it is included: it is distributed under the GNU GPL version 3 (its configuration enables
--enable-gpl and --enable-version3, shown below), its source code is available from https://ffmpeg.org/ for
the version shown, and the build recipe from the imageio-ffmpeg project
(https://github.com/imageio/imageio-ffmpeg). On Linux it is not included: the package depends on the
distribution's ffmpeg package, under the licence the distribution gives for it.
Qt (inside PySide6) is used under the GNU LGPL v3; its libraries are separate files in this folder and
can be replaced by the user.
"""


def closure(root: str) -> list[metadata.Distribution]:
    """``root`` and every distribution it requires (recursively, with requested extras), sorted by name."""
    from packaging.requirements import Requirement  # the PyPI 'packaging' library (pip's and pytest's)

    seen: dict[str, metadata.Distribution] = {}
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    visited: set[tuple[str, frozenset[str]]] = set()
    while todo:
        name, extras = todo.pop()
        key = name.lower().replace("_", "-")
        if (key, extras) in visited:
            continue
        visited.add((key, extras))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python version
        seen[key] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is not None and not any(
                marker.evaluate({"extra": extra}) for extra in (extras or frozenset({""}))
            ):
                continue
            todo.append((requirement.name, frozenset(requirement.extras)))
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


def licence_of(dist: metadata.Distribution) -> str:
    md: Mapping[str, object] = dist.metadata.json  # keys lower-case with "_", multi-use fields as lists
    expression = str(md.get("license_expression") or "")
    if expression:
        return expression
    raw_classifiers = md.get("classifier") or []
    classifiers = [
        str(c).split("::")[-1].strip()
        for c in (raw_classifiers if isinstance(raw_classifiers, list) else [raw_classifiers])
        if str(c).startswith("License")
    ]
    if classifiers:
        return ", ".join(classifiers)
    text = str(md.get("license") or "").strip().splitlines()
    return text[0][:100] if text else "see the licence text below"


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    out = []
    for file in dist.files or []:
        name = str(file)
        base = name.rsplit("/", 1)[-1].upper()
        if base.startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")) and ".dist-info" in name:
            try:
                out.append((name, Path(str(file.locate())).read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue
    return out


def ffmpeg_section() -> str:
    if sys.platform.startswith("linux"):
        return (
            "ffmpeg (not included: the distribution's ffmpeg package is used)\n"
            f"{'-' * 50}\nDepends: ffmpeg. Debian's and Ubuntu's builds are GPL (--enable-gpl, libx264); "
            "see /usr/share/doc/ffmpeg/copyright.\n"
        )
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
        lines = subprocess.run([exe, "-hide_banner", "-version"], capture_output=True, text=True, check=True)
        info = "\n".join(lines.stdout.splitlines()[:3])
    except Exception as error:  # the build still gets a licence file, saying what could not be read
        info = f"(could not run the bundled ffmpeg: {error})"
    return f"ffmpeg (bundled program, GPL-3.0-or-later build)\n{'-' * 50}\n{info}\n"


def left_out() -> set[str]:
    """Names of the distributions whose every top-level module the desktop build excludes."""
    spec = importlib.util.spec_from_file_location("voicebooth_trim", Path(__file__).with_name("trim.py"))
    assert spec is not None and spec.loader is not None
    trim = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trim)
    excluded = set(trim.excluded_modules(sys.platform))
    modules_of: dict[str, set[str]] = {}
    for module, names in metadata.packages_distributions().items():
        for name in names:
            modules_of.setdefault(name.lower().replace("_", "-"), set()).add(module)
    return {name for name, modules in modules_of.items() if modules <= excluded}


def write(out: Path) -> int:
    skip = left_out()
    dists = [d for d in closure("voicebooth") if d.metadata["Name"].lower().replace("_", "-") not in skip]
    parts = [HEADER, f"Python {platform.python_version()}: Python Software Foundation License (PSF-2.0)\n"]
    parts.append(ffmpeg_section())
    parts.append("Python distributions\n--------------------")
    parts += [
        f"{d.metadata['Name']} {d.version}: {licence_of(d)}"
        for d in dists
        if d.metadata["Name"] != "voicebooth"
    ]
    parts.append("\n\nLicence texts\n=============")
    for dist in dists:
        for name, text in licence_texts(dist):
            parts.append(f"\n----- {dist.metadata['Name']} {dist.version}: {name} -----\n{text.strip()}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return len(dists)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python packaging/licenses.py OUT_FILE", file=sys.stderr)
        return 2
    count = write(Path(argv[0]))
    print(f"{argv[0]}: {count} distributions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
