"""tus failures provoked for real: a socket closed mid-PATCH, an idle client, two PATCHes at once,
a server killed or restarted mid-upload, expiry, and a large body that must not be held in memory; on the
data folder and on object storage (the kill mid-PATCH and the full disk on the data folder only: the
replica tests kill a server mid-PATCH on object storage)."""

from __future__ import annotations

import os
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
import requests

from tests.helpers.server import IntakeServer
from tests.helpers.small_disk import mount_small_disk
from tests.helpers.stored import upload_gone, upload_holds
from tests.integration.server.conftest import Unchanged, backend_server, running_server

BACKENDS = ("folder", "s3")
OCTET = "application/offset+octet-stream"
MIB = 1024 * 1024


def create(server: IntakeServer, length: int) -> str:
    response = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": str(length)})
    assert response.status_code == 201, response.text
    return response.headers["Location"]


def offset_of(server: IntakeServer, url: str) -> int:
    response = requests.head(url, headers=server.tus_headers, timeout=10)
    assert response.status_code == 200, response.status_code
    return int(response.headers["Upload-Offset"])


def wait_for_offset(server: IntakeServer, url: str, expected: int, timeout_s: float = 15.0) -> int:
    """Polls HEAD until the offset reaches ``expected`` (the server commits after it notices the close)."""
    deadline = time.monotonic() + timeout_s
    offset = offset_of(server, url)
    while offset != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        offset = offset_of(server, url)
    return offset


def raw_patch(server: IntakeServer, url: str, offset: int, content_length: int) -> socket.socket:
    """Opens a connection and sends PATCH headers; the caller sends the body (or not) by hand."""
    path = urlsplit(url).path
    sock = socket.create_connection(("127.0.0.1", server.port))
    head = (
        f"PATCH {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nTus-Resumable: 1.0.0\r\n"
        f"Authorization: Bearer {server.upload_key}\r\nContent-Type: {OCTET}\r\n"
        f"Upload-Offset: {offset}\r\nContent-Length: {content_length}\r\n\r\n"
    )
    sock.sendall(head.encode())
    return sock


def read_status(sock: socket.socket, timeout_s: float = 15.0) -> int:
    sock.settimeout(timeout_s)
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return int(data.split(b" ", 2)[1])


def test_patch_cut_off_by_a_closed_socket_keeps_the_bytes_that_arrived(server: IntakeServer) -> None:
    data = os.urandom(1_000_000)
    url = create(server, len(data))
    sock = raw_patch(server, url, 0, len(data))
    sock.sendall(data[:300_000])
    time.sleep(0.2)  # let the bytes reach the server before the connection drops
    sock.close()
    assert wait_for_offset(server, url, 300_000) == 300_000  # the next HEAD says so
    assert upload_holds(server, url, data[:300_000])
    # ...and the client resumes from there.
    response = requests.patch(
        url,
        data=data[300_000:],
        headers={**server.tus_headers, "Upload-Offset": "300000", "Content-Type": OCTET},
    )
    assert response.status_code == 204
    assert upload_holds(server, url, data)


def test_concurrent_patches_to_one_upload_are_serialised(server: IntakeServer) -> None:
    data = os.urandom(400_000)
    url = create(server, len(data))
    first = raw_patch(server, url, 0, 200_000)
    first.sendall(data[:100_000])
    time.sleep(0.2)
    # A second PATCH for the same range, and a third continuing where the first will end.
    rival = raw_patch(server, url, 0, 100_000)
    rival.sendall(b"\x00" * 100_000)
    follower = raw_patch(server, url, 200_000, 200_000)
    follower.sendall(data[200_000:])
    # While the first holds the upload's lock, neither of the others is answered.
    readable, _, _ = select.select([rival, follower], [], [], 0.5)
    assert readable == []
    first.sendall(data[100_000:200_000])
    assert read_status(first) == 204
    assert read_status(rival) == 409  # it waited, then saw the new offset
    assert read_status(follower) == 204  # it waited, then continued at 200000
    for sock in (first, rival, follower):
        sock.close()
    assert offset_of(server, url) == len(data)
    assert upload_holds(server, url, data)  # never interleaved


