"""One error shape for every failure: ``{"error": {"code", "message"}}`` with a 4xx/5xx status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from server.db.engine import is_disk_full
from server.metrics import REFUSALS
from server.storage.port import StorageError, StorageFullError

log = logging.getLogger(__name__)

_STATUS_CODES = {
    400: ("bad_request", "The request is not valid."),
    401: ("unauthorized", "Sign in or send a valid key."),
    403: ("forbidden", "This key or account may not do that."),
    404: ("not_found", "There is nothing here."),
    405: ("method_not_allowed", "That method is not allowed here."),
    413: ("too_large", "The request is too large."),
    415: ("unsupported_media_type", "The request body has the wrong content type."),
}


class ApiError(Exception):
    """An error answered as JSON.

    Args:
        status: HTTP status code.
        code: snake_case error code.
        message: plain English for people; never echoes personal data or secrets.
        headers: extra response headers (e.g. ``Tus-Version`` on a 412).
        extra: extra fields inside ``error`` (e.g. ``take_id``).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.extra = extra or {}

    def response(self) -> JSONResponse:
        """The JSON response for this error."""
        return error_response(self.status, self.code, self.message, self.headers, self.extra)


def error_response(
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    extra: dict[str, object] | None = None,
) -> JSONResponse:
    """Builds the standard error response (and counts it by code for ``/metrics``)."""
    REFUSALS.labels(code).inc()
    body: dict[str, object] = {"code": code, "message": message, **(extra or {})}
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def _field_name(location: tuple[object, ...] | list[object]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or "the request"


def install_error_handlers(app: FastAPI) -> None:
    """Maps ApiError, HTTP errors, validation errors and crashes to the standard shape."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        return error.response()

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code, message = _STATUS_CODES.get(error.status_code, ("error", "The request failed."))
        return error_response(error.status_code, code, message, dict(error.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = _field_name(tuple(first.get("loc", ())))
        problem = str(first.get("msg", "is not valid")).rstrip(".")
        # pydantic's message names the rule, not the value, so nothing personal is echoed.
        return error_response(422, "invalid_request", f"The field {where} is not valid: {problem}.")

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, _error: ClientDisconnect) -> Response:
        # The client closed the connection mid-body: nothing to answer, nothing stored, no traceback.
        log.info("A client went away before sending its whole request (%s)", request.method)
        return Response(status_code=400)

    @app.exception_handler(OperationalError)
    async def _database(_request: Request, error: OperationalError) -> JSONResponse:
        if is_disk_full(error):  # recovers by itself once there is room again: nothing to restart
            log.error("The database cannot be written: its disk is full")
            return error_response(507, "disk_full", "The server's disk is full. Try again later.")
        log.error("Database error: %s", type(error.orig).__name__, exc_info=error)
        return error_response(500, "server_error", "The server hit an unexpected problem. Try again later.")

    @app.exception_handler(StorageError)
    async def _storage_error(_request: Request, error: StorageError) -> JSONResponse:
        if isinstance(error, StorageFullError):
            log.error("The storage is full: %s", error)
            return error_response(507, "disk_full", "The server's storage is full. Try again later.")
        log.error("Storage failed: %s", error)
        return error_response(
            503, "storage_unavailable", "The server cannot reach its storage just now. Try again later."
        )

    @app.exception_handler(Exception)
    async def _crash(_request: Request, error: Exception) -> JSONResponse:
        log.error("Unexpected server error: %s", type(error).__name__, exc_info=error)
        return error_response(500, "server_error", "The server hit an unexpected problem. Try again later.")
