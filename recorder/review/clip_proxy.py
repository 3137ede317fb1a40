"""A local, authenticated pass-through so the Qt player can stream review clips with HTTP Range.

Why: QMediaPlayer plays ``http://`` URLs and its FFmpeg backend seeks with ``Range`` requests, but it
cannot add our ``Authorization: Bearer`` header. Downloading the whole clip before playing would make a
reviewer wait on slow NHS links; a token in the URL would leak into logs and proxies. So this small
server listens on 127.0.0.1 only, on a free port, and forwards ``GET``/``HEAD`` for
``/<secret>/takes/<take_id>`` to ``/api/v1/review/takes/<take_id>/video`` on the intake server with the
bearer header and the player's ``Range``, streaming the answer back in 64 KiB pieces (nothing is stored).

The path secret (32 random bytes, new each run, compared in constant time) stops other users of a shared
PC from using a reviewer's sign-in through the port. Nothing is logged per request (the path holds the
secret). What went wrong with a take's last request (expired sign-in, clip missing, server unreachable)
is kept for the UI to explain a player error in plain words (:meth:`ClipProxy.problem`).
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests

from recorder.review.errors import (
    SIGNED_OUT,
    VIDEO_NOT_ON_SERVER,
    ClipMissingError,
    ReviewError,
    SignedOutError,
    unreachable,
)
from recorder.review.http import ReviewHttp

_CHUNK_BYTES = 64 * 1024
_TAKE_ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
_PASSED_HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Range",
    "Accept-Ranges",
    "Last-Modified",
    "ETag",
    "Cache-Control",
)


class ClipProxy:
    """Serves review clips to the local player (module docstring). Start with :meth:`start`.

    Args:
        http: the review client's HTTP layer (its token is read for every request, so a new sign-in
            applies at once).
        session: a session for the proxy's own requests (requests.Session is not shared across threads).
    """

    def __init__(self, http: ReviewHttp, session: requests.Session | None = None) -> None:
        self._http = http
        self._session = session or requests.Session()
        self._secret = secrets.token_urlsafe(32)
        self._problems: dict[str, ReviewError] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        assert self._server is not None, "start() first"
        return int(self._server.server_address[1])

    def start(self) -> None:
        """Listen on 127.0.0.1 on a free port, serving on a daemon thread."""
        if self._server is not None:
            return
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="clip-proxy", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and wait for the serving thread."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)
        self._server = None
        self._session.close()

    def url_for(self, take_id: str) -> str:
        """The local address the player opens for ``take_id``."""
        if not _TAKE_ID_RE.match(take_id):
            raise ValueError("not a take id")
        return f"http://127.0.0.1:{self.port}/{self._secret}/takes/{take_id}"

    def problem(self, take_id: str) -> ReviewError | None:
        """Why the last request for ``take_id`` failed (None when it did not)."""
        with self._lock:
            return self._problems.get(take_id)

    def _note(self, take_id: str, problem: ReviewError | None) -> None:
        with self._lock:
            if problem is None:
                self._problems.pop(take_id, None)
            else:
                self._problems[take_id] = problem

    def _authorised(self, path: str) -> str | None:
        """The take id when ``path`` carries the secret and a valid take id, else None."""
        parts = path.split("?", 1)[0].split("/")
        if len(parts) != 4 or parts[0] != "" or parts[2] != "takes":
            return None
        if not hmac.compare_digest(parts[1].encode(), self._secret.encode()):
            return None
        return parts[3] if _TAKE_ID_RE.match(parts[3]) else None

    def _forward(self, handler: BaseHTTPRequestHandler, head_only: bool) -> None:
        take_id = self._authorised(handler.path)
        if take_id is None:
            _reply(handler, HTTPStatus.NOT_FOUND)
            return
        upstream_url = self._http.url(f"/api/v1/review/takes/{take_id}/video")
        headers = self._http.headers({"Accept-Encoding": "identity"})
        if handler.headers.get("Range"):
            headers["Range"] = handler.headers["Range"]
        try:
            upstream = self._session.request(
                "HEAD" if head_only else "GET",
                upstream_url,
                headers=headers,
                stream=True,
                timeout=self._http.timeout_s,
            )
        except requests.RequestException as error:
            self._note(take_id, unreachable(error, upstream_url))
            _reply(handler, HTTPStatus.BAD_GATEWAY)
            return
        with upstream:
            if upstream.status_code == 401:
                self._note(take_id, SignedOutError(SIGNED_OUT, 401))
            elif upstream.status_code in (404, 410):
                self._note(take_id, ClipMissingError(VIDEO_NOT_ON_SERVER, upstream.status_code))
            elif upstream.status_code < 400:
                self._note(take_id, None)
            _relay(handler, upstream, head_only)


def _reply(handler: BaseHTTPRequestHandler, status: HTTPStatus) -> None:
    handler.send_response(status)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _relay(handler: BaseHTTPRequestHandler, upstream: requests.Response, head_only: bool) -> None:
    handler.send_response(upstream.status_code)
    for name in _PASSED_HEADERS:
        if name in upstream.headers:
            handler.send_header(name, upstream.headers[name])
    if "Content-Length" not in upstream.headers:
        handler.close_connection = True  # unknown length: the end of the body is the end of the connection
        handler.send_header("Connection", "close")
    handler.end_headers()
    if head_only:
        return
    try:
        for chunk in upstream.iter_content(_CHUNK_BYTES):
            handler.wfile.write(chunk)
    except OSError:  # also requests' errors: the server went away mid-body, the player sees a short read
        handler.close_connection = True  # or the player seeked away / closed: stop reading upstream


class _Handler(BaseHTTPRequestHandler):
    owner: ClipProxy
    protocol_version = "HTTP/1.1"  # keep-alive: the player's many Range requests reuse one connection

    def do_GET(self) -> None:
        self.owner._forward(self, head_only=False)

    def do_HEAD(self) -> None:
        self.owner._forward(self, head_only=True)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request paths carry the secret."""
