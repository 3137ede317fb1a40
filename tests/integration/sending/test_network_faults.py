"""Networks that misbehave, for real: a proxy capping requests at 1 MiB (413), a TLS-inspecting proxy whose
CA is only in configuration, a server answering 500 three times, a server that accepts and never answers,
and an unreachable server through the command line."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from recorder.outbox import SendError
from recorder.submission import finished_takes
from tests.helpers.certs import make_authority
from tests.helpers.http_faults import FaultProxy, FaultRules
from tests.helpers.sending import MediaCache, make_submission, outbox_path, run_send, write_details
from tests.helpers.server import REPO_ROOT, IntakeServer
from tests.helpers.tcp_proxy import TcpProxy
from tests.helpers.tls_proxy import TlsInspectingProxy
from tests.integration.sending.faults import (
    MIB,
    Waits,
    manifest_for,
    outbox,
    read_outbox,
    server_video_sha256,
)

SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def test_proxy_413_above_1mib_steps_chunks_down(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media, big=True)
    video = finished_takes(folder)[0] / "deliverable.mp4"
    digest = hashlib.sha256(video.read_bytes()).hexdigest()
    proxy = FaultProxy(("127.0.0.1", module_intake_server.port), FaultRules(max_body_bytes=MIB))
    try:
        box = outbox(tmp_path, proxy.url, module_intake_server.upload_key)  # 8 MiB chunks by default
        sid = box.queue(folder, manifest_for(folder))
        assert box.send(sid).startswith("VB-")
        assert proxy.rejected_413 == 3  # 8 → 4 → 2 → 1 MiB
        record = box.get(sid)
        assert record is not None and record.chunk_size_bytes == MIB
        # The next submission on this network starts at the size that works.
        second = make_submission(tmp_path / "sub2", media)
        assert box.send(box.queue(second, manifest_for(second))).startswith("VB-")
        assert proxy.rejected_413 == 3
    finally:
        proxy.stop()
    assert server_video_sha256(module_intake_server, video.parent.name) == digest


def test_server_500_three_times_then_204(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    proxy = FaultProxy(
        ("127.0.0.1", module_intake_server.port), FaultRules(fail_first=3, fail_method="PATCH")
    )
    waits = Waits()
    try:
        box = outbox(tmp_path, proxy.url, module_intake_server.upload_key, waits)
        assert box.send(box.queue(folder, manifest_for(folder))).startswith("VB-")
    finally:
        proxy.stop()
    # Three 500s, then (after a HEAD to resync) a 256 KiB probe and the rest of the small file: 204s.
    assert proxy.failed == 3 and proxy.methods["PATCH"] == 5 and proxy.methods["HEAD"] == 3
    assert len(waits.delays) == 3 and waits.delays[0] < waits.delays[2]  # backed off, growing


@pytest.mark.slow
def test_server_that_accepts_and_never_answers_times_out_and_retries(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    folder = make_submission(tmp_path / "sub", media)
    waits = Waits()
    with TcpProxy(("127.0.0.1", module_intake_server.port), hang_first=2) as hanging:
        box = outbox(tmp_path, hanging.url, module_intake_server.upload_key, waits, read_timeout_s=1)
        sid = box.queue(folder, manifest_for(folder))
        assert box.send(sid).startswith("VB-")
        assert hanging.hung == 2 and hanging.accepted >= 3
    assert len(waits.delays) == 2


@pytest.mark.slow
def test_server_that_never_answers_at_all_leaves_it_queued(tmp_path: Path, media: MediaCache) -> None:
    folder = make_submission(tmp_path / "sub", media)
    listener = socket.create_server(("127.0.0.1", 0))  # accepts into the backlog, never reads or answers
    waits = Waits()
    try:
        box = outbox(
            tmp_path, f"http://127.0.0.1:{listener.getsockname()[1]}", "key", waits, read_timeout_s=0.3
        )
        sid = box.queue(folder, manifest_for(folder))
        with pytest.raises(SendError, match="did not answer in time"):
            box.send(sid)
    finally:
        listener.close()
    record = box.get(sid)
    assert record is not None and record.state == "queued" and len(waits.delays) == 7  # 8 attempts


def _tls_server(
    root: Path, server_ca_folder: Path
) -> tuple[IntakeServer, subprocess.Popen[bytes], str, Path]:
    """The intake server over HTTPS with a certificate from a CA only the inspecting proxy trusts."""
    server = IntakeServer.start(root)
    server.stop()
    authority = make_authority(server_ca_folder, "server")
    cert, key = authority.issue(server_ca_folder, "intake", ["127.0.0.1"])
    command = [sys.executable, "-m", "server.cli", "serve", "--data", str(server.data_dir),
               "--host", "127.0.0.1",
               "--port", str(server.port), "--tls-certfile", str(cert), "--tls-keyfile", str(key),
               "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"https://127.0.0.1:{server.port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/api/v1/health", timeout=1, verify=str(authority.cert_path))
            return server, process, url, authority.cert_path
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the HTTPS intake server did not start")


@pytest.mark.slow
def test_tls_inspecting_proxy_with_its_ca_only_in_configuration(
    tmp_path: Path, media: MediaCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", SYSTEM_BUNDLE)  # as on these machines: must not get in the way
    server, process, url, server_ca = _tls_server(tmp_path / "intake", tmp_path / "server-ca")
    proxy = TlsInspectingProxy(tmp_path / "proxy-ca", upstream_ca=server_ca)
    try:
        folder = make_submission(tmp_path / "sub", media)
        # Without the proxy's CA: a plain reason, still queued, nothing deleted.
        box = outbox(tmp_path / "a", url, server.upload_key, Waits(), proxy=proxy.url)
        sid = box.queue(folder, manifest_for(folder))
        with pytest.raises(SendError, match="not trusted"):
            box.send(sid)
        record = box.get(sid)
        assert record is not None and record.state == "queued" and folder.exists()
        assert proxy.connects >= 1  # it went through the proxy, which the client did not trust
        box.close()
        # With the proxy's CA in configuration (ca_bundle) it goes through the proxy and is confirmed.
        box = outbox(
            tmp_path / "a", url, server.upload_key, Waits(), proxy=proxy.url, ca_bundle=str(proxy.ca_path)
        )
        assert box.send(sid).startswith("VB-")
        assert proxy.connects >= 2 and not folder.exists()  # through the proxy again, now trusted
    finally:
        proxy.stop()
        process.terminate()
        process.wait(10)


def test_unreachable_server_from_the_command_line(tmp_path: Path, media: MediaCache) -> None:
    reserved = socket.socket()
    reserved.bind(("127.0.0.1", 0))
    try:
        folder = make_submission(tmp_path / "sub", media)
        home = tmp_path / "home"
        url = f"http://127.0.0.1:{reserved.getsockname()[1]}"
        result = run_send(folder, url, "key", home, write_details(tmp_path / "d.json"))
    finally:
        reserved.close()
    assert result.returncode == 1 and result.stdout == ""
    assert "not accepting connections" in result.stderr and "stays queued" in result.stderr
    assert "Traceback" not in result.stderr
    stored = read_outbox(outbox_path(home))
    assert stored["submissions"][0]["state"] == "queued"
    assert "not accepting connections" in stored["submissions"][0]["last_error"]
    assert folder.exists()


def test_corrupted_chunk_is_refused_by_checksum_and_sent_again(
    module_intake_server: IntakeServer, tmp_path: Path, media: MediaCache
) -> None:
    """The server offers the checksum extension: a chunk changed on the way gets 460 and is sent again."""
    folder = make_submission(tmp_path / "sub", media)
    video = finished_takes(folder)[0] / "deliverable.mp4"
    digest = hashlib.sha256(video.read_bytes()).hexdigest()
    proxy = FaultProxy(("127.0.0.1", module_intake_server.port), FaultRules(corrupt_first_patches=1))
    waits = Waits()
    try:
        box = outbox(tmp_path, proxy.url, module_intake_server.upload_key, waits)
        assert box.send(box.queue(folder, manifest_for(folder))).startswith("VB-")
    finally:
        proxy.stop()
    assert proxy.corrupted == 1 and len(waits.delays) == 1  # one 460, one wait, then accepted
    assert server_video_sha256(module_intake_server, video.parent.name) == digest
