"""Take ids, the per-take lock (held by a live process, freed by its death), and the preflight checks."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder.takes.folder import TakeLock, TakeLockedError, is_locked, new_take_id
from recorder.takes.preflight import RecordingError, check_folder, needed_bytes

REPO = Path(__file__).resolve().parents[4]


def test_take_ids_sort_by_time_and_are_unique() -> None:
    ids = {new_take_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"t\d{8}T\d{6}-[0-9a-f]{6}", i) for i in ids)


def test_the_lock_belongs_to_a_live_process_and_dies_with_it(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from recorder.takes.folder import TakeLock\n"
         "TakeLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)", str(tmp_path)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert is_locked(tmp_path)
        with pytest.raises(TakeLockedError, match="in use"):
            TakeLock(tmp_path).acquire()
        os.kill(holder.pid, signal.SIGKILL)  # a crash: the OS drops the lock
        holder.wait(10)
        assert not is_locked(tmp_path)
        with TakeLock(tmp_path) as lock:
            assert lock.held
            assert is_locked(tmp_path)  # another open of the file conflicts, even in this process
        assert not is_locked(tmp_path)
    finally:
        holder.kill()
        holder.wait()


def test_a_folder_without_a_lock_file_is_not_locked(tmp_path: Path) -> None:
    assert not is_locked(tmp_path)


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder even root cannot write into (immutable attribute), removed again afterwards."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed: cannot make a folder read-only for root")
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"this file system cannot make a folder immutable: {made.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def test_a_read_only_folder_is_refused_before_recording(read_only_dir: Path) -> None:
    with pytest.raises(RecordingError, match="read-only or you are not allowed"):
        check_folder(read_only_dir, 1)
    with pytest.raises(RecordingError, match="cannot create the folder"):
        check_folder(read_only_dir / "submission" / "takes", 1)
    assert list(read_only_dir.iterdir()) == []


def test_a_folder_under_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(RecordingError, match="cannot create the folder"):
        check_folder(blocker / "takes", 1)


def test_too_little_free_space_is_refused_with_the_numbers(tmp_path: Path) -> None:
    free = shutil.disk_usage(tmp_path).free
    with pytest.raises(
        RecordingError, match=r"not enough free disk space.*needs about \d+ MB but only \d+ MB"
    ):
        check_folder(tmp_path / "takes", free + 10**9)
    check_folder(tmp_path / "takes", 1)  # and a take that fits is fine


def test_the_space_needed_grows_with_length_and_size() -> None:
    minute_720 = needed_bytes((1280, 720), 30, 60)
    assert needed_bytes((1920, 1080), 30, 60) > minute_720 > needed_bytes((1280, 720), 30, 10)
    assert needed_bytes((1280, 720), 30, None) == needed_bytes((1280, 720), 30, 600)
    assert 100 * 2**20 < minute_720 < 400 * 2**20


def test_time_moves_on_while_the_lock_is_probed(tmp_path: Path) -> None:
    # is_locked never blocks, even when the lock is held.
    with TakeLock(tmp_path):
        started = time.monotonic()
        assert is_locked(tmp_path)
        assert time.monotonic() - started < 1
