"""Recordings and the outbox are owner-only, and keep no withdrawal code (issue 14, item 14).

The files are made by the real parts: the outbox sending a real submission to a real intake server (so
SQLite's ``-wal`` and ``-shm`` exist), and ``voicebooth record`` writing a take with ffmpeg. The test
process's umask is the usual 022 (which made everything 0644 before), so the modes come from the code.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder.codes import ALPHABET
from recorder.outbox import Outbox
from tests.helpers.sending import REPO_ROOT, MediaCache, make_outbox, make_submission, run_send, write_details
from tests.helpers.sending import folder_manifest as manifest_for
from tests.helpers.server import IntakeServer

WITHDRAWAL_SHAPE = re.compile(rf"[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}".encode())
pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="POSIX modes (Windows profiles have per-user ACLs)"
)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _outbox_files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


@pytest.mark.usefixtures("usual_umask")
def test_the_outbox_is_owner_only(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    data = tmp_path / "data"
    folder = make_submission(tmp_path / "sub", media)
    outbox = make_outbox(data, module_intake_server.url, module_intake_server.upload_key)
    try:
        sid = outbox.queue(folder, manifest_for(folder))
        outbox.send(sid)
        files = _outbox_files(outbox.path)
        assert [p.name for p in files] == ["outbox.sqlite3", "outbox.sqlite3-wal", "outbox.sqlite3-shm"]
        modes = {p.name: oct(_mode(p)) for p in [data, *files]}
        assert modes == {p.name: "0o600" for p in files} | {"data": "0o700"}
    finally:
        outbox.close()


@pytest.mark.usefixtures("usual_umask")
def test_an_outbox_left_world_readable_is_made_owner_only(tmp_path: Path) -> None:
    """An outbox an earlier version wrote (0644 in a 0755 folder) is made owner-only when opened."""
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    path = data / "outbox.sqlite3"
    sqlite3.connect(path).execute("PRAGMA journal_mode=WAL").close()
    Path(f"{path}-wal").write_bytes(b"")
    for p in (data, path, Path(f"{path}-wal")):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    Outbox(path).close()
    assert {p.name: oct(_mode(p)) for p in [data, *_outbox_files(path)]} == {
        "data": "0o700",
        **{p.name: "0o600" for p in _outbox_files(path)},
    }


@pytest.mark.usefixtures("usual_umask")
def test_a_command_line_send_keeps_no_withdrawal_code(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    """Nobody is shown the code by ``voicebooth send``: no copy is left in the outbox's files once it ends."""
    home = tmp_path / "home"
    folder = make_submission(tmp_path / "sub", media)
    sent = run_send(folder, module_intake_server.url, module_intake_server.upload_key, home,
                    write_details(tmp_path / "d.json"))  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    outbox = home / "app-data" / "outbox.sqlite3"
    raw = b"".join(p.read_bytes() for p in _outbox_files(outbox))
    assert WITHDRAWAL_SHAPE.search(raw) is None
    with sqlite3.connect(f"file:{outbox}?mode=ro", uri=True) as db:
        assert db.execute("SELECT withdrawal_token FROM submissions").fetchall() == [(None,)]
    assert oct(_mode(outbox)) == "0o600" and oct(_mode(outbox.parent)) == "0o700"


@pytest.mark.usefixtures("usual_umask")
def test_a_recording_is_owner_only(tmp_path: Path) -> None:
    """``voicebooth record``: the folder, the take folder and every file in it, ffmpeg's video included."""
    out = tmp_path / "submission"
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from recorder.cli import main; sys.exit(main(sys.argv[1:]))",
         "record", "--video", "synthetic:", "--audio", "synthetic:", "--duration", "1", "--size", "320x180",
         "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    made = [out, *sorted(out.rglob("*"))]
    assert any(p.name == "deliverable.mp4" for p in made)
    wrong = {
        str(p.relative_to(tmp_path)): oct(_mode(p))
        for p in made
        if _mode(p) != (0o700 if p.is_dir() else 0o600)
    }
    assert wrong == {}
