"""The server stays up under connection abuse, provoked for real against the real ``serve``: huge and
endless headers (431, memory bounded), too many headers, heads and bodies sent too slowly (408 or closed),
and 2,000 idle connections at a 1024 file-handle limit while health keeps answering."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import requests

from tests.helpers.server import REPO_ROOT, IntakeServer, start_server

MIB = 1024 * 1024
FAST = {"header_timeout_s": 2, "body_timeout_s": 3, "patch_idle_timeout_s": 2, "keep_alive_timeout_s": 2}


@pytest.fixture(scope="module")
def brisk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IntakeServer]:
    """A server with short timeouts, so slow clients are seen off within the test's seconds."""
    yield from start_server(tmp_path_factory.mktemp("brisk"), settings=FAST)


def attack(port: int, *args: str, timeout_s: float = 120) -> dict[str, int]:
    """Runs one attack of tests.helpers.floods in its own process; returns its outcome."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.helpers.floods", *args[:1], str(port), *args[1:]],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout_s, check=True,
    )  # fmt: skip
    outcome: dict[str, int] = json.loads(done.stdout.splitlines()[-1])
    return outcome


def rss_bytes(server: IntakeServer) -> int:
    assert server.process is not None
    return int(psutil.Process(server.process.pid).memory_info().rss)


def raw(port: int, data: bytes, wait_s: float = 10) -> bytes:
    """Sends ``data`` on a new connection and returns what comes back before the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as conn:
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            conn.sendall(data)  # refused mid-send: the answer is already on its way
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def healthy(server: IntakeServer) -> bool:
    return requests.get(f"{server.url}/api/v1/health", timeout=5).status_code == 200


def test_ten_endless_50_mib_headers_grow_the_server_by_less_than_64_mib(brisk: IntakeServer) -> None:
    requests.get(f"{brisk.url}/api/v1/health")
    before = rss_bytes(brisk)
    outcome = attack(brisk.port, "headers", "--clients", "10", "--mib", "50")
    grown = rss_bytes(brisk) - before
    assert grown < 64 * MIB, f"grew {grown / MIB:.1f} MiB: {outcome}"
    assert sum(v for k, v in outcome.items() if k != "seconds") == 10 and healthy(brisk), outcome
    print(f"\nRSS growth under 10 x 50 MiB endless headers: {grown / MIB:.1f} MiB ({outcome})")


def test_a_finished_16_mib_header_and_too_many_headers_get_431(brisk: IntakeServer) -> None:
    big = raw(
        brisk.port, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (16 * MIB) + b"\r\n\r\n"
    )
    many = b"".join(b"X-%d: y\r\n" % i for i in range(101))
    counted = raw(brisk.port, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
    hundred_thousand = b"".join(b"X-%d: y\r\n" % i for i in range(100_000))
    flood = raw(brisk.port, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + hundred_thousand + b"\r\n")
    for answer in (big, counted, flood):
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 431 "), answer[:200]
        assert json.loads(body)["error"]["code"] == "headers_too_large"
    # 100 headers (with Host and Connection) and a 20 KiB value are still fine.
    allowed = b"".join(b"X-%d: y\r\n" % i for i in range(97)) + b"X-Long: " + b"b" * 20_000 + b"\r\n"
    answer = raw(
        brisk.port, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + allowed + b"\r\n"
    )
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]


def test_slow_heads_silent_connections_and_stalled_bodies_are_closed(brisk: IntakeServer) -> None:
    started = time.monotonic()
    slow_head = raw(brisk.port, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
    assert slow_head.startswith(b"HTTP/1.1 408 "), slow_head[:100]
    assert raw(brisk.port, b"") == b""  # connected, said nothing: closed without an answer
    key = f"Authorization: Bearer {brisk.upload_key}\r\n".encode()
    stalled = b"POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n" + key + b"\r\n{"
    assert raw(brisk.port, stalled) == b""  # closed mid-body: nothing stored, nothing to answer
    # A slowloris: one header byte a second never makes the head deadline.
    with socket.create_connection(("127.0.0.1", brisk.port), timeout=10) as conn:
        conn.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: ")
        answer = b""
        for _ in range(10):
            try:
                conn.sendall(b"a")
            except OSError:
                break
            time.sleep(0.5)
            conn.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                answer += conn.recv(1000)
            conn.setblocking(True)
        assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert time.monotonic() - started < 30 and healthy(brisk)


def test_two_thousand_idle_connections_at_a_1024_handle_limit_leave_health_answering(tmp_path: Path) -> None:
    server = IntakeServer.start(tmp_path, settings={"header_timeout_s": 3}, nofile=1024)  # systemd default
    assert server.process is not None
    process = psutil.Process(server.process.pid)
    try:
        holder = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.floods", "idle", str(server.port), "--clients", "2000",
             "--seconds", "6"],
            cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert holder.stdout is not None
        opened = json.loads(holder.stdout.readline())["opened"]
        latencies_ms = []
        most_handles = 0
        for _ in range(20):
            started = time.perf_counter()
            assert healthy(server)
            latencies_ms.append((time.perf_counter() - started) * 1000)
            most_handles = max(most_handles, process.num_fds())
            time.sleep(0.1)
        outcome = json.loads(holder.communicate(timeout=60)[0].splitlines()[-1])
        assert opened >= 2000 and most_handles <= 1024, (opened, most_handles)
        assert outcome["closed_by_server"] == outcome["opened"], outcome  # evicted or timed out, all of them
        print(
            f"\n2000 idle connections, LimitNOFILE=1024: server held at most {most_handles} handles; health "
            f"answered 20/20, max {max(latencies_ms):.0f} ms; {outcome}"
        )
    finally:
        server.stop()
