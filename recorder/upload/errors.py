"""Errors of the upload client; every message is plain English and free of keys and personal data."""

from __future__ import annotations

from recorder.messages import CodedError, MessageCode, Params


class UploadError(CodedError):
    """Uploading stopped.

    Attributes:
        permanent: True when trying again later cannot help without a change (the file is too large for the
            server, the local file changed, the server refused the request as invalid). Otherwise the
            submission stays queued and the next run tries again.
        status: the HTTP status that caused it, if any.
        message_code, message_params: for the translated UI (:mod:`recorder.messages`).
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        status: int | None = None,
        code: MessageCode | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.permanent = permanent
        self.status = status


class UploadCancelled(Exception):  # noqa: N818 - a request, not a failure
    """The caller's cancel event was set; the upload stopped between (or inside) chunks and can resume."""
