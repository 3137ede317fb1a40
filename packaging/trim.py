"""What the desktop build leaves out, and why: the lists the PyInstaller spec applies, on Linux and Windows.

The package is the desktop app for support workers and reviewers. It does not contain the intake server
(IT runs that on a server from the Python distribution; ``voicebooth --demo`` is for developers' installs),
Qt parts the app never loads, OpenCV's FFmpeg (the app reads videos with its one ffmpeg program) or, on
Linux, imageio-ffmpeg's 170 MB static ffmpeg (the .deb depends on the distribution's ffmpeg instead).
packaging/IT-GUIDE.md lists what stays and why. ``tests/unit/test_packaging_trim.py`` checks both lists (the
server-only modules against what ``recorder/`` and ``ui/`` import; the file patterns against real Linux and
Windows file names), and ``./packaging/build.sh test`` the real build.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

#: Python packages only the intake server (or its storage and metrics) imports.
SERVER_ONLY_MODULES = (
    "server",
    "uvicorn", "uvloop", "httptools", "watchfiles", "websockets", "wsproto", "h11",
    "fastapi", "starlette", "pydantic", "pydantic_core", "annotated_types", "typing_inspection",
    "anyio", "sniffio", "click", "multipart", "python_multipart", "dotenv", "email_validator",
    "sqlalchemy", "alembic", "mako", "greenlet", "psycopg", "psycopg_binary", "psycopg_pool",
    "argon2", "_argon2_cffi_bindings",
    "jinja2", "markupsafe",
    "boto3", "botocore", "s3transfer", "prometheus_client",
)  # fmt: skip

#: Python packages the app never imports (other Qt bindings, developer tools).
UNUSED_MODULES = (
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore", "PySide6.QtCharts",
    "PySide6.QtDataVisualization", "PySide6.QtPdf", "PySide6.QtQml", "PySide6.QtQuick",
    "pytest", "mypy", "ruff", "IPython", "matplotlib", "psutil",
)  # fmt: skip

#: Files left out (paths inside the one-folder build, "/"-separated, matched case-insensitively).
DROPPED_FILES = (
    # Qt PDF: only Qt's PDF image-format plugin would load it; the app shows no PDFs.
    "*/imageformats/*qpdf*", "*qt6pdf*",
    # The on-screen virtual keyboard (touch kiosks; Windows and desktops bring their own).
    "*/platforminputcontexts/*qtvirtualkeyboard*", "*qt6virtualkeyboard*",
    # Qt platforms that are not a desktop session: framebuffer, VNC, EGL full-screen, Vulkan display.
    "*/platforms/*qeglfs*", "*/platforms/*qlinuxfb*", "*/platforms/*qvnc*", "*/platforms/*qvkkhrdisplay*",
    "*/platforms/*qminimalegl*", "*/egldeviceintegrations/*", "*qt6eglfs*",
    # GTK's look-and-feel bridge: it makes the build carry GTK itself; Qt's own style is used instead.
    "*/platformthemes/*qgtk3*",
    # Qt's translations of its own dialogs: Qt has no Welsh, and English needs none.
    "*/translations/qt*_*.qm",
    # OpenCV's FFmpeg plugin (Windows; it is loaded only to read video files): the camera uses DirectShow,
    # and videos are read by the ffmpeg program. (On Linux the stock wheel links its FFmpeg; the package is
    # built with packaging/opencv_minimal.sh's OpenCV, which has none.)
    "cv2/opencv_videoio_ffmpeg*",
    # Haar cascades other than the frontal face one the app uses.
    "cv2/data/haarcascade_[!f]*", "cv2/data/haarcascade_frontalface_a*",
    "cv2/data/haarcascade_frontalcatface*",
)  # fmt: skip

#: Linux only: imageio-ffmpeg and its 170 MB static ffmpeg; the .deb depends on the distribution's ``ffmpeg``.
LINUX_ONLY_EXCLUDED = ("imageio_ffmpeg",)

#: A shared library (not a plugin, Python extension or the Python runtime), kept only if something uses it.
_LIBRARY = re.compile(r"^lib(?!python).*\.so(\.\d+)*$")


def excluded_modules(platform: str) -> list[str]:
    """The modules PyInstaller's analysis leaves out on ``platform`` (``sys.platform``)."""
    linux = LINUX_ONLY_EXCLUDED if platform.startswith("linux") else ()
    return [*SERVER_ONLY_MODULES, *UNUSED_MODULES, *linux]


def is_dropped(dest: str) -> bool:
    """Whether the build file at ``dest`` (its path inside the build) is left out."""
    name = dest.replace("\\", "/").lower()
    return any(fnmatch.fnmatchcase(name, pattern.lower()) for pattern in DROPPED_FILES)


def prune_unused_libraries(
    entries: Iterable[tuple[str, str, str]], imports_of: Callable[[str], Iterable[str]]
) -> list[tuple[str, str, str]]:
    """``entries`` (PyInstaller TOC rows: destination, source, type) without shared libraries nothing uses.

    Plugins, Python extensions and programs are the roots; a library stays when a root, or a library that
    stays, links it (``imports_of(source)`` gives the names a binary links, as the loader sees them). Used
    on Linux, where dropping a Qt plugin would otherwise leave the system libraries collected for it.
    """
    rows = list(entries)
    libraries = {row[0].rsplit("/", 1)[-1]: row for row in rows if _is_library(row[0])}
    needed: set[str] = set()
    todo = [row for row in rows if not _is_library(row[0])]
    while todo:
        row = todo.pop()
        for name in imports_of(row[1]):
            base = name.rsplit("/", 1)[-1]
            if base in libraries and base not in needed:
                needed.add(base)
                todo.append(libraries[base])
    return [row for row in rows if not _is_library(row[0]) or row[0].rsplit("/", 1)[-1] in needed]


def _is_library(dest: str) -> bool:
    path = dest.replace("\\", "/")
    return "/plugins/" not in f"/{path}" and _LIBRARY.match(path.rsplit("/", 1)[-1]) is not None


def leftovers(build: Path, platform: str) -> list[str]:
    """Files of a finished one-folder build that the lists say should not be there (none if all is well)."""
    internal = build / "_internal"
    excluded_top = {name.split(".")[0] for name in excluded_modules(platform) if "." not in name}
    found = []
    for path in sorted(internal.rglob("*")):
        if path.is_file():
            relative = path.relative_to(internal).as_posix()
            if is_dropped(relative) or relative.split("/")[0] in excluded_top:
                found.append(relative)
    return found


def main(argv: list[str]) -> int:
    """``python packaging/trim.py check DIST/voicebooth``: exit 1 listing what should have been left out."""
    if len(argv) != 2 or argv[0] != "check":
        print("usage: python packaging/trim.py check DIST/voicebooth", file=sys.stderr)
        return 2
    found = leftovers(Path(argv[1]), sys.platform)
    for relative in found:
        print(f"should have been left out: {relative}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
