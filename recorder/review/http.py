"""The review client's HTTP layer: the reviewer's token, timeouts, server answers turned into plain errors.

One :class:`ReviewHttp` per server, built on the intake HTTP base the sending side uses too
(:class:`recorder.net.intake.IntakeHttp`). It holds the current token (never logged, never put in a URL)
and maps every failure onto :mod:`recorder.review.errors`, each with its message code: no connection →
:class:`ServerUnreachableError` (worded and coded as the sending side words it), 401 →
:class:`SignedOutError`, 404/410 → :class:`NotFoundError`, other 4xx → :class:`RefusedError` with the
server's own plain message (CONTRACTS.md section 3 error shape), 5xx → :class:`ServerFailedError`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

import requests

from recorder.messages import MessageCode
from recorder.net.intake import ErrorAnswer, IntakeHttp, bearer, is_redirect, redirect_refused
from recorder.review.errors import (
    NOT_ON_SERVER,
    SIGNED_OUT,
    VIDEO_NOT_ON_SERVER,
    NotFoundError,
    RefusedError,
    ReviewError,
    ServerFailedError,
    SignedOutError,
    unreachable,
)

#: (connect, read) seconds for review calls: a reviewer is waiting, so fail fast and offer Retry.
DEFAULT_TIMEOUT_S = (5.0, 30.0)


class ReviewHttp(IntakeHttp):
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
        super().__init__(server_url, session, timeout_s)
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

    def headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """Request headers with the bearer token when signed in."""
        return {**(extra or {}), **bearer(self.token)}

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
        try:
            response = self.send(
                method,
                path,
                credential=self.token if authorised else None,
                json_body=json_body,
                params=params,
                headers=headers,
                stream=stream,
            )
        except requests.RequestException as error:
            raise unreachable(error, self.url(path)) from error
        if is_redirect(response):  # never followed: the token and the body stay with the server
            said, code, params = redirect_refused(response)
            response.close()
            raise ServerFailedError(said, response.status_code, code=code, params=params)
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
            host = urlparse(self.server_url).hostname or self.server_url
            raise ServerFailedError(
                f"The server at {host} sent an answer that is not from a Voicebooth intake server. Check the "
                "server address.",
                code=MessageCode.NOT_AN_INTAKE_SERVER,
                params={"host": host},
            ) from error


def error_for(response: requests.Response, not_found: type[NotFoundError] = NotFoundError) -> ReviewError:
    """The :class:`ReviewError` for an error response (the body is read and the response closed)."""
    answer = ErrorAnswer.of(response)
    status, message = answer.status, answer.message
    response.close()
    if status == 401:
        return SignedOutError(SIGNED_OUT, status)
    if status in (404, 410):
        if not_found is NotFoundError:
            return NotFoundError(NOT_ON_SERVER, status)
        return not_found(VIDEO_NOT_ON_SERVER, status)
    if status >= 500:
        return ServerFailedError(
            "The intake server had a problem and could not answer. Try again in a minute; if it keeps "
            "happening, tell IT.",
            status,
        )
    return RefusedError(
        message or f"The server refused the request (status {status}).",
        status,
        code=answer.code,
        reason=answer.reason,
    )
