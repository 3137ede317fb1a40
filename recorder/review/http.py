"""The review client's HTTP layer: bearer header, timeouts, and server answers turned into plain errors.

One :class:`ReviewHttp` per server. It holds the current token (never logged, never put in a URL) and
maps every failure onto :mod:`recorder.review.errors`: no connection → :class:`ServerUnreachableError`,
401 → :class:`SignedOutError`, 404/410 → :class:`NotFoundError`, other 4xx → :class:`RefusedError` with the
server's own plain message (CONTRACTS.md section 3 error shape), 5xx → :class:`ServerFailedError`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

import requests

from recorder.review.errors import (
    NotFoundError,
    RefusedError,
    ReviewError,
    ServerFailedError,
    ServerUnreachableError,
    SignedOutError,
)

#: (connect, read) seconds for review calls: a reviewer is waiting, so fail fast and offer Retry.
DEFAULT_TIMEOUT_S = (5.0, 30.0)


def server_name(url: str) -> str:
    """The host of ``url``, for messages."""
    return urlparse(url).hostname or url


def describe_connection_error(error: requests.RequestException, url: str) -> str:
    """A plain sentence for a failed connection (uses the sending side's wording when available)."""
    try:
        from recorder.net.errors import describe_network_error
    except ImportError:  # pragma: no cover - recorder.net is part of this tree
        return f"The intake server at {server_name(url)} could not be reached."
    return describe_network_error(error, url) + "."


class ReviewHttp:
    """Authorised JSON and byte requests to one intake server.

    Args:
        server_url: the server's base address (``https://…``), without ``/api/v1``.
        session: the shared ``requests.Session`` (recorder.net.build_session in the app).
        timeout_s: default ``(connect, read)`` timeout.
    """

    def __init__(
        self,
        server_url: str,
        session: requests.Session,
        timeout_s: tuple[float, float] = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.session = session
        self.timeout_s = timeout_s
        self._token: str | None = None
        self._lock = threading.Lock()

    @property
    def token(self) -> str | None:
        with self._lock:
            return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        with self._lock:
            self._token = value

    def url(self, path: str) -> str:
        return f"{self.server_url}{path}"

    def headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """Request headers with the bearer token when signed in."""
        headers = dict(extra or {})
        token = self.token
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: object | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
        authorised: bool = True,
        not_found: type[NotFoundError] = NotFoundError,
    ) -> requests.Response:
        """Sends one request and returns a 2xx response; raises a :class:`ReviewError` otherwise."""
        url = self.url(path)
        try:
            response = self.session.request(
                method,
                url,
                json=json_body,
                params={k: v for k, v in (params or {}).items() if v not in (None, "")},
                headers=self.headers(headers) if authorised else dict(headers or {}),
                stream=stream,
                timeout=self.timeout_s,
            )
        except requests.RequestException as error:
            raise ServerUnreachableError(describe_connection_error(error, url)) from error
        if response.status_code < 400:
            return response
        raise error_for(response, not_found)

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """``request`` then the JSON body; a non-JSON answer is a :class:`ServerFailedError`."""
        response = self.request(method, path, **kwargs)
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as error:
            raise ServerFailedError(
                f"The server at {server_name(self.server_url)} sent an answer that is not from a Voicebooth "
                "intake server. Check the server address."
            ) from error


def server_error_field(response: requests.Response, name: str) -> str | None:
    """A field (``message``, ``code``, ``reason``) of a CONTRACTS.md error body, if there is one."""
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        value = body["error"].get(name)
        return str(value) if value else None
    return None


def error_for(response: requests.Response, not_found: type[NotFoundError] = NotFoundError) -> ReviewError:
    """The :class:`ReviewError` for an error response (the body is read and the response closed)."""
    status = response.status_code
    message = server_error_field(response, "message")
    code, reason = server_error_field(response, "code"), server_error_field(response, "reason")
    response.close()
    if status == 401:
        return SignedOutError("Your sign-in has ended. Please sign in again.", status)
    if status in (404, 410):
        if not_found is NotFoundError:
            return NotFoundError(
                message or "This was not found on the server. It may have been removed.", status
            )
        return not_found(
            "The video is not on the server any more. It may have been withdrawn or expired.", status
        )
    if status >= 500:
        return ServerFailedError(
            "The intake server had a problem and could not answer. Try again in a minute; if it keeps "
            "happening, tell IT.",
            status,
        )
    return RefusedError(
        message or f"The server refused the request (status {status}).", status, code=code, reason=reason
    )
