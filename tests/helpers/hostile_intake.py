"""A hostile intake server on 127.0.0.1 that breaks the contract on purpose; a listener that records theft.

:class:`HostileIntake` speaks just enough of CONTRACTS.md section 3 (tus 1.0.0 at ``/files/``, the sending
side's JSON API) for the real outbox to get through a send, and misbehaves in one chosen way
(:class:`Misbehaviour`): a tus ``Location`` on another origin, a 307 on creation, an ``Upload-Offset`` past
the bytes sent or past the file, a reference code or an error message carrying terminal escape sequences.
It records every request it gets (method, path, headers, body size).

:class:`Thief` is the other origin those answers point at: a raw TCP listener that counts every byte any
client sends it, so a test can assert it got nothing (neither the upload key nor a byte of video).
"""

from __future__ import annotations

import contextlib
import enum
import json
import socket
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.helpers.listener import ThreadedListener

WITHDRAWAL_CODE = "K7M3Q-9XDAB-4TRWH"
#: A reference with escape sequences: clear the screen, set the terminal's title, ring the bell.
ESCAPING_REFERENCE = "VB-\x1b[2J\x1b]0;pwned\x07ABCD-\x1b[31mEFGH"
#: An error message that would recolour the terminal and overwrite the line it is on.
ESCAPING_MESSAGE = "Refused\x1b[2K\r\x1b[32mSent OK, reference VB-7K3M-Q9XD\x1b[0m"


class Misbehaviour(enum.Enum):
    NONE = "none"
    TUS_LOCATION_ELSEWHERE = "tus_location_elsewhere"  # 201 on creation, Location on the thief's origin
    TUS_CREATE_REDIRECT = "tus_create_redirect"  # 307 on tus creation, to the thief
    API_CREATE_REDIRECT = "api_create_redirect"  # 307 on POST /api/v1/submissions, to the thief
    PATCH_OFFSET_PAST_SENT = "patch_offset_past_sent"  # 204 with an offset past what the PATCH carried
    HEAD_OFFSET_PAST_END = "head_offset_past_end"  # 409 on PATCH, then HEAD says more than the file holds
    ESCAPING_REFERENCE = "escaping_reference"  # complete answers a reference with escape sequences
    ESCAPING_ERROR = "escaping_error"  # complete answers 422 with escape sequences in its message


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body_bytes: int


class Thief(ThreadedListener):
    """Another origin: records every byte sent to it, answers each request head with an empty 204."""

    def __init__(self) -> None:
        super().__init__("thief")
        self.received = bytearray()
        self.connections = 0
        self._lock = threading.Lock()

    def serve(self, client: socket.socket) -> None:
        with self._lock:
            self.connections += 1
        client.settimeout(2.0)
        with contextlib.suppress(OSError), client:
            while True:
                data = client.recv(65536)
                if not data:
                    return
                with self._lock:
                    self.received += data
                if b"\r\n\r\n" in data:
                    client.sendall(
                        b"HTTP/1.1 204 No Content\r\nUpload-Offset: 0\r\nContent-Length: 0\r\n\r\n"
                    )


@dataclass
class HostileIntake:
    """The hostile server; ``start()`` it, point the client at :attr:`url`, ``stop()`` it."""

    misbehaviour: Misbehaviour
    thief_url: str
    seen: list[Seen] = field(default_factory=list)
    uploads: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> (length, offset)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> HostileIntake:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="hostile-intake").start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def requests(self, method: str, path_start: str = "") -> list[Seen]:
        return [s for s in self.seen if s.method == method and s.path.startswith(path_start)]


def _handler_for(intake: HostileIntake) -> type[BaseHTTPRequestHandler]:
    bad = intake.misbehaviour

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _body(self) -> bytes:
            size = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(size) if size else b""
            intake.seen.append(Seen(self.command, self.path, dict(self.headers.items()), len(body)))
            return body

        def _answer(self, status: int, headers: dict[str, str] | None = None, body: object = None) -> None:
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Tus-Resumable", "1.0.0")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if data and self.command != "HEAD":
                self.wfile.write(data)

        def do_OPTIONS(self) -> None:
            self._body()
            self._answer(204, {"Tus-Version": "1.0.0", "Tus-Extension": "creation,termination,expiration",
                               "Tus-Max-Size": str(2**31)})  # fmt: skip

        def do_POST(self) -> None:
            self._body()
            if self.path == "/api/v1/submissions":
                if bad is Misbehaviour.API_CREATE_REDIRECT:
                    self._answer(307, {"Location": f"{intake.thief_url}{self.path}"})
                else:
                    self._answer(201, body={"submission_id": "x", "status": "open"})
            elif self.path == "/files/":
                upload_id = uuid.uuid4().hex
                intake.uploads[upload_id] = (int(self.headers["Upload-Length"]), 0)
                if bad is Misbehaviour.TUS_CREATE_REDIRECT:
                    self._answer(307, {"Location": f"{intake.thief_url}/files/"})
                elif bad is Misbehaviour.TUS_LOCATION_ELSEWHERE:
                    self._answer(201, {"Location": f"{intake.thief_url}/files/{upload_id}"})
                else:
                    self._answer(201, {"Location": f"/files/{upload_id}"})
            elif self.path.endswith("/complete"):
                if bad is Misbehaviour.ESCAPING_ERROR:
                    self._answer(422, body={"error": {"code": "take_invalid", "message": ESCAPING_MESSAGE}})
                    return
                reference = ESCAPING_REFERENCE if bad is Misbehaviour.ESCAPING_REFERENCE else "VB-7K3M-Q9XD"
                self._answer(200, body={"reference": reference, "withdrawal_token": WITHDRAWAL_CODE,
                                        "status": "received"})  # fmt: skip
            else:
                self._answer(404, body={"error": {"code": "not_found", "message": "no such path"}})

        def do_HEAD(self) -> None:
            self._body()
            length, offset = intake.uploads[self.path.rsplit("/", 1)[-1]]
            if bad is Misbehaviour.HEAD_OFFSET_PAST_END:
                offset = length + 1000
            self._answer(200, {"Upload-Length": str(length), "Upload-Offset": str(offset)})

        def do_PATCH(self) -> None:
            body = self._body()
            upload_id = self.path.rsplit("/", 1)[-1]
            length, offset = intake.uploads[upload_id]
            if bad is Misbehaviour.HEAD_OFFSET_PAST_END:
                self._answer(409)  # the client asks with HEAD where to go on
                return
            offset += len(body)
            intake.uploads[upload_id] = (length, offset)
            claimed = offset + 1000 if bad is Misbehaviour.PATCH_OFFSET_PAST_SENT else offset
            self._answer(204, {"Upload-Offset": str(claimed)})

        def do_PUT(self) -> None:
            self._body()
            self._answer(200, body={"status": "attached"})

        def do_DELETE(self) -> None:
            self._body()
            self._answer(204)

    return Handler
