"""Reads the app's accessibility tree over AT-SPI on every screen, as a screen reader would, and checks it.

Usage: /usr/bin/python3 tests/e2e/atspi_walk.py OUT_DIR -- PYTHON -m tests.e2e.atspi_main
Run by the system Python (it has pyatspi, Debian's python3-pyatspi) inside ``dbus-run-session``, with
DISPLAY on an Xvfb display. Starts the app command with accessibility on, and on each screen the app
announces (a JSON line on its stdout) walks the app's tree and checks that:

- every interactive node that is showing has a name, and a combo box is not named by its value;
- every heading the screen shows is exposed with the heading role (not as a plain label);
- the names the screen lists in ``order`` come in that order (reading order follows the visual order);
- exactly one node is focused (an item of a list or tree through its view: see :func:`focus_holders`);
- while a modal dialog is open, no window but the dialog exposes any node.

Only showing nodes are walked (a hidden page or a closed popup is skipped, as a screen reader skips it).

Writes ``OUT_DIR/<screen>.txt`` (the tree) and ``OUT_DIR/counts.json`` (nodes, named, headings, interactive,
focused per screen); prints the problems and exits 1 when there are any. Plain Python with no project
imports: the project's virtual environment has no pyatspi, and the system Python has no PySide6.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyatspi

#: Roles a person operates (their nodes need a name).
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text", "password text",
    "spin button", "slider", "menu item", "page tab", "link", "list", "tree", "table", "tree table",
}  # fmt: skip


def states_of(node: pyatspi.Accessible) -> set[str]:
    return {state.value_nick for state in node.getState().get_states()}


def find_app(pid: int, timeout_s: float = 30.0) -> pyatspi.Accessible:
    """The app's root node on the desktop, once it has registered with the AT-SPI registry."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:  # an application going away while listed
                continue
        time.sleep(0.2)
    raise SystemExit(f"the app (pid {pid}) never appeared on the AT-SPI bus")


#: Views whose items Qt marks "focused" when current, whether or not the view has the focus.
VIEWS = {"list", "tree", "table", "tree table"}
Row = tuple[int, str, str, set[str], int, bool | None]


def walk(app: pyatspi.Accessible) -> list[Row]:
    """Every showing node under ``app``: (depth, role, name, states, index of its top-level window, and
    for an item in a view whether that view has the focus, else None); then one row at depth -1 for each
    item of a hidden list that claims the focus."""
    rows: list[Row] = []
    stale: list[str] = []
    named_by_value: list[str] = []

    def visit(node: pyatspi.Accessible, depth: int, window: int, view_focused: bool | None) -> None:
        states = states_of(node)
        role = node.getRoleName()
        if "showing" not in states:
            # Hidden (another page of the stack, a closed popup): a screen reader skips it, so is the walk,
            # except a hidden list's items that still claim the focus (a closed combo box popup's did).
            if role in VIEWS:
                for i in range(node.childCount):
                    item = node.getChildAtIndex(i)
                    if item is not None and "focused" in states_of(item):
                        stale.append(f"{item.getRoleName()} {item.name!r} in a hidden {role}")
            return
        rows.append((depth, role, node.name or "", states, window, view_focused))
        if role == "combo box" and node.name and node.name == selected_item_name(node):
            named_by_value.append(node.name)
        inside = ("focused" in states) if role in VIEWS else view_focused
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                visit(child, depth + 1, i if depth == 0 else window, inside)

    visit(app, 0, -1, None)
    rows.extend((-1, "stale focus", text, {"focused"}, -1, None) for text in stale)
    rows.extend((-1, "combo box named by its value", name, set(), -1, None) for name in named_by_value)
    return rows


def selected_item_name(combo: pyatspi.Accessible) -> str | None:
    """The name of the item selected in a combo box's popup list (its value)."""
    popup = combo.getChildAtIndex(0) if combo.childCount else None
    for i in range(popup.childCount if popup is not None else 0):
        item = popup.getChildAtIndex(i)
        if item is not None and "selected" in states_of(item):
            return str(item.name)
    return None


def focus_holders(rows: list[Row]) -> list[str]:
    """The nodes a screen reader takes as focused. An item of a view counts only through its view: Qt
    marks the current item of every view "focused" (and AT-SPI shows the focused view's current item as
    its active descendant), but announces focus on an item only when its view has the focus."""
    return [f"{r[1]} {r[2]!r}" for r in rows if "focused" in r[3] and r[5] is None]


