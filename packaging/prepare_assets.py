"""Build-time assets for the frozen app: compiled translations (.qm) and icons (PNG sizes, Windows .ico).

Run by the PyInstaller spec (and usable alone): ``python packaging/prepare_assets.py OUT_DIR``. Writes
``OUT_DIR/translations/voicebooth_<locale>.qm`` and ``OUT_DIR/icons/voicebooth-<size>.png`` plus
``voicebooth.ico``, rendered from ``resources/icons/voicebooth.svg`` with Qt (offscreen, no display needed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICON_SVG = ROOT / "resources" / "icons" / "voicebooth.svg"
TRANSLATIONS = ROOT / "resources" / "translations"
PNG_SIZES = (16, 32, 48, 64, 128, 256)


def lrelease() -> str:
    """``pyside6-lrelease`` next to this interpreter (the venv), else on PATH."""
    here = Path(sys.executable).parent / ("pyside6-lrelease.exe" if os.name == "nt" else "pyside6-lrelease")
    return str(here) if here.exists() else "pyside6-lrelease"


def compile_translations(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted(TRANSLATIONS.glob("voicebooth_*.ts")):
        qm = out_dir / ts.with_suffix(".qm").name
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def render_icons(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise SystemExit(f"{ICON_SVG} is not a valid SVG")
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        png = out_dir / f"voicebooth-{size}.png"
        if not image.save(str(png)):
            raise SystemExit(f"could not write {png}")
        made.append(png)
        if size == 256 and not image.save(str(out_dir / "voicebooth.ico")):
            raise SystemExit("could not write voicebooth.ico (Qt's ICO image plugin is missing)")
    del app
    return [*made, out_dir / "voicebooth.ico"]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python packaging/prepare_assets.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    for path in compile_translations(out / "translations") + render_icons(out / "icons"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
