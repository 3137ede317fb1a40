"""The intake server's sending-side JSON API (CONTRACTS.md section 3) with retries on transient failures.

Requests go through the intake HTTP base that review mode uses too (:class:`recorder.net.intake.IntakeHttp`),
with the upload key as the bearer credential.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from recorder.messages import MessageCode, Params
from recorder.net.errors import is_unreachable, is_untrusted, network_error_message
from recorder.net.intake import ErrorAnswer, IntakeHttp, is_redirect, json_object, redirect_refused
from recorder.net.untrusted import UntrustedAnswerError, checked_receipt, printable
from recorder.upload.errors import UploadError
from recorder.upload.retry import RetryPolicy, Wait, backoff, parse_retry_after

log = logging.getLogger(__name__)

_RETRY_STATUSES = {429, 500, 502, 503, 504}


class ApiError(UploadError):
    """The server refused or could not be reached; ``permanent`` as in :class:`UploadError`.

    Attributes:
        code: the server's error code (``error.code``), when it answered with one.
        server_status: the submission status the server named in its error (``error.status``), if any.
        message_code, message_params: for the translated UI (:mod:`recorder.messages`; not the server's
            ``code``).
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        status: int | None = None,
        code: str | None = None,
        server_status: str | None = None,
        message_code: MessageCode | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, permanent=permanent, status=status, code=message_code, params=params)
        self.code = code
        self.server_status = server_status


@dataclass(frozen=True)
class Receipt:
    """What the server returns once it has received the whole submission.

    Attributes:
        reference: the reference code (``VB-XXXX-XXXX``).
        withdrawal_token: the person's withdrawal code (:mod:`recorder.codes`); never logged.
        status: ``received`` (or what a reviewer has decided since, for a repeat).
    """

    reference: str
    withdrawal_token: str
    status: str


@dataclass
class IntakeApi:
    """Calls ``/api/v1/...`` on one server with the upload key.

    Attributes:
        session: the shared Session.
        server_url: base URL without a trailing slash.
        upload_key: sent as ``Authorization: Bearer`` (never logged).
        retry: backoff for 5xx, 429 and network failures.
        wait: sleeps between retries; returns True when cancelled.
    """

    session: requests.Session
    server_url: str
    upload_key: str
    retry: RetryPolicy
    wait: Wait
    http: IntakeHttp = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.http = IntakeHttp(self.server_url, self.session)

    def create_submission(self, manifest: Mapping[str, Any]) -> None:
        """``POST /api/v1/submissions`` (idempotent for the same id)."""
        self._call("POST", "/api/v1/submissions", "register the submission", json_body=dict(manifest))

    def attach(self, submission_id: str, take_id: str, upload_url: str) -> None:
        """``PUT .../takes/{take_id}``: link a finished upload to its take."""
        self._call(
            "PUT",
            f"/api/v1/submissions/{submission_id}/takes/{take_id}",
            "link a video to its answer",
            json_body={"upload_url": upload_url},
        )

    def complete(self, submission_id: str) -> Receipt:
        """``POST .../complete``: the server re-hashes and checks every file; returns the reference."""
        body = self._call("POST", f"/api/v1/submissions/{submission_id}/complete", "confirm the submission")
        try:
            reference, token = checked_receipt(body.get("reference"), body.get("withdrawal_token"))
        except UntrustedAnswerError as error:
            # Not a confirmation the contract knows: nothing is marked sent, nothing deleted.
            raise ApiError(str(error), message_code=MessageCode.SERVER_ANSWER_UNEXPECTED) from None
        return Receipt(reference, token, printable(str(body.get("status", "received"))))

    def withdraw(self, reference: str, withdrawal_token: str) -> None:
        """``POST /api/v1/withdraw``: the server deletes the media at once."""
        self._call(
            "POST",
            "/api/v1/withdraw",
            "withdraw the submission",
            json_body={"reference": reference, "withdrawal_token": withdrawal_token},
            auth=False,
        )

    def discard(self, submission_id: str, *, via_post: bool = False) -> str:
        """``DELETE /api/v1/submissions/{id}``: the server removes an open version it holds, at once.

        Args:
            submission_id: the version to discard.
            via_post: use ``POST …/discard`` (networks that block DELETE; also tried after a 405).

        Returns:
            ``discarded``; ``unknown`` when the server has no such submission for this key (never
            registered, discarded already, or purged); else the status it named for one it will not
            discard (``received``, ``withdrawn``...).

        Raises:
            ApiError: not reachable, the key was refused, or another failure (try again later).
        """
        doing = "remove a cancelled submission"
        path = f"/api/v1/submissions/{submission_id}"
        try:
            try:
                if via_post:
                    self._call("POST", f"{path}/discard", doing)
                else:
                    self._call("DELETE", path, doing)
            except ApiError as error:
                if error.status != 405 or via_post:
                    raise
                self._call("POST", f"{path}/discard", doing)  # DELETE blocked on the way
        except ApiError as error:
            if error.status == 404:
                return "unknown"
            if error.status == 409 and error.server_status:
                return error.server_status
            raise
        return "discarded"

    def _call(
        self, method: str, path: str, doing: str, *, json_body: object = None, auth: bool = True
    ) -> dict[str, Any]:
        url = self.http.url(path)
        failures = 0
        while True:
            try:
                response = self.http.send(
                    method, path, credential=self.upload_key if auth else None, json_body=json_body
                )
            except requests.RequestException as error:
                failures += 1
                said = network_error_message(error, url)
                reason = said.text
                limit = self.retry.unreachable_attempts if is_unreachable(error) else self.retry.max_attempts
                if failures >= limit or is_untrusted(error):
                    raise ApiError(reason, message_code=said.code, params=said.params) from error
                log.info("Could not %s (%s); retrying", doing, reason)
                backoff(self.retry, failures, self.wait)
                continue
            status = response.status_code
            if status in _RETRY_STATUSES:
                failures += 1
                reason = f"The intake server had a temporary problem (HTTP {status}) trying to {doing}"
                if failures >= self.retry.max_attempts:
                    raise ApiError(
                        reason,
                        status=status,
                        message_code=MessageCode.SERVER_TEMPORARY_PROBLEM,
                        params={"status": status},
                    )
                log.info("%s; retrying", reason)
                backoff(
                    self.retry, failures, self.wait, parse_retry_after(response.headers.get("Retry-After"))
                )
                continue
            if is_redirect(response):
                # Never followed (the manifest and the key would go wherever it points) nor taken as done.
                sentence, message_code, params = redirect_refused(response)
                raise ApiError(sentence, status=status, message_code=message_code, params=params)
            if status < 300:
                return json_object(response)
            answer = ErrorAnswer.of(response)
            message = (answer.message or "").rstrip(".")
            code, server_status = answer.code, answer.server_status
            if status in (401, 403):
                raise ApiError(
                    "The intake server did not accept this computer's upload key.",
                    status=status,
                    code=code,
                    message_code=MessageCode.UPLOAD_KEY_REFUSED,
                )
            if code == "consent_wording_unknown":
                raise ApiError(
                    "The intake server does not have the consent wording this person was shown, so it "
                    "cannot accept the video. The video is kept on this computer: ask IT to bring the "
                    "campaign up to date on this computer and on the server.",
                    permanent=True,
                    status=status,
                    code=code,
                    message_code=MessageCode.CONSENT_WORDING_UNKNOWN,
                )
            raise ApiError(
                f"The intake server could not {doing}: {message or f'HTTP {status}'}",
                permanent=status not in (404, 408, 409),
                status=status,
                code=code,
                server_status=server_status,
                message_code=MessageCode.SERVER_REFUSED,
            )
