"""packaging/trim.py: what the desktop build leaves out is never what the app needs (Linux and Windows)."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("voicebooth_trim", ROOT / "packaging" / "trim.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["voicebooth_trim"] = module
    spec.loader.exec_module(module)
    return module


def imported_by_the_app() -> dict[str, set[str]]:
    """Every module imported anywhere in recorder/ and ui/ (at any depth), and which files import it."""
    found: dict[str, set[str]] = {}
    for path in [*(ROOT / "recorder").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_no_module_the_app_imports_is_left_out(trim: ModuleType, platform: str) -> None:
    excluded = trim.excluded_modules(platform)
    clashes = {
        name: files
        for name, files in imported_by_the_app().items()
        if any(name == ex or name.startswith(ex + ".") for ex in excluded)
    }
    # imageio_ffmpeg: ffmpeg_binary.py imports it when there, and falls back to PATH (the Linux package).
    if platform == "linux":
        assert clashes.pop("imageio_ffmpeg", None) == {"recorder/media/ffmpeg_binary.py"}
    assert clashes == {}


def test_the_server_is_left_out_and_the_ffmpeg_program_only_on_linux(trim: ModuleType) -> None:
    assert {"server", "uvloop", "psycopg", "sqlalchemy", "fastapi", "jinja2", "boto3", "botocore",
            "prometheus_client"} <= set(trim.excluded_modules("win32"))  # fmt: skip
    assert "imageio_ffmpeg" in trim.excluded_modules("linux")
    assert "imageio_ffmpeg" not in trim.excluded_modules("win32")


#: File names as PyInstaller lays them out (Linux from the PySide6/OpenCV wheels here; Windows from the
#: win_amd64 wheels of the same versions): what must go, and what the app needs and must stay.
DROPPED = [
    "PySide6/Qt/lib/libQt6Pdf.so.6", "PySide6/Qt6Pdf.dll",
    "PySide6/Qt/plugins/imageformats/libqpdf.so", "PySide6/plugins/imageformats/qpdf.dll",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", "PySide6/Qt6VirtualKeyboard.dll",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll",
    "PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so", "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so", "PySide6/plugins/platforms/qvnc.dll",
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/translations/qtbase_de.qm", "PySide6/translations/qt_help_fr.qm",
    "cv2/opencv_videoio_ffmpeg4140_64.dll", "cv2\\opencv_videoio_ffmpeg4140_64.dll",
    "cv2/data/haarcascade_eye.xml", "cv2/data/haarcascade_frontalface_alt2.xml",
]  # fmt: skip
KEPT = [
    "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt6Quick.dll", "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt6Qml.dll", "PySide6/Qt/lib/libavcodec.so.61", "PySide6/avcodec-61.dll",
    "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
    "PySide6/plugins/multimedia/ffmpegmediaplugin.dll",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms/libqminimal.so",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so", "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so", "PySide6/plugins/tls/qschannelbackend.dll",
    "resources/translations/voicebooth_cy.qm", "cv2/cv2.abi3.so", "cv2/cv2.pyd",
    "cv2/data/haarcascade_frontalface_default.xml",
    "imageio_ffmpeg/binaries/ffmpeg-win-x86_64-v9.0.2.exe",
]  # fmt: skip


@pytest.mark.parametrize("dest", DROPPED)
def test_unused_parts_are_dropped(trim: ModuleType, dest: str) -> None:
    assert trim.is_dropped(dest)


@pytest.mark.parametrize("dest", KEPT)
def test_what_the_app_needs_is_kept(trim: ModuleType, dest: str) -> None:
    assert not trim.is_dropped(dest)


def test_libraries_only_a_dropped_plugin_linked_are_pruned_the_rest_kept(trim: ModuleType) -> None:
    links = {
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libxcb.so.1"],
        "/src/libQt6XcbQpa.so.6": ["libQt6Gui.so.6", "libxkbcommon-x11.so.0"],
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/src/libgtk-3.so.0": ["libcairo.so.2"],  # only the GTK theme plugin (dropped) linked GTK
        "/src/libpython3.11.so.1.0": ["libm.so.6"],
    }
    rows = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("libxcb.so.1", "/src/libxcb.so.1", "BINARY"),
        ("libxkbcommon-x11.so.0", "/src/libxkbcommon-x11.so.0", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    kept = trim.prune_unused_libraries(rows, lambda path: links.get(path, []))
    assert {row[0].rsplit("/", 1)[-1] for row in kept} == {
        "libqxcb.so", "QtGui.abi3.so", "libQt6XcbQpa.so.6", "libQt6Gui.so.6", "libQt6Core.so.6",
        "libxcb.so.1", "libxkbcommon-x11.so.0", "libpython3.11.so.1.0",
    }  # fmt: skip
