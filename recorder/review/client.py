"""The review API client (CONTRACTS.md section 3): sign-in, list, detail, media, decisions, comments, CSV.

Qt-free and blocking: the UI calls it from worker threads (ui/workers.py). Every failure is a
:class:`~recorder.review.errors.ReviewError` with a plain message. The sign-in token lives in the OS
password store (:mod:`recorder.review.token_store`); :meth:`ReviewClient.resume` picks it up at start.

Privacy: the people's details in every list and detail answer (and the list's search text, which is often a
name and travels in the URL that urllib3 logs at DEBUG) are registered with the log redactor before anything
can log them (:func:`recorder.logs.register_person_details`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from recorder.consent_rules import Use
from recorder.logs import register_person_details
from recorder.media.run import CancelledError
from recorder.messages import MessageCode
from recorder.redact import REDACTOR
from recorder.review.errors import (
    ClipMissingError,
    RefusedError,
    ReviewError,
    ServerFailedError,
    SignedOutError,
    SignInError,
    unreachable,
)
from recorder.review.http import ReviewHttp
from recorder.review.models import (
    DECISIONS,
    SubmissionDetail,
    SubmissionPage,
    Withdrawal,
    Wording,
    parse_detail,
    parse_page,
    parse_time,
    parse_withdrawal,
    parse_wording,
)
from recorder.review.token_store import StoredSignIn, TokenStore
from recorder.takes.files import sha256_file

__all__ = ["CancelledError", "ListFilter", "ReviewClient"]

_DOWNLOAD_CHUNK_BYTES = 256 * 1024


@dataclass(frozen=True)
class ListFilter:
    """The list's filters (empty values are not sent)."""

    status: str = ""
    prompt_id: str = ""
    since: str = ""  # YYYY-MM-DD
    until: str = ""  # YYYY-MM-DD
    q: str = ""
    page: int = 1
    per_page: int = 100

    def params(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "prompt_id": self.prompt_id,
            "since": self.since,
            "until": self.until,
            "q": self.q.strip(),
            "page": self.page,
            "per_page": self.per_page,
        }


def remember_people(people: Iterable[object]) -> None:
    """Registers every person record's details with the log redactor (names also word by word).

    Args:
        people: the ``person`` objects of API answers: ``{"name": {"value", "show"}, ...}`` or plain
            ``{"name": "..."}`` values (anything else is skipped).
    """
    for person in people:
        if isinstance(person, Mapping):
            register_person_details(
                {
                    str(key): field if isinstance(field, Mapping) else {"value": field}
                    for key, field in person.items()
                }
            )


def _people_in_page(body: object) -> Iterable[object]:
    items = body.get("items") if isinstance(body, Mapping) else None
    return (item.get("person") for item in items or () if isinstance(item, Mapping))


def _unexpected(what: str) -> ServerFailedError:
    return ServerFailedError(
        f"The server's answer about {what} could not be read. Try again, or tell IT.",
        code=MessageCode.SERVER_ANSWER_UNEXPECTED,
    )


