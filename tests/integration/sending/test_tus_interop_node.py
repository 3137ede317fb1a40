"""Interoperability: our tus client against the reference @tus/server (node) — for real, over TCP.

Covers a plain upload in several chunks, resume after a cancel inside a chunk, 404 → start again,
409 (another writer moved the offset) → resync, and the server restarted mid-upload → resume. The stored
file's SHA-256 is compared with the original each time.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest
import requests

from recorder.net import NetworkSettings, build_session
from recorder.upload import RetryPolicy, TusClient, UploadCancelled, UploadHooks
from tests.helpers.tcp_proxy import TcpProxy
from tests.helpers.tus_node import NodeTusServer, node_tus_server

__all__ = ["node_tus_server"]
pytestmark = pytest.mark.node

MIB = 1024 * 1024


def _file(tmp_path: Path, size_bytes: int) -> tuple[Path, str]:
    path = tmp_path / "take.mp4"
    data = os.urandom(size_bytes)
    path.write_bytes(data)
    return path, hashlib.sha256(data).hexdigest()


def _client(base_url: str, chunk_bytes: int = MIB, **retry: float) -> TusClient:
    session = build_session(NetworkSettings(server_url=base_url, connect_timeout_s=5, read_timeout_s=10))
    policy = RetryPolicy(base_delay_s=retry.get("base_delay_s", 0.05), max_delay_s=0.5, max_attempts=20)
    return TusClient(session, f"{base_url}/files/", chunk_size_bytes=chunk_bytes, retry=policy)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_upload_in_chunks_matches(node_tus_server: NodeTusServer, tmp_path: Path) -> None:
    path, digest = _file(tmp_path, 5 * MIB + 7)
    offsets: list[int] = []
    client = _client(node_tus_server.url)
    url = client.upload(
        path,
        size_bytes=path.stat().st_size,
        metadata={"filename": "take.mp4", "sha256": digest},
        hooks=UploadHooks(on_offset=offsets.append),
    )
    assert offsets == [MIB, 2 * MIB, 3 * MIB, 4 * MIB, 5 * MIB, 5 * MIB + 7]
    assert _sha(node_tus_server.upload_path(url)) == digest
    assert client.capabilities().checksum_algorithm is None  # @tus/server does not offer checksums
    assert client.terminate(url) and not node_tus_server.upload_path(url).exists()


def test_cancel_inside_a_chunk_then_resume_from_the_server_offset(
    node_tus_server: NodeTusServer, tmp_path: Path
) -> None:
    path, digest = _file(tmp_path, 4 * MIB)
    cancel = threading.Event()
    urls: list[str | None] = []
    sent = [0]

    def on_sent(size: int) -> None:
        sent[0] += size
        if sent[0] >= MIB + 512 * 1024:  # half way through the second chunk
            cancel.set()

    client = _client(node_tus_server.url)
    with pytest.raises(UploadCancelled):
        client.upload(path, size_bytes=4 * MIB, metadata={"filename": "take.mp4"},
                      hooks=UploadHooks(on_url=urls.append, on_sent=on_sent), cancel=cancel)  # fmt: skip
    assert urls and urls[-1]
    resumed_from: list[int] = []
    url = _client(node_tus_server.url).upload(
        path, size_bytes=4 * MIB, metadata={"filename": "take.mp4"}, upload_url=urls[-1],
        hooks=UploadHooks(on_offset=resumed_from.append),
    )  # fmt: skip
    assert url == urls[-1]
    assert MIB <= resumed_from[0] < 2 * MIB  # the server's offset, not zero
    assert _sha(node_tus_server.upload_path(url)) == digest


def test_unknown_upload_url_starts_again(node_tus_server: NodeTusServer, tmp_path: Path) -> None:
    path, digest = _file(tmp_path, MIB + 1)
    urls: list[str | None] = []
    gone = f"{node_tus_server.files_url}0123456789abcdef0123456789abcdef"
    url = _client(node_tus_server.url).upload(
        path, size_bytes=MIB + 1, metadata={}, upload_url=gone, hooks=UploadHooks(on_url=urls.append)
    )
    assert urls == [None, url] and url != gone
    assert _sha(node_tus_server.upload_path(url)) == digest


def test_offset_conflict_resyncs(node_tus_server: NodeTusServer, tmp_path: Path) -> None:
    """Another writer appends between our HEAD and PATCH: the server answers 409 and we ask again."""
    path, digest = _file(tmp_path, 3 * MIB)
    data = path.read_bytes()
    client = _client(node_tus_server.url)
    url = client.create(3 * MIB, {})
    offsets: list[int] = []

    def sneak_in(offset: int) -> None:
        offsets.append(offset)
        if len(offsets) == 1:  # right after our HEAD said 0
            headers = {"Tus-Resumable": "1.0.0", "Upload-Offset": "0",
                       "Content-Type": "application/offset+octet-stream"}  # fmt: skip
            response = requests.patch(url, data=data[:100_000], timeout=10, headers=headers)
            assert response.status_code == 204

    client.upload(
        path, size_bytes=3 * MIB, metadata={}, upload_url=url, hooks=UploadHooks(on_offset=sneak_in)
    )
    assert offsets[0] == 0 and offsets[1] == 100_000  # the HEAD after the 409
    assert _sha(node_tus_server.upload_path(url)) == digest


@pytest.mark.slow
def test_server_restarted_mid_upload_resumes(node_tus_server: NodeTusServer, tmp_path: Path) -> None:
    path, digest = _file(tmp_path, 6 * MIB)
    proxy = TcpProxy(("127.0.0.1", node_tus_server.port), rate_bits_s=40e6)  # ~1.3 s for the file
    restarted = threading.Event()
    offsets: list[int] = []

    def restart_soon(offset: int) -> None:
        offsets.append(offset)
        if offset >= 2 * MIB and not restarted.is_set():
            restarted.set()

            def restart() -> None:
                time.sleep(0.1)  # the next chunk is on the wire now
                node_tus_server.restart()

            threading.Thread(target=restart, daemon=True).start()

    try:
        client = _client(proxy.url, base_delay_s=0.2)
        url = client.upload(path, size_bytes=6 * MIB, metadata={}, hooks=UploadHooks(on_offset=restart_soon))
    finally:
        proxy.stop()
    assert restarted.is_set()
    after = offsets[offsets.index(next(o for o in offsets if o >= 2 * MIB)) + 1 :]
    assert after and after[0] >= 2 * MIB  # resumed from the server's offset after the restart
    assert _sha(node_tus_server.upload_path(url.replace(proxy.url, node_tus_server.url))) == digest
