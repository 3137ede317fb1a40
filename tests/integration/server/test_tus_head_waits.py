"""HEAD right after a client dies mid-PATCH: it waits for the PATCH still in flight on the server and reports
the offset that PATCH left, so the client's next PATCH does not get 409 (a real SIGKILLed client process,
a client gone silent, and a lock held by another process for longer than HEAD may wait); on the data folder
(flock) and on object storage with PostgreSQL (advisory locks)."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.helpers.server import IntakeServer
from tests.helpers.stored import upload_holds, upload_lock_held, wait_until_writing
from tests.integration.server.conftest import backend_server
from tests.integration.server.test_tus_failures import OCTET, create, offset_of, raw_patch, read_status

BACKENDS = ("folder", "s3")

# A client that sends PATCH headers and part of the body, says so, then hangs until it is killed.
CLIENT = """
import socket, sys
port, path, key, length, part = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
sock = socket.create_connection(("127.0.0.1", int(port)))
sock.sendall((
    f"PATCH {path} HTTP/1.1\\r\\nHost: 127.0.0.1:{port}\\r\\nTus-Resumable: 1.0.0\\r\\n"
    f"Authorization: Bearer {key}\\r\\nContent-Type: application/offset+octet-stream\\r\\n"
    f"Upload-Offset: 0\\r\\nContent-Length: {length}\\r\\n\\r\\n"
).encode())
sock.sendall(sys.stdin.buffer.read(part))
print("sent", flush=True)
sys.stdin.read()  # hang here, connection open, until killed
"""


def send_head(server: IntakeServer, url: str) -> socket.socket:
    """A HEAD on its own connection, answer not read yet."""
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.sendall(
        (
            f"HEAD {urlsplit(url).path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"Tus-Resumable: 1.0.0\r\nAuthorization: Bearer {server.upload_key}\r\n\r\n"
        ).encode()
    )
    return sock


def read_head(sock: socket.socket, timeout_s: float = 60.0) -> tuple[int, dict[str, str]]:
    """Status and headers of a HEAD answer."""
    sock.settimeout(timeout_s)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        assert chunk, "the server closed the connection without answering"
        data += chunk
    lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split(" ", 2)[1]), headers


def patch_rest(server: IntakeServer, url: str, data: bytes, offset: int) -> requests.Response:
    return requests.patch(
        url,
        data=data[offset:],
        headers={**server.tus_headers, "Upload-Offset": str(offset), "Content-Type": OCTET},
        timeout=60,
    )


def test_head_after_a_killed_client_reports_the_final_offset(server: IntakeServer) -> None:
    data = os.urandom(1_000_000)
    url = create(server, len(data))
    client = subprocess.Popen(
        [sys.executable, "-c", CLIENT, str(server.port), urlsplit(url).path, server.upload_key,
         str(len(data)), "300000"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert client.stdin is not None and client.stdout is not None
        client.stdin.write(data[:300_000])
        client.stdin.flush()
        assert client.stdout.readline().strip() == b"sent"
        wait_until_writing(server, url, 300_000)
        head = send_head(server, url)
        # The PATCH still holds the upload: HEAD is not answered with the stale committed offset (0).
        readable, _, _ = select.select([head], [], [], 0.5)
        assert readable == []
        client.send_signal(signal.SIGKILL)  # the client dies; the kernel closes its connection
        client.wait(10)
        status, headers = read_head(head)
        head.close()
    finally:
        if client.poll() is None:
            client.kill()
            client.wait(10)
    assert status == 200
    assert headers["upload-offset"] == "300000"  # what the cut PATCH left, in one HEAD, no polling
    response = patch_rest(server, url, data, 300_000)  # so the next PATCH fits: no 409
    assert response.status_code == 204, response.text
    assert upload_holds(server, url, data)


def test_head_sees_bytes_a_patch_adds_while_head_waits(server: IntakeServer) -> None:
    data = os.urandom(600_000)
    url = create(server, len(data))
    patch = raw_patch(server, url, 0, len(data))
    patch.sendall(data[:100_000])
    wait_until_writing(server, url, 100_000)
    head = send_head(server, url)
    readable, _, _ = select.select([head], [], [], 0.5)
    assert readable == []
    patch.sendall(data[100_000:250_000])  # more arrives while HEAD waits...
    wait_until_writing(server, url, 250_000)
    patch.close()  # ...then the connection is cut
    status, headers = read_head(head)
    head.close()
    assert (status, headers["upload-offset"]) == (200, "250000")
    assert patch_rest(server, url, data, 250_000).status_code == 204


@pytest.fixture
def idle_server(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> Iterator[IntakeServer]:
    yield from backend_server(request, tmp_path, backend, settings={"patch_idle_timeout_s": 1})


def test_head_waits_out_a_silent_client_then_reports_its_bytes(idle_server: IntakeServer) -> None:
    data = os.urandom(200_000)
    url = create(idle_server, len(data))
    patch = raw_patch(idle_server, url, 0, len(data))
    patch.sendall(data[:50_000])  # then silence, connection open (a network that died without a word)
    wait_until_writing(idle_server, url, 50_000)
    head = send_head(idle_server, url)
    status, headers = read_head(head)  # answered once the server gives the PATCH up (idle timeout)
    head.close()
    assert (status, headers["upload-offset"]) == (200, "50000")
    assert read_status(patch) == 204
    patch.close()
    assert patch_rest(idle_server, url, data, 50_000).status_code == 204


def test_head_gives_423_when_the_upload_stays_locked(idle_server: IntakeServer) -> None:
    url = create(idle_server, 1000)
    with upload_lock_held(idle_server, url):  # another server process or replica writing to it
        response = requests.head(url, headers=idle_server.tus_headers, timeout=60)
        assert response.status_code == 423 and "Upload-Offset" not in response.headers
    assert offset_of(idle_server, url) == 0  # free again: answered at once