class ReviewClient:
    """A reviewer's connection to one intake server.

    Args:
        server_url: the server's base address.
        session: the shared session (recorder.net.build_session in the app).
        tokens: where the sign-in is kept.
    """

    def __init__(self, server_url: str, session: requests.Session, tokens: TokenStore) -> None:
        self.http = ReviewHttp(server_url, session)
        self.tokens = tokens
        self.username = ""

    @property
    def server_url(self) -> str:
        return self.http.server_url

    @property
    def signed_in(self) -> bool:
        return self.http.token is not None

    # --- sign-in -------------------------------------------------------------------------------------

    def resume(self) -> bool:
        """Use a stored, unexpired sign-in for this server. True when one was found (not yet verified)."""
        stored = self.tokens.load(self.server_url)
        if stored is None or stored.expired():
            if stored is not None:
                self.tokens.forget(self.server_url)
            return False
        self.http.token = stored.token
        self.username = stored.username
        return True

    def sign_in(self, username: str, password: str) -> None:
        """Log in and keep the token in the password store.

        Raises:
            SignInError: wrong user name or password (or the account is locked for a while).
            ServerUnreachableError / ServerFailedError: the server could not be asked.
        """
        if not username.strip() or not password:
            raise SignInError("Enter your user name and password.", code=MessageCode.SIGN_IN_MISSING)
        try:
            body = self.http.json(
                "POST",
                "/api/v1/auth/login",
                json_body={"username": username.strip(), "password": password},
                authorised=False,
            )
        except (SignedOutError, RefusedError) as error:
            if error.status == 429:  # locked after too many wrong passwords: the server says for how long
                raise SignInError(str(error), 429, code=MessageCode.SIGN_IN_LOCKED) from error
            raise SignInError(
                "The user name or password is not right. Check them and try again.", error.status
            ) from error
        if not isinstance(body, Mapping) or not body.get("token"):
            raise _unexpected("signing in")
        token = str(body["token"])
        self.http.token = token
        self.username = username.strip()
        self.tokens.save(
            self.server_url, StoredSignIn(token, parse_time(body.get("expires_utc")), self.username)
        )

    def sign_out(self) -> None:
        """End the sign-in on the server (best effort) and forget the token here (always)."""
        try:
            if self.http.token:
                self.http.request("POST", "/api/v1/auth/logout")
        except ReviewError:
            pass  # the token is forgotten locally whatever the server says
        finally:
            self.http.token = None
            self.tokens.forget(self.server_url)

    def forget_expired_sign_in(self, token: str | None = None) -> None:
        """After a 401: drop the refused token here and in the password store (the next start skips it).

        Args:
            token: the token the server refused (default: the current one). A newer sign-in that replaced
                it meanwhile (the UI asks at once; this may run later on a worker thread) is kept.
        """
        expired = self.http.token if token is None else token
        if expired is None:
            return
        if self.http.token == expired:
            self.http.token = None
        stored = self.tokens.load(self.server_url)
        if stored is not None and stored.token == expired:
            self.tokens.forget(self.server_url)

    # --- reading ----------------------------------------------------------------------------------------

    def list_submissions(self, filters: ListFilter | None = None) -> SubmissionPage:
        filters = filters or ListFilter()
        # A search is often someone's name, and it travels in the URL: hidden as typed (the people found are
        # registered word by word below; splitting the search itself would hide words like "in" everywhere).
        REDACTOR.add_value(filters.q.strip())
        body = self.http.json("GET", "/api/v1/review/submissions", params=filters.params())
        remember_people(_people_in_page(body))
        try:
            return parse_page(body)
        except (ValueError, TypeError, AttributeError) as error:
            raise _unexpected("the submissions") from error

    def detail(self, submission_id: str) -> SubmissionDetail:
        body = self.http.json("GET", f"/api/v1/review/submissions/{submission_id}")
        remember_people([body.get("person") if isinstance(body, Mapping) else None])
        try:
            return parse_detail(body)
        except (ValueError, TypeError, AttributeError) as error:
            raise _unexpected("this submission") from error

    def poster(self, take_id: str) -> bytes:
        """The take's poster JPEG."""
        response = self.http.request(
            "GET", f"/api/v1/review/takes/{take_id}/poster", not_found=ClipMissingError
        )
        return response.content

    # --- acting -----------------------------------------------------------------------------------------

    def decide(self, submission_id: str, decision: str, note: str = "") -> None:
        if decision not in DECISIONS:
            raise ValueError(decision)
        self.http.json(
            "POST",
            f"/api/v1/review/submissions/{submission_id}/decision",
            json_body={"decision": decision, "note": note.strip()},
        )

    def undo_decision(self, submission_id: str) -> str:
        """Undo this reviewer's last decision on the submission (both stay in the audit trail).

        Returns:
            The submission's status again.

        Raises:
            RefusedError: nothing to undo (another decision came after, or it was another reviewer's).
        """
        reply = self.http.json("POST", f"/api/v1/review/submissions/{submission_id}/decision/undo")
        return str(reply["status"]) if isinstance(reply, dict) else ""

    def withdraw(self, submission_id: str, note: str) -> Withdrawal:
        """Withdraw a submission because the person asked: the server deletes its videos at once, for good.

        Safe to repeat (e.g. after a dropped connection): the server then answers with ``already`` True.

        Args:
            submission_id: the submission.
            note: for the audit trail, how and when the person asked (required).

        Raises:
            RefusedError: no note (nothing is sent), or the server refused (e.g. not completely received).
            NotFoundError: the submission is not on the server.
            ServerUnreachableError / ServerFailedError / SignedOutError: try again (after signing in).
        """
        if not note.strip():
            raise RefusedError(
                "Write a note saying how the person asked to withdraw.",
                message_code=MessageCode.WITHDRAWAL_NOTE_MISSING,
            )
        body = self.http.json(
            "POST",
            f"/api/v1/review/submissions/{submission_id}/withdraw",
            json_body={"note": note.strip()},
        )
        try:
            return parse_withdrawal(body)
        except (ValueError, TypeError, AttributeError) as error:
            raise _unexpected("the withdrawal") from error

    def confirm_wording(self, submission_id: str, reason: str) -> Wording:
        """Record why the consent wording of a submission the server could not verify is known (audited).

        Raises:
            RefusedError: no reason (nothing is sent), or the server refused (the wording is verified or
                was confirmed already; the submission was withdrawn or has not arrived).
        """
        if not reason.strip():
            raise RefusedError(
                "Write how you know which wording the person was shown.",
                message_code=MessageCode.WORDING_NOTE_MISSING,
            )
        body = self.http.json(
            "POST",
            f"/api/v1/review/submissions/{submission_id}/wording",
            json_body={"reason": reason.strip()},
        )
        wording = parse_wording(body.get("wording") if isinstance(body, Mapping) else None)
        if wording.status != "confirmed":
            raise _unexpected("recording the wording")
        return wording

    def comment(self, take_id: str, at_ms: int, text: str) -> None:
        if not text.strip():
            raise RefusedError("Write a comment first.", message_code=MessageCode.COMMENT_MISSING)
        self.http.json(
            "POST",
            f"/api/v1/review/takes/{take_id}/comments",
            json_body={"at_ms": max(0, int(at_ms)), "text": text.strip()},
        )

    # --- files --------------------------------------------------------------------------------------------

    def download_csv(self, dest: Path) -> Path:
        """The server's metadata CSV (``export.csv``) saved to ``dest`` atomically."""
        response = self.http.request("GET", "/api/v1/review/export.csv", stream=True)
        part = dest.with_name(dest.name + ".part")
        try:
            with response, part.open("wb") as out:
                for chunk in response.iter_content(_DOWNLOAD_CHUNK_BYTES):
                    out.write(chunk)
            os.replace(part, dest)
        finally:
            part.unlink(missing_ok=True)
        return dest

    def download_take(
        self,
        take_id: str,
        dest: Path,
        *,
        use: Use,
        expected_sha256: str | None = None,
        progress: Callable[[float], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Path:
        """Download a take's video for an export to ``dest``, resuming a partial ``dest.part`` with Range.

        The server checks the consent rule for ``use`` first (:mod:`recorder.consent_rules`).

        Raises:
            RefusedError: the server refused the export (``code`` ``export_refused``, ``reason``).
            ClipMissingError: the server has no video for the take.
            CancelledError: ``cancel`` was set (the partial file is kept for a later resume).
            ServerFailedError: the file arrived but its SHA-256 does not match the manifest.
        """
        part = dest.with_name(dest.name + ".part")
        have = part.stat().st_size if part.exists() else 0
        path = f"/api/v1/review/takes/{take_id}/export"
        headers = {"Range": f"bytes={have}-", "Accept-Encoding": "identity"} if have else {}
        try:
            response = self.http.request(
                "GET",
                path,
                params={"use": use.value},
                headers=headers,
                stream=True,
                not_found=ClipMissingError,
            )
        except RefusedError as error:
            if have and error.status == 416:
                part.unlink(missing_ok=True)  # the partial file is longer than the video: start again
                return self.download_take(
                    take_id, dest, use=use, expected_sha256=expected_sha256, progress=progress, cancel=cancel
                )
            raise
        with response:
            if response.status_code != 206:
                have = 0  # the server sent the whole file
            total = have + int(response.headers.get("Content-Length", "0") or 0)
            try:
                with part.open("ab" if have else "wb") as out:
                    for chunk in response.iter_content(_DOWNLOAD_CHUNK_BYTES):
                        if cancel is not None and cancel.is_set():
                            raise CancelledError
                        out.write(chunk)
                        have += len(chunk)
                        if progress is not None and total:
                            progress(min(1.0, have / total))
            except requests.RequestException as error:
                raise unreachable(error, self.http.url(path)) from error
        if expected_sha256 and sha256_file(part) != expected_sha256.lower():
            part.unlink(missing_ok=True)
            raise ServerFailedError(
                "The video arrived damaged (its checksum does not match what was recorded). Try again.",
                code=MessageCode.VIDEO_ARRIVED_DAMAGED,
            )
        os.replace(part, dest)
        return dest
