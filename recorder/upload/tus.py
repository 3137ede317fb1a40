"""A tus 1.0.0 client (core, creation, termination, checksum, expiration) on one shared requests.Session.

State machine of :meth:`TusClient.upload` (one file)::

    no URL ──POST (creation)──▶ URL, offset 0 ──PATCH chunk──▶ offset += chunk ──…──▶ offset == size: done
    URL known, offset unknown ──HEAD──▶ offset (404/410 or a different length: forget the URL, create again)
    PATCH 409 (offset mismatch) ──▶ HEAD again        PATCH 413 ──▶ halve the chunk size, same offset
    PATCH 460 (checksum mismatch), 5xx, 423, 429, dropped connection, timeout ──▶ backoff with jitter, HEAD
    cancel ──▶ UploadCancelled between slices of a chunk (the server keeps what it got; resume later)

Unlike tuspy, every request goes through the caller's Session (one kept-alive connection, its proxies,
trust and timeouts), cancellation is honoured inside a chunk, and the upload URL, offset and lowered chunk
size are handed to callbacks so the outbox can store them and resume after a crash.

The server is held to the protocol: no request (and so neither the upload key nor a byte of the video) goes
to an origin other than the endpoint's, whatever ``Location`` says; redirects are never followed; an
``Upload-Offset`` past the bytes sent (or past the file) is an error, never "finished".
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import requests

from recorder.messages import MessageCode, Params
from recorder.net.errors import describe_network_error, is_unreachable, is_untrusted, network_error_message
from recorder.net.intake import ErrorAnswer, is_redirect, redirect_refused
from recorder.net.untrusted import host_of, same_origin
from recorder.upload.chunks import ChunkBody, ChunkReader
from recorder.upload.errors import UploadCancelled, UploadError
from recorder.upload.retry import RetryPolicy, Wait, backoff, event_wait, parse_retry_after

log = logging.getLogger(__name__)

TUS_VERSION = "1.0.0"
MIN_CHUNK_BYTES = 64 * 1024
PROBE_BYTES = 256 * 1024
CHECKSUM_PREFERENCE = ("sha256", "sha1")
_RETRY_STATUSES = {423, 429, 460, 500, 502, 503, 504}


@dataclass(frozen=True)
class Capabilities:
    """What the server said in answer to ``OPTIONS`` (empty when it did not answer usefully)."""

    versions: tuple[str, ...] = ()
    extensions: frozenset[str] = frozenset()
    checksum_algorithms: tuple[str, ...] = ()
    max_size_bytes: int | None = None

    @property
    def checksum_algorithm(self) -> str | None:
        """The best checksum algorithm both sides support, when the server offers the extension."""
        if "checksum" not in self.extensions:
            return None
        return next((a for a in CHECKSUM_PREFERENCE if a in self.checksum_algorithms), None)


@dataclass
class UploadHooks:
    """Callbacks during one upload, any of them optional; they run on the uploading thread.

    Attributes:
        on_url: a new upload URL was created (or None: the old one was forgotten) — store it before bytes go.
        on_offset: the server confirmed this many bytes.
        on_sent: this many more bytes were handed to the network (for progress inside a chunk).
        on_chunk_size: the chunk size was lowered (after a 413) — remember it for the next files.
    """

    on_url: Callable[[str | None], None] | None = None
    on_offset: Callable[[int], None] | None = None
    on_sent: Callable[[int], None] | None = None
    on_chunk_size: Callable[[int], None] | None = None


class _Retry(Exception):  # noqa: N818 - internal control flow
    def __init__(
        self,
        reason: str,
        *,
        unreachable: bool = False,
        hopeless: bool = False,
        retry_after_s: float | None = None,
        code: MessageCode = MessageCode.SERVER_ANSWER_UNEXPECTED,
        params: Params | None = None,
    ) -> None:
        super().__init__(reason)
        self.code = code  # for the UploadError raised when retrying stops
        self.params = params
        self.unreachable = unreachable
        self.hopeless = hopeless  # retrying in this run cannot help (an untrusted certificate)
        self.retry_after_s = retry_after_s


class _Gone(Exception):  # noqa: N818 - internal control flow
    pass


class _Conflict(Exception):  # noqa: N818 - internal control flow
    pass


class _TooLarge(Exception):  # noqa: N818 - internal control flow
    pass


@dataclass
class TusClient:
    """Uploads files to one tus endpoint.

    Attributes:
        session: the shared Session (trust, proxies, default timeouts).
        endpoint_url: the creation URL, e.g. ``https://host/files/``.
        headers: extra headers on every request (``Authorization``); never logged.
        chunk_size_bytes: bytes per PATCH; lowered automatically on 413.
        method_override: send PATCH/DELETE as POST with ``X-HTTP-Method-Override``.
        retry: backoff policy for transient failures.
    """

    session: requests.Session
    endpoint_url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    chunk_size_bytes: int = 8 * 1024 * 1024
    method_override: bool = False
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    _capabilities: Capabilities | None = field(default=None, init=False, repr=False)

    # -- requests ---------------------------------------------------------------------------------------
    def _request(self, method: str, url: str, *, headers: Mapping[str, str] | None = None,
                 data: ChunkBody | None = None) -> requests.Response:  # fmt: skip
        _check_origin(url, self.endpoint_url)  # the key and the video go to the configured server only
        all_headers = {"Tus-Resumable": TUS_VERSION, **self.headers, **(headers or {})}
        if method in ("PATCH", "DELETE") and self.method_override:
            all_headers["X-HTTP-Method-Override"] = method
            method = "POST"
        return self.session.request(
            method,
            url,
            headers=all_headers,
            data=data,  # type: ignore[arg-type]  # sized iterable of memoryviews, streamed
            allow_redirects=False,
        )

    def capabilities(self) -> Capabilities:
        """``OPTIONS`` on the endpoint (asked once). A server that does not answer it gets no extensions.

        Raises:
            requests.RequestException: the network failed (the caller retries).
        """
        if self._capabilities is not None:
            return self._capabilities
        response = self.session.request(
            "OPTIONS", self.endpoint_url, headers=dict(self.headers), allow_redirects=False
        )
        caps = Capabilities()
        if response.status_code in (200, 204):
            max_size = response.headers.get("Tus-Max-Size", "").strip()
            caps = Capabilities(
                versions=_split(response.headers.get("Tus-Version", "")),
                extensions=frozenset(_split(response.headers.get("Tus-Extension", ""))),
                checksum_algorithms=_split(response.headers.get("Tus-Checksum-Algorithm", "")),
                max_size_bytes=int(max_size) if max_size.isdigit() else None,
            )
        self._capabilities = caps
        return caps

    def create(self, size_bytes: int, metadata: Mapping[str, str]) -> str:
        """``POST`` a new upload of ``size_bytes``; returns its absolute URL."""
        headers = {"Upload-Length": str(size_bytes)}
        if metadata:
            headers["Upload-Metadata"] = encode_metadata(metadata)
        response = self._request("POST", self.endpoint_url, headers=headers)
        self._raise_for(response, "create the upload")
        location = response.headers.get("Location")
        if response.status_code != 201 or not location:
            raise UploadError(
                f"The intake server answered the upload request unexpectedly (HTTP {response.status_code}).",
                status=response.status_code,
                code=MessageCode.SERVER_ANSWER_UNEXPECTED,
            )
        url = urljoin(self.endpoint_url, location)
        _check_origin(url, self.endpoint_url)  # before the URL is stored or a byte is sent to it
        return url

    def offset(self, url: str, size_bytes: int) -> int:
        """``HEAD``: how many bytes the server has. Raises ``_Gone`` when it no longer knows the upload."""
        response = self._request("HEAD", url)
        if response.status_code in (404, 410):
            raise _Gone()
        self._raise_for(response, "check the upload")
        length = response.headers.get("Upload-Length")
        if length is not None and length.isdigit() and int(length) != size_bytes:
            raise _Gone()  # the URL belongs to something else: start again
        value = response.headers.get("Upload-Offset", "")
        if not value.isdigit():
            raise _Retry("The intake server did not say how much of the upload it has")
        offset = int(value)
        if offset > size_bytes:
            raise _protocol_violation(f"it has {offset} bytes of a {size_bytes}-byte upload")
        return offset

    def terminate(self, url: str) -> bool:
        """``DELETE`` the upload (termination). True when the server removed it or never had it."""
        try:
            response = self._request("DELETE", url)
        except requests.RequestException as error:
            log.info("Could not remove an upload on the server: %s", describe_network_error(error, url))
            return False
        except UploadError as error:  # a URL on another origin: nothing is sent there
            log.warning("Did not remove an upload: %s", error)
            return False
        return response.status_code in (204, 404, 410)

    def _patch(self, url: str, offset: int, data: bytes, checksum: str | None,
               cancel: threading.Event | None, on_sent: Callable[[int], None] | None) -> int:  # fmt: skip
        headers = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
        if checksum:
            headers["Upload-Checksum"] = checksum
        response = self._request("PATCH", url, headers=headers, data=ChunkBody(data, cancel, on_sent))
        status = response.status_code
        if status == 204:
            value = response.headers.get("Upload-Offset", "")
            if not value.isdigit():
                raise _Retry("The intake server did not confirm how much of the upload it received")
            new_offset = int(value)
            if new_offset > offset + len(data):
                raise _protocol_violation(
                    f"it received {new_offset - offset} bytes where {len(data)} were sent"
                )
            return new_offset
        if status == 409:
            raise _Conflict()
        if status in (404, 410):
            raise _Gone()
        if status == 413:
            raise _TooLarge()
        if status == 405 and not self.method_override:
            log.info("PATCH is not allowed on this network; switching to X-HTTP-Method-Override")
            self.method_override = True
            raise _Retry("The network refused the upload method; trying again another way")
        self._raise_for(response, "send part of the upload")
        raise _Retry(f"The intake server answered unexpectedly (HTTP {status})")

    def _raise_for(self, response: requests.Response, doing: str) -> None:
        status = response.status_code
        if is_redirect(response):
            said, code, params = redirect_refused(response)
            raise UploadError(said, status=status, code=code, params=params)
        if status < 400:
            return
        if status in _RETRY_STATUSES:
            raise _Retry(
                f"The intake server had a temporary problem (HTTP {status}) trying to {doing}",
                retry_after_s=parse_retry_after(response.headers.get("Retry-After")),
                code=MessageCode.SERVER_TEMPORARY_PROBLEM,
                params={"status": status},
            )
        if status in (401, 403):
            raise UploadError(
                "The intake server did not accept this computer's upload key.",
                status=status,
                code=MessageCode.UPLOAD_KEY_REFUSED,
            )
        if status == 413:
            raise _TooLarge()
        raise UploadError(
            f"The intake server refused to {doing} (HTTP {status}{_server_message(response)}).",
            permanent=True,
            status=status,
            code=MessageCode.SERVER_REFUSED,
        )

    # -- the upload loop ---------------------------------------------------------------------------------
    def upload(
        self,
        path: Path,
        *,
        size_bytes: int,
        metadata: Mapping[str, str],
        upload_url: str | None = None,
        hooks: UploadHooks | None = None,
        cancel: threading.Event | None = None,
        wait: Wait | None = None,
    ) -> str:
        """Upload (or resume) one file; returns its upload URL once the server has every byte.

        Args:
            path: the file; its size must still be ``size_bytes``.
            size_bytes: the length declared at creation.
            metadata: ``Upload-Metadata`` pairs (filename, filetype, sha256, submission_id, take_id).
            upload_url: a URL stored from an earlier run: resume from the server's offset.
            hooks: callbacks to persist the URL, the offset and a lowered chunk size.
            cancel: set to stop between slices of a chunk.
            wait: sleeps between retries (default: waits on ``cancel``).

        Raises:
            UploadCancelled: ``cancel`` was set.
            UploadError: the upload cannot finish in this run (``permanent`` says whether a later run can).
        """
        hooks = hooks or UploadHooks()
        wait = wait or event_wait(cancel)
        _check_file(path, size_bytes)
        url = upload_url
        offset: int | None = None
        # After an offset learnt from HEAD (resume, resync) the first PATCH is small: a request of a killed
        # process may still hold the upload on the server and move its offset, and a 409 then wastes only
        # this much instead of a whole chunk.
        probe = False
        failures = 0
        reader: ChunkReader | None = None
        try:
            while True:
                if cancel is not None and cancel.is_set():
                    raise UploadCancelled()
                try:
                    caps = self.capabilities()
                    if caps.max_size_bytes is not None and size_bytes > caps.max_size_bytes:
                        raise UploadError(
                            f"The video is larger ({size_bytes} bytes) than the intake server accepts "
                            f"({caps.max_size_bytes} bytes).",
                            permanent=True,
                            code=MessageCode.VIDEO_TOO_LARGE,
                        )
                    if reader is None:
                        reader = ChunkReader(path, caps.checksum_algorithm)
                    if url is None:
                        url = self.create(size_bytes, metadata)
                        offset = 0
                        if hooks.on_url:
                            hooks.on_url(url)
                    elif offset is None:
                        offset = self.offset(url, size_bytes)
                        probe = True
                        if hooks.on_offset:
                            hooks.on_offset(offset)
                    if offset == size_bytes:
                        return url
                    chunk = reader.get(offset, PROBE_BYTES if probe else self.chunk_size_bytes)
                    new_offset = self._patch(url, offset, chunk.data, chunk.checksum, cancel, hooks.on_sent)
                    if new_offset <= offset:
                        raise _Retry("The intake server did not accept any of the last part sent")
                    offset = new_offset
                    failures = 0
                    probe = False
                    if hooks.on_offset:
                        hooks.on_offset(offset)
                except _Conflict:
                    log.info("Upload offset conflict; asking the server where to continue")
                    offset = None
                except _Gone:
                    log.info("The server no longer has this upload; starting the file again")
                    url, offset = None, None
                    if hooks.on_url:
                        hooks.on_url(None)
                except _TooLarge:
                    if self.chunk_size_bytes <= MIN_CHUNK_BYTES:
                        raise UploadError(
                            "The network refuses even small parts of the upload (HTTP 413).",
                            status=413,
                            code=MessageCode.NETWORK_REFUSES_PARTS,
                        ) from None
                    self.chunk_size_bytes = max(MIN_CHUNK_BYTES, self.chunk_size_bytes // 2)
                    log.info(
                        "Request too large for the network; chunk size now %d bytes", self.chunk_size_bytes
                    )
                    if hooks.on_chunk_size:
                        hooks.on_chunk_size(self.chunk_size_bytes)
                    offset = None  # a proxy may have passed part of it on: ask the server
                except (_Retry, requests.RequestException) as error:
                    failures += 1
                    failure = self._describe(error)
                    limit = (
                        self.retry.unreachable_attempts if failure.unreachable else self.retry.max_attempts
                    )
                    if failures >= limit or failure.hopeless:
                        raise UploadError(str(failure), code=failure.code, params=failure.params) from error
                    log.info("Upload attempt %d failed (%s); retrying", failures, failure)
                    backoff(self.retry, failures, wait, failure.retry_after_s)
                    offset = None  # resync: the server may have kept part of the failed chunk
        finally:
            if reader is not None:
                reader.close()

    def _describe(self, error: BaseException) -> _Retry:
        if isinstance(error, _Retry):
            return error
        said = network_error_message(error, self.endpoint_url)
        return _Retry(
            said.text,
            unreachable=is_unreachable(error),
            hopeless=is_untrusted(error),
            code=said.code or MessageCode.NETWORK_PROBLEM,
            params=said.params,
        )


def encode_metadata(metadata: Mapping[str, str]) -> str:
    """``Upload-Metadata``: ``key base64(value)`` pairs separated by commas."""
    parts = []
    for key, value in metadata.items():
        if not key or " " in key or "," in key:
            raise ValueError(f"invalid tus metadata key {key!r}")
        parts.append(f"{key} {base64.b64encode(value.encode('utf-8')).decode('ascii')}")
    return ",".join(parts)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _server_message(response: requests.Response) -> str:
    message = ErrorAnswer.of(response).message  # escaped
    return f": {message}" if message else ""


def _check_origin(url: str, endpoint_url: str) -> None:
    """Refuse ``url`` (nothing is sent) unless it is on the endpoint's scheme, host and port."""
    if not same_origin(url, endpoint_url):
        host = host_of(url)
        raise UploadError(
            f"The intake server told Voicebooth to send the video to another address ({host}). Nothing was "
            "sent there: Voicebooth sends the upload key and videos only to the configured server address. "
            "Ask IT to check the intake server.",
            status=None,
            code=MessageCode.SERVER_SENT_ELSEWHERE,
            params={"host": host},
        )


def _protocol_violation(what: str) -> UploadError:
    """A tus answer no correct server gives (the upload stays queued, its files untouched)."""
    return UploadError(
        f"The intake server broke the upload protocol ({what}); nothing was taken as sent. Ask IT to check "
        "the intake server.",
        code=MessageCode.SERVER_ANSWER_UNEXPECTED,
    )


def _check_file(path: Path, size_bytes: int) -> None:
    try:
        actual = path.stat().st_size
    except OSError as error:
        raise UploadError(
            f"The video file {path.name} is missing from this computer.",
            permanent=True,
            code=MessageCode.VIDEO_FILE_GONE,
            params={"name": path.name},
        ) from error
    if actual != size_bytes:
        raise UploadError(
            f"The video file {path.name} changed after it was queued "
            f"({actual} bytes, expected {size_bytes}).",
            permanent=True,
            code=MessageCode.VIDEO_FILE_CHANGED,
            params={"name": path.name},
        )
