"""CSV formula defusing, the upload lock serialising across processes (flock) and within one (asyncio), and
the purge's election among one host's worker processes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from server.locks import LockTimeoutError, UploadGoneError
from server.locks.local import LocalLocks
from server.services.export import safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=x", "'\r=x"),
        ("  =cmd|' /C calc'!A0", "'  =cmd|' /C calc'!A0"),
        ("Sam", "Sam"),
        ("", ""),
        (None, ""),
        ("a=b", "a=b"),
        (12.5, "12.5"),
    ],
)
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


HOLDER = """
import fcntl, pathlib, sys, time
fd = open(sys.argv[1], "r+")
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
pathlib.Path(sys.argv[1] + ".released").touch()  # written while the lock is still held
"""


def test_lock_waits_for_another_process(tmp_path: Path) -> None:
    lock_path = tmp_path / "u.lock"
    lock_path.touch()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path), "0.6"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"

    async def take() -> bool:
        async with LocalLocks(tmp_path).hold("u", timeout_s=10):
            return Path(f"{lock_path}.released").exists()

    released_first = asyncio.run(take())
    holder.wait(5)
    assert holder.returncode == 0 and released_first  # it only got the lock once the other process let go


def test_lock_times_out_and_notices_a_removed_upload(tmp_path: Path) -> None:
    lock_path = tmp_path / "u.lock"
    lock_path.touch()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path), "3"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"

    async def take(upload_id: str) -> None:
        async with LocalLocks(tmp_path).hold(upload_id, timeout_s=0.3):
            pass

    with pytest.raises(LockTimeoutError):
        asyncio.run(take("u"))
    with LocalLocks(tmp_path).try_hold("u") as free:
        assert not free  # purge and expiry leave an upload alone while another process writes to it
    holder.kill()
    holder.wait(5)
    with LocalLocks(tmp_path).try_hold("u") as free:
        assert free
    with pytest.raises(UploadGoneError):
        asyncio.run(take("gone"))


def test_in_process_lock_orders_requests(tmp_path: Path) -> None:
    order: list[str] = []
    locks = LocalLocks(tmp_path)
    locks.prepare("u")

    async def scenario() -> None:
        async def writer(name: str, hold_s: float) -> None:
            async with locks.hold("u", timeout_s=5):
                order.append(f"{name}+")
                await asyncio.sleep(hold_s)
                order.append(f"{name}-")

        first = asyncio.create_task(writer("a", 0.1))
        await asyncio.sleep(0.01)
        with locks.try_hold("u") as free:
            assert not free
        await asyncio.gather(first, writer("b", 0))
        with locks.try_hold("u") as free:
            assert free

    asyncio.run(scenario())
    assert order == ["a+", "a-", "b+", "b-"]


def test_one_worker_process_of_a_host_is_elected_to_run_the_purge(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    lock_path = tmp_path / "housekeeping.lock"
    lock_path.touch()
    holder = subprocess.Popen(  # another worker of the same server, mid-purge
        [sys.executable, "-c", HOLDER, str(lock_path), "3"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with LocalLocks(uploads).elect("housekeeping") as chosen:
        assert not chosen
    holder.kill()
    holder.wait(5)
    with LocalLocks(uploads).elect("housekeeping") as chosen:
        assert chosen
        with LocalLocks(uploads).elect("housekeeping") as again:
            assert not again  # while it runs, every other process skips the round