@pytest.fixture
def idle_server(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> Iterator[IntakeServer]:
    settings = {"patch_idle_timeout_s": 1, "upload_expiry_s": 2}
    yield from backend_server(request, tmp_path, backend, settings=settings)


def test_an_idle_client_is_timed_out_and_its_bytes_kept(idle_server: IntakeServer) -> None:
    data = os.urandom(200_000)
    url = create(idle_server, len(data))
    sock = raw_patch(idle_server, url, 0, len(data))
    sock.sendall(data[:50_000])
    # The client goes silent without closing: the server answers after its idle timeout and closes.
    assert read_status(sock) == 204
    sock.settimeout(5)
    while sock.recv(65536):  # ...and closes the connection (the spec's SHOULD for a timeout)
        pass
    sock.close()
    assert offset_of(idle_server, url) == 50_000
    assert upload_holds(idle_server, url, data[:50_000])


def test_unfinished_uploads_expire_410_and_are_removed(idle_server: IntakeServer) -> None:
    url = create(idle_server, 10)
    requests.patch(
        url, data=b"abc", headers={**idle_server.tus_headers, "Upload-Offset": "0", "Content-Type": OCTET}
    )
    time.sleep(2.2)
    response = requests.head(url, headers=idle_server.tus_headers)
    assert response.status_code == 410 and "Upload-Offset" not in response.headers
    assert (
        requests.patch(
            url, data=b"d", headers={**idle_server.tus_headers, "Upload-Offset": "3", "Content-Type": OCTET}
        ).status_code
        == 410
    )
    assert upload_gone(idle_server, url)


def test_server_restart_between_patches_resumes(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    with running_server(request, tmp_path, backend) as server:
        data = os.urandom(3 * MIB)
        url = create(server, len(data))
        headers = {**server.tus_headers, "Content-Type": OCTET}
        assert (
            requests.patch(url, data=data[:MIB], headers={**headers, "Upload-Offset": "0"}).status_code == 204
        )
        server.restart()
        assert offset_of(server, url) == MIB
        response = requests.patch(url, data=data[MIB:], headers={**headers, "Upload-Offset": str(MIB)})
        assert response.status_code == 204
        assert upload_holds(server, url, data)


@pytest.mark.slow
def test_server_killed_mid_patch_resumes_from_what_was_committed(tmp_path: Path, backend: str) -> None:
    if backend != "folder":
        pytest.skip("on object storage, tests/integration/scale kills a replica mid-PATCH")
    server = IntakeServer.start(tmp_path)
    try:
        data = os.urandom(40 * MIB)
        url = create(server, len(data))
        sock = raw_patch(server, url, 0, len(data))
        sock.sendall(data[: 24 * MIB])  # past the 16 MiB mid-body commit
        time.sleep(0.5)
        server.kill()  # SIGKILL: no chance to commit anything more
        sock.close()
        server.launch()
        offset = offset_of(server, url)
        assert 0 < offset <= 24 * MIB  # what was committed before the crash survived
        path = server.data_dir / "uploads" / url.rsplit("/", 1)[-1]
        assert path.read_bytes()[:offset] == data[:offset]  # an uncommitted tail may follow
        response = requests.patch(
            url,
            data=data[offset:],
            headers={**server.tus_headers, "Upload-Offset": str(offset), "Content-Type": OCTET},
        )
        assert response.status_code == 204
        assert upload_holds(server, url, data)  # the uncommitted tail was cut and rewritten, not doubled
    finally:
        server.stop()


def test_large_body_is_streamed_to_disk_not_held_in_memory(server: IntakeServer) -> None:
    assert server.process is not None
    size = 128 * MIB
    url = create(server, size)
    process = psutil.Process(server.process.pid)
    rss_before = process.memory_info().rss
    block = os.urandom(MIB)

    def body() -> Iterator[bytes]:  # chunked transfer: no Content-Length, streamed by the client too
        for _ in range(size // MIB):
            yield block

    response = requests.patch(
        url, data=body(), headers={**server.tus_headers, "Upload-Offset": "0", "Content-Type": OCTET}
    )
    assert response.status_code == 204 and response.headers["Upload-Offset"] == str(size)
    growth = process.memory_info().rss - rss_before
    assert growth < 32 * MIB, f"server RSS grew by {growth / MIB:.0f} MiB for a {size // MIB} MiB body"
    requests.delete(url, headers=server.tus_headers)  # keep the module's storage small


def test_disk_full_mid_patch_keeps_what_was_written_then_resumes(tmp_path: Path, backend: str) -> None:
    if backend != "folder":
        pytest.skip("an object store shows no free space to fill")
    server = IntakeServer.start(tmp_path, settings={"min_free_bytes": 0})
    uploads = server.data_dir / "uploads"
    try:
        with mount_small_disk(uploads, 8 * MIB):
            data = os.urandom(6 * MIB)
            url = create(server, len(data))
            (uploads / "filler").write_bytes(b"\0" * (4 * MIB))  # something else fills the disk meanwhile
            try:
                response = requests.patch(
                    url,
                    data=data,
                    headers={**server.tus_headers, "Upload-Offset": "0", "Content-Type": OCTET},
                )
            except requests.ConnectionError:
                pass  # the server may answer 507 and close while the client is still sending
            else:
                assert response.status_code == 507 and response.json()["error"]["code"] == "disk_full"
            kept = offset_of(server, url)
            assert 0 < kept < len(data)
            assert upload_holds(server, url, data[:kept])
            (uploads / "filler").unlink()  # space is freed: the client resumes
            response = requests.patch(
                url,
                data=data[kept:],
                headers={**server.tus_headers, "Upload-Offset": str(kept), "Content-Type": OCTET},
            )
            assert response.status_code == 204 and upload_holds(server, url, data)
    finally:
        server.stop()


def test_an_upload_that_would_fill_the_disk_is_refused(tmp_path: Path, backend: str) -> None:
    if backend != "folder":
        pytest.skip("an object store shows no free space: quotas there are per key")
    server = IntakeServer.start(tmp_path, settings={"min_free_bytes": 10**15})  # a petabyte must stay free
    try:
        check = Unchanged(server)
        response = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": "1000"})
        check.check(response, 507, "disk_full")
    finally:
        server.stop()
