"""Prints what takes the room in a one-folder build: its large parts, largest first, and the total.

Usage: ``python packaging/size_report.py [--max-mib N] DIST/voicebooth [MORE_BUILDS ...]`` (several builds:
one column each, e.g. before and after a change). Sizes are MiB of the files (symbolic links not counted).
With ``--max-mib`` it exits 1 when a build is larger (the Windows workflow checks issue 16's 320 MiB so).
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

#: (part, patterns on the path inside _internal/, lower case); the first part whose pattern matches wins.
PARTS = (
    ("ffmpeg program (imageio-ffmpeg)", ("imageio_ffmpeg/*",)),
    ("OpenCV: FFmpeg and codecs", ("cv2/opencv_videoio_ffmpeg*", *(
        f"opencv_python_headless.libs/{lib}*"
        for lib in ("libav", "libsw", "libaom", "libvpx", "libdav1d", "libssl", "libcrypto")))),
    ("OpenCV: OpenBLAS and Fortran", ("opencv_python_headless.libs/libopenblas*",
                                      "opencv_python_headless.libs/libgfortran*",
                                      "opencv_python_headless.libs/libquadmath*")),
    ("OpenCV: cv2 module and the rest", ("cv2/*", "opencv_python_headless.libs/*")),
    ("Qt: FFmpeg for playback", ("pyside6/qt/lib/libav*", "pyside6/qt/lib/libsw*", "pyside6/av*.dll",
                                 "pyside6/sw*.dll", "pyside6/qt/lib/libqt6ffmpegstub*")),
    ("Qt: ICU (Unicode data)", ("pyside6/qt/lib/libicu*",)),
    ("Qt: Quick/Qml (linked by the FFmpeg plugin)", (
        "pyside6/qt/lib/libqt6quick*", "pyside6/qt/lib/libqt6qml*", "pyside6/qt6quick*", "pyside6/qt6qml*")),
    ("Qt: PDF, virtual keyboard, EGL", ("*qt6pdf*", "*virtualkeyboard*", "*eglfs*")),
    ("Qt: translations", ("pyside6/qt/translations/*", "pyside6/translations/*")),
    ("Qt: core, widgets, multimedia, plugins", ("pyside6/*", "shiboken6/*")),
    ("numpy and its OpenBLAS", ("numpy/*", "numpy.libs/*")),
    ("Python runtime and standard library", ("libpython*", "python3.*/*", "base_library.zip", "lib-dynload/*",
                                             "python3*.dll", "*.pyd")),
    ("intake server and its libraries", ("server/*", "uvloop/*", "httptools/*", "psycopg*", "sqlalchemy/*",
                                         "pydantic*", "_argon2*", "markupsafe/*", "alembic/*", "greenlet/*")),
    ("cryptography (keyring's Secret Service)", ("cryptography/*",)),
    ("dukpy (PAC proxy scripts)", ("dukpy/*",)),
    ("bundled system libraries (GTK, X11, glib, ...)", ("lib*.so*", "*.dll")),
    ("other Python packages and data", ("*",)),
)  # fmt: skip


def part_of(relative: str) -> str:
    name = relative.lower()
    for part, patterns in PARTS:
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            return part
    return PARTS[-1][0]


def sizes(build: Path) -> dict[str, float]:
    """MiB per part; the program itself (the Python code archive) as its own part."""
    out: dict[str, float] = {}
    internal = build / "_internal"
    for path in build.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        inside = path.relative_to(internal).as_posix() if path.is_relative_to(internal) else None
        part = part_of(inside) if inside is not None else "the program (Python code archive)"
        out[part] = out.get(part, 0.0) + path.stat().st_size / 1024**2
    return out


def table(builds: list[Path]) -> str:
    columns = [sizes(build) for build in builds]
    parts = sorted({p for c in columns for p in c}, key=lambda p: -max(c.get(p, 0.0) for c in columns))
    width = max(len(p) for p in parts)
    lines = [f"| {'part':<{width}} | " + " | ".join(f"{b.parent.parent.name:>9}" for b in builds) + " |"]
    lines.append(f"|{'-' * (width + 2)}|" + "|".join("-" * 11 for _ in builds) + "|")
    for part in parts:
        lines.append(f"| {part:<{width}} | " + " | ".join(f"{c.get(part, 0.0):9.1f}" for c in columns) + " |")
    lines.append(f"| {'total':<{width}} | " + " | ".join(f"{sum(c.values()):9.1f}" for c in columns) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    max_mib = None
    if argv[:1] == ["--max-mib"] and len(argv) > 1:
        max_mib, argv = float(argv[1]), argv[2:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    builds = [Path(a) for a in argv]
    print(table(builds))
    too_big = [b for b in builds if max_mib is not None and sum(sizes(b).values()) > max_mib]
    for build in too_big:
        print(f"{build} is larger than {max_mib:g} MiB", file=sys.stderr)
    return 1 if too_big else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
