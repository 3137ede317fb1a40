"""A demo killed outright leaves its temporary folder; the next demo removes it, never a running demo's.

For real: ``voicebooth --demo`` processes in their own temporary folder (TMPDIR), the first one headless
(no display: it records and sends) SIGKILLed as soon as its server is announced, then demos with an
offscreen window. Also the owner lock on its own, with a second process holding it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ui
from recorder.demo.folders import OWNER_FILE, PREFIX, STARTING_GRACE_S, DemoFolder, remove_stale

REPO = Path(ui.__file__).resolve().parents[1]
ANNOUNCED = re.compile(r"Demo intake server at (http://127\.0\.0\.1:\d+) \(data in (.+)\)")


def _env(tmp_path: Path, *, window: bool) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    home = tmp_path / "home"
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        TMPDIR=str(tmp_path / "tmp"),
    )
    if window:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _start_demo(tmp_path: Path, *, window: bool) -> tuple[subprocess.Popen[str], Path]:
    """Start ``voicebooth --demo``; returns the process and its demo folder once its server is announced."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.launcher", "--demo"],
        cwd=REPO,
        env=_env(tmp_path, window=window),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        found = ANNOUNCED.search(line)
        if found:
            folder = Path(found.group(2)).parent
            assert folder.name.startswith(PREFIX) and folder.parent == tmp_path / "tmp"
            return proc, folder
    proc.kill()
    proc.wait()
    raise AssertionError("the demo did not announce its server")


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_the_next_demo_removes_a_killed_demos_folder_but_not_a_running_ones(tmp_path: Path) -> None:
    (tmp_path / "tmp").mkdir()
    killed, killed_folder = _start_demo(tmp_path, window=False)  # headless: records, then sends
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(30)
    assert killed_folder.is_dir() and (killed_folder / "server").is_dir()  # SIGKILL left it behind
    running, running_folder = _start_demo(tmp_path, window=True)
    later = None
    try:
        assert not killed_folder.exists(), "the killed demo's folder was not removed"
        assert running_folder.is_dir()
        later, later_folder = _start_demo(tmp_path, window=True)  # a second demo while one runs
        assert running_folder.is_dir() and (running_folder / OWNER_FILE).is_file(), "a running demo's folder"
        assert later_folder.is_dir() and later_folder != running_folder
        assert running.poll() is None  # and that demo still runs
    finally:
        _stop(running)
        if later is not None:
            _stop(later)
    assert running.returncode == 0
    assert not list((tmp_path / "tmp").glob(f"{PREFIX}*"))  # both removed their own on a clean stop


def test_a_folder_whose_lock_another_process_holds_is_kept(tmp_path: Path) -> None:
    """The lock itself: held by a live process (another interpreter), kept; released by its death, removed."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from recorder.demo.folders import DemoFolder; "
            "f = DemoFolder(Path(sys.argv[1])); print(f.path, flush=True); time.sleep(120)",
            str(tmp_path),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        folder = Path(holder.stdout.readline().strip())
        assert folder.is_dir() and "pid " in (folder / OWNER_FILE).read_text(encoding="ascii")
        assert remove_stale(tmp_path) == [] and folder.is_dir()
    finally:
        holder.kill()
        holder.wait()
    assert remove_stale(tmp_path) == [folder] and not folder.exists()


def test_a_folder_being_created_is_kept_for_a_while(tmp_path: Path) -> None:
    """No owner written yet (a demo starting this moment): kept, unless it is older than the grace."""
    starting = tmp_path / f"{PREFIX}starting"
    starting.mkdir()
    (starting / OWNER_FILE).touch()
    unowned = tmp_path / f"{PREFIX}old"
    unowned.mkdir()
    ours = DemoFolder(tmp_path)
    try:
        assert remove_stale(tmp_path) == []
        later_s = time.time() + STARTING_GRACE_S + 1
        assert sorted(remove_stale(tmp_path, now_s=later_s)) == sorted([starting, unowned])
        assert ours.path.is_dir()  # held by this process: never removed
    finally:
        ours.release()
    assert remove_stale(tmp_path) == [ours.path]
