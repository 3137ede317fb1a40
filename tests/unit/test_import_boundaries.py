"""recorder/ never imports Qt widgets or GUI; server/ never imports the desktop app (DESIGN.md, Layout).

import-linter checks package-level contracts, but cannot forbid a submodule of an external package, so the
Qt rule is checked here by reading every module's imports (including those inside functions).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_RECORDER = ("PySide6.QtWidgets", "PySide6.QtGui", "ui")
FORBIDDEN_IN_SERVER = ("PySide6", "ui")


def imported_modules(path: Path) -> list[str]:
    """Every module named by an import statement in ``path``, at any depth."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def violations(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == bad or name.startswith(bad + ".") for bad in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"), [("recorder", FORBIDDEN_IN_RECORDER), ("server", FORBIDDEN_IN_SERVER)]
)
def test_package_respects_its_import_boundary(package: str, forbidden: tuple[str, ...]) -> None:
    assert violations(package, forbidden) == []


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtWidgets import QLabel\n    import PySide6.QtGui\n")
    assert imported_modules(bad) == ["PySide6.QtWidgets", "PySide6.QtWidgets.QLabel", "PySide6.QtGui"]