def shown(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r[0] >= 0]


def check(screen: dict[str, object], rows: list[Row]) -> list[str]:
    """The problems a screen reader user would meet on this screen."""
    problems: list[str] = []
    for _depth, role, name, states, _window, _view in shown(rows):
        if role in INTERACTIVE and not name.strip() and "sensitive" in states:
            problems.append(f"an interactive {role} has no name")
    for r in rows:
        if r[1] == "combo box named by its value":
            problems.append(f"a combo box is named by its value {r[2]!r}, not by its label")
    heading_names = {r[2] for r in rows if r[1] == "heading"}
    labels = {r[2] for r in rows if r[1] != "heading"}
    for text in screen["headings"]:  # type: ignore[union-attr]
        if text not in heading_names and text in labels:  # (behind a modal it is not exposed at all)
            problems.append(f"heading {text!r} is not exposed as a heading")
    focused = focus_holders(rows)
    if len(focused) != 1:
        problems.append(f"{len(focused)} focused nodes: {focused}")
    names = [r[2] for r in rows]
    wanted = [n for n in screen.get("order", []) if n in names]  # type: ignore[attr-defined]
    if len(wanted) != len(screen.get("order", [])):  # type: ignore[arg-type]
        problems.append(f"not all of {screen['order']} are in the tree")
    elif wanted != sorted(wanted, key=names.index):
        problems.append(f"reading order {sorted(wanted, key=names.index)} is not the order seen {wanted}")
    if screen["modal"]:
        modal_windows = {r[4] for r in rows if r[0] == 1 and r[2] == screen["modal"]}
        if len(modal_windows) != 1:
            problems.append(f"the modal dialog {screen['modal']!r} is not among the app's windows")
        behind = [f"{r[1]} {r[2]!r}" for r in rows if r[0] > 1 and r[4] not in modal_windows]
        if behind:
            problems.append(f"{len(behind)} nodes exposed behind the modal dialog, e.g. {behind[:3]}")
    return problems


def dump(rows: list[Row]) -> str:
    return "\n".join(f"{'  ' * max(0, r[0])}{r[1]} {r[2]!r} [{' '.join(sorted(r[3]))}]" for r in rows)


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    command = argv[argv.index("--") + 1 :]
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_QPA_PLATFORM": "xcb"}
    app_proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert app_proc.stdin is not None and app_proc.stdout is not None
    counts: dict[str, dict[str, int]] = {}
    problems: dict[str, list[str]] = {}
    try:
        app = None
        for line in app_proc.stdout:
            if not line.startswith("{"):
                continue
            screen = json.loads(line)
            if screen["screen"] is None:
                break
            app = app or find_app(app_proc.pid)
            started = time.monotonic()
            rows = walk(app)
            walked_s = time.monotonic() - started
            name = str(screen["screen"])
            (out / f"{name}.txt").write_text(dump(rows) + "\n", encoding="utf-8")
            counts[name] = {
                "nodes": len(shown(rows)),
                "named": sum(1 for r in shown(rows) if r[2].strip()),
                "headings": sum(1 for r in shown(rows) if r[1] == "heading"),
                "interactive": sum(1 for r in shown(rows) if r[1] in INTERACTIVE),
                "focused": len(focus_holders(rows)),
                "focused_items_in_unfocused_views": sum(
                    1 for r in rows if "focused" in r[3] and r[5] is False
                ),
                "walk_ms": round(1000 * walked_s),
            }
            found = check(screen, rows)
            if found:
                problems[name] = found
            app_proc.stdin.write("next\n")
            app_proc.stdin.flush()
    finally:
        app_proc.stdin.close()
        rc = app_proc.wait(timeout=120)
    (out / "counts.json").write_text(json.dumps(counts, indent=2) + "\n", encoding="utf-8")
    for name, row in counts.items():
        print(f"{name:32} " + " ".join(f"{k}={v}" for k, v in row.items()))
    for name, found in problems.items():
        for problem in found:
            print(f"PROBLEM {name}: {problem}")
    if rc != 0:
        print(f"the app exited with {rc}")
    return 1 if problems or rc != 0 or not counts else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
