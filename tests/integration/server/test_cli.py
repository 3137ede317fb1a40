"""``voicebooth-server`` as IT runs it: upload keys (add, list, revoke), add-reviewer, serve (TLS, refusals),
purge."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.helpers.server import REPO_ROOT, IntakeServer, free_port, send_submission


def cli(*args: str, stdin: str | None = None, timeout_s: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        cwd=REPO_ROOT,
        check=False,
    )


def test_add_upload_key_prints_the_key_alone_on_the_last_line(tmp_path: Path) -> None:
    result = cli("add-upload-key", "Ward 7", "--data", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip().splitlines()[-1]
    assert key.startswith("vbk_") and " " not in key and len(key) > 30
    assert key not in result.stderr and key not in (tmp_path / "data" / "voicebooth.db").read_bytes().decode(
        "latin-1"
    )


def test_add_reviewer_reads_the_password_from_stdin(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    result = cli(
        "add-reviewer", "lead@ward7", "--password-stdin", "--data", data, stdin="a long enough password\n"
    )
    assert result.returncode == 0, result.stderr
    assert "a long enough password" not in result.stdout + result.stderr
    short = cli("add-reviewer", "lead2", "--password-stdin", "--data", data, stdin="short\n")
    assert short.returncode == 2 and "at least 12 characters" in short.stderr
    bad_name = cli(
        "add-reviewer", "../root", "--password-stdin", "--data", data, stdin="a long enough password\n"
    )
    assert bad_name.returncode == 2 and "reviewer name" in bad_name.stderr


def test_a_revoked_key_is_refused_at_once_by_the_running_server(intake_server: IntakeServer) -> None:
    data = str(intake_server.data_dir)
    spare = cli("add-upload-key", "Ward 9 (spare)", "--data", data).stdout.strip().splitlines()[-1]
    listed = cli("list-upload-keys", "--data", data)
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()
    assert rows[0].split() == ["NUMBER", "CREATED", "REVOKED", "LABEL"]
    assert [row.split()[0] for row in rows[1:]] == ["1", "2"] and rows[2].endswith("Ward 9 (spare)")
    assert intake_server.upload_key not in listed.stdout and spare not in listed.stdout
    creation = {**intake_server.tus_headers, "Upload-Length": "10"}
    unfinished = requests.post(intake_server.files_url, headers=creation)
    assert unfinished.status_code == 201
    upload_file = intake_server.data_dir / "uploads" / unfinished.headers["Location"].rsplit("/", 1)[-1]
    assert upload_file.is_file()

    revoked = cli("revoke-upload-key", "1", "--data", data)
    assert revoked.returncode == 0 and "Upload key 1 ('tests') is revoked since" in revoked.stdout
    refused = requests.post(intake_server.files_url, headers=creation)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unknown_key"
    assert not upload_file.exists()  # its unfinished upload ended with it
    manifest = requests.post(
        f"{intake_server.url}/api/v1/submissions", json={}, headers=intake_server.key_headers
    )
    assert manifest.status_code == 401
    spare_headers = {"Authorization": f"Bearer {spare}", "Tus-Resumable": "1.0.0", "Upload-Length": "10"}
    assert requests.post(intake_server.files_url, headers=spare_headers).status_code == 201

    by_key = cli("revoke-upload-key", "--key-stdin", "--data", data, stdin=spare + "\n")
    assert by_key.returncode == 0 and "Upload key 2" in by_key.stdout and spare not in by_key.stdout
    assert requests.post(intake_server.files_url, headers=spare_headers).status_code == 401
    again = cli("revoke-upload-key", "2", "--data", data)
    assert again.returncode == 0 and again.stdout == by_key.stdout
    listed = cli("list-upload-keys", "--data", data).stdout.splitlines()
    assert all(row.count(" UTC ") == 2 for row in listed[1:]), listed  # created and revoked
    unknown = cli("revoke-upload-key", "7", "--data", data)
    assert unknown.returncode == 2 and "list-upload-keys" in unknown.stderr
    wrong = cli("revoke-upload-key", "--key-stdin", "--data", data, stdin="vbk_not_a_key\n")
    assert wrong.returncode == 2


def test_every_subcommand_needs_data(tmp_path: Path) -> None:
    for command in (
        ["serve"],
        ["purge"],
        ["add-upload-key", "x"],
        ["add-reviewer", "x", "--password-stdin"],
        ["list-upload-keys"],
        ["revoke-upload-key", "1"],
    ):
        result = cli(*command)
        assert result.returncode == 2 and "--data" in result.stderr


def test_serve_refuses_another_interface_without_tls(tmp_path: Path) -> None:
    for host in ("0.0.0.0", "127.0.0.2", "::"):
        result = cli("serve", "--data", str(tmp_path / "data"), "--host", host, "--port", str(free_port()))
        assert result.returncode == 2
        assert "Refusing to listen" in result.stderr and "--tls-certfile" in result.stderr


def test_serve_https_on_another_interface_with_tls(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.2",
            "-addext",
            "subjectAltName=IP:127.0.0.2",
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server.cli",
            "serve",
            "--data",
            str(tmp_path / "data"),
            "--host",
            "127.0.0.2",
            "--port",
            str(port),
            "--tls-certfile",
            str(cert),
            "--tls-keyfile",
            str(key),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = requests.get(
                    f"https://127.0.0.2:{port}/api/v1/health", verify=str(cert), timeout=2
                )
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.1)
        assert response.json() == {"status": "ok"}
    finally:
        # Not terminate(): uvicorn's graceful stop waits up to 10 s on asyncio's TLS close of a connection
        # the client already dropped; shutdown is not what this test is about.
        process.kill()
        process.wait(10)


def test_settings_file_errors_are_plain(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "server.toml").write_text("max_upload_bytes = 'lots'\n", encoding="utf-8")
    result = cli("purge", "--data", str(data))
    assert result.returncode == 2 and "max_upload_bytes" in result.stderr and "Traceback" not in result.stderr
    (data / "server.toml").write_text("colour = 'blue'\n", encoding="utf-8")
    result = cli("purge", "--data", str(data))
    assert result.returncode == 2 and "Unknown setting 'colour'" in result.stderr


def test_purge_expires_consent_and_uploads(tmp_path: Path, deliverable: Path) -> None:
    server = IntakeServer.start(tmp_path, settings={"upload_expiry_s": 1})
    try:
        consent = {
            "version_id": "v1",
            "text_sha256": "c" * 64,
            "choices": {},
            "given_utc": "2019-05-01T10:00:00Z",
        }
        manifest, done = send_submission(server, [deliverable], consent=consent)
        fresh, fresh_done = send_submission(server, [deliverable])
        unfinished = requests.post(server.files_url, headers={**server.tus_headers, "Upload-Length": "100"})
        upload_id = unfinished.headers["Location"].rsplit("/", 1)[-1]
        media_before = len(list((server.data_dir / "media").iterdir()))
        time.sleep(1.1)
        result = cli("purge", "--data", str(server.data_dir))
        assert result.returncode == 0, result.stderr
        assert "Submissions whose consent expired, media deleted: 1" in result.stdout
        assert "Expired uploads removed: 1" in result.stdout
        assert len(list((server.data_dir / "media").iterdir())) == media_before - 2
        assert not (server.data_dir / "uploads" / upload_id).exists()
        status = requests.get(f"{server.url}/api/v1/status/{done['reference']}").json()
        assert status["status"] == "expired"
        assert (
            requests.get(f"{server.url}/api/v1/status/{fresh_done['reference']}").json()["status"]
            == "received"
        )
        assert fresh["submission_id"] != manifest["submission_id"]
    finally:
        server.stop()
