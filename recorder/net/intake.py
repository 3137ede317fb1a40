"""One HTTP base for an intake server's API: its address, a bearer credential, one request, its error answers.

The sending side (:class:`recorder.outbox.api.IntakeApi`: the upload key, retries) and review mode
(:class:`recorder.review.http.ReviewHttp`: a reviewer's sign-in token) talk to the same ``/api/v1`` through
:class:`IntakeHttp`, so both build URLs, send the credential (never in a URL, never logged) and read the error
body of CONTRACTS.md section 3 (``{"error": {"code", "message", "status"}}``) the same way
(:class:`ErrorAnswer`, its words escaped by :func:`recorder.net.untrusted.printable`). Redirects are never
followed: ``requests`` would send the body (a manifest with a person's details) and custom headers on to
wherever ``Location`` points, so a 3xx answer is an error (:func:`redirect_refused`). Proxies, trust and
timeouts are the shared ``requests.Session``'s (:func:`recorder.net.build_session`); a failure to connect is
described, with its message code, by :func:`recorder.net.errors.network_error_message`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import requests

from recorder.messages import MessageCode, Params
from recorder.net.untrusted import host_of, printable

#: ``requests``' timeout: seconds, or (connect, read); None leaves it to the session.
Timeout = float | tuple[float, float] | None
#: Where tus uploads are created (CONTRACTS.md section 3).
FILES_PATH = "/files/"


def bearer(credential: str | None) -> dict[str, str]:
    """The ``Authorization`` header carrying ``credential`` (an upload key or a sign-in token); {} without."""
    return {"Authorization": f"Bearer {credential}"} if credential else {}


class IntakeHttp:
    """Requests to one intake server.

    Args:
        server_url: the server's base address (``https://…``), without ``/api/v1``.
        session: the shared session (proxies, trust, retries of the connection pool).
        timeout_s: the default timeout of a request.
    """

    def __init__(self, server_url: str, session: requests.Session, timeout_s: Timeout = None) -> None:
        self.server_url = server_url.rstrip("/")
        self.session = session
        self.timeout_s = timeout_s

    def url(self, path: str) -> str:
        """The full address of ``path`` (``/api/v1/...``)."""
        return f"{self.server_url}{path}"

    def send(
        self,
        method: str,
        path: str,
        *,
        credential: str | None = None,
        json_body: object | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
    ) -> requests.Response:
        """One request, with ``credential`` as ``Authorization: Bearer`` when given.

        Empty query parameters are left out. Any answer is returned, error or not; a redirect is returned
        as it is, never followed (see :func:`redirect_refused`).

        Raises:
            requests.RequestException: no answer (see :func:`recorder.net.errors.network_error_message`).
        """
        sent_headers = {**(headers or {}), **bearer(credential)}
        kwargs: dict[str, Any] = {}
        if self.timeout_s is not None:
            kwargs["timeout"] = self.timeout_s
        return self.session.request(
            method,
            self.url(path),
            json=json_body,
            params={k: v for k, v in (params or {}).items() if v not in (None, "")},
            headers=sent_headers,
            stream=stream,
            allow_redirects=False,
            **kwargs,
        )


def is_redirect(response: requests.Response) -> bool:
    """True for a 3xx answer (never followed: see :func:`redirect_refused`)."""
    return 300 <= response.status_code < 400


def redirect_refused(response: requests.Response) -> tuple[str, MessageCode, Params]:
    """The plain-English sentence, message code and values for a redirect the client did not follow.

    The request (and the credential with it) went only to the configured server; whatever the answer
    points at got nothing.
    """
    target = response.headers.get("Location") or ""
    host = host_of(urljoin(response.url or "", target)) if target else "another address"
    return (
        f"The intake server answered with a redirect to {host} (HTTP {response.status_code}); Voicebooth "
        "sends nothing anywhere but the configured server address. Ask IT to check the server address.",
        MessageCode.SERVER_SENT_ELSEWHERE,
        {"host": host},
    )


def json_object(response: requests.Response) -> dict[str, Any]:
    """The answer's JSON object ({} when it is not JSON or not an object)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


@dataclass(frozen=True)
class ErrorAnswer:
    """What an error answer says (CONTRACTS.md section 3), every text escaped for showing.

    Attributes:
        status: the HTTP status.
        message: the server's plain-English reason (``error.message``, else FastAPI's ``detail``), if any.
        code: the server's error code (``error.code``), if any.
        server_status: a submission status the error names (``error.status``), if any.
        reason: why an export was refused (``error.reason``), if any.
    """

    status: int
    message: str | None
    code: str | None
    server_status: str | None
    reason: str | None = None

    @classmethod
    def of(cls, response: requests.Response) -> ErrorAnswer:
        """Read the error body (the response is left open)."""
        body = json_object(response)
        error = body.get("error")
        fields = error if isinstance(error, Mapping) else {}

        def text(name: str) -> str | None:
            value = fields.get(name)
            return printable(value) if isinstance(value, str) and value else None

        message = text("message")
        if message is None and isinstance(body.get("detail"), str) and body["detail"]:
            message = printable(body["detail"])
        return cls(response.status_code, message, text("code"), text("status"), text("reason"))
