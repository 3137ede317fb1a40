"""A minimal upload sink for the upload benchmarks: a plain ``PUT`` endpoint and a tus 1.0 core+creation
endpoint that write the body to disk through the *same* receive loop, so the two clients are compared on
an equal server. Threaded, keep-alive, no checksum extension (a plain PUT has none either).
"""

from __future__ import annotations

import http.server
import os
import threading
import uuid
from pathlib import Path

BLOCK_BYTES = 1024 * 1024


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SinkServer

    def log_message(self, *_args: object) -> None:
        pass

    def _reply(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {"Tus-Resumable": "1.0.0", "Content-Length": "0", **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()

    def _receive(self, path: Path, offset: int, length: int) -> int:
        """The shared body loop: read up to 1 MiB at a time, write at ``offset``; returns bytes written."""
        buffer = bytearray(BLOCK_BYTES)
        view = memoryview(buffer)
        done = 0
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            os.lseek(fd, offset, os.SEEK_SET)
            while done < length:
                got = self.rfile.readinto(view[: min(BLOCK_BYTES, length - done)])
                if not got:
                    break
                os.write(fd, view[:got])
                done += got
        finally:
            os.close(fd)
        return done

    def do_PUT(self) -> None:  # the reference: one streamed PUT of the whole file
        length = int(self.headers.get("Content-Length", "0"))
        self._receive(self.server.folder / f"put-{uuid.uuid4().hex}", 0, length)
        self._reply(204)

    def do_OPTIONS(self) -> None:
        self._reply(204, {"Tus-Version": "1.0.0", "Tus-Extension": "creation,termination"})

    def do_POST(self) -> None:
        upload_id = uuid.uuid4().hex
        with self.server.lock:
            self.server.uploads[upload_id] = [int(self.headers["Upload-Length"]), 0]
        (self.server.folder / upload_id).touch()
        self._reply(201, {"Location": f"/files/{upload_id}"})

    def do_HEAD(self) -> None:
        upload = self.server.uploads.get(self.path.rsplit("/", 1)[-1])
        if upload is None:
            self._reply(404)
            return
        self._reply(200, {"Upload-Offset": str(upload[1]), "Upload-Length": str(upload[0]),
                          "Cache-Control": "no-store"})  # fmt: skip

    def do_PATCH(self) -> None:
        upload_id = self.path.rsplit("/", 1)[-1]
        upload = self.server.uploads.get(upload_id)
        length = int(self.headers.get("Content-Length", "0"))
        if upload is None:
            self._reply(404)
            return
        if int(self.headers.get("Upload-Offset", "-1")) != upload[1]:
            self._reply(409)
            return
        upload[1] += self._receive(self.server.folder / upload_id, upload[1], length)
        self._reply(204, {"Upload-Offset": str(upload[1])})


class SinkServer(http.server.ThreadingHTTPServer):
    """Serves on 127.0.0.1 (free port) in a daemon thread; files go to ``folder``."""

    daemon_threads = True

    def __init__(self, folder: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.folder = folder
        self.uploads: dict[str, list[int]] = {}
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True, name="sink").start()

    @property
    def port(self) -> int:
        port: int = self.server_address[1]
        return port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def clear(self) -> None:
        """Delete received files (between rounds, so the disk cache state is alike for both clients)."""
        for path in self.folder.iterdir():
            path.unlink()
        self.uploads.clear()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
