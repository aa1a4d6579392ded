"""Every error leaves the API in one shape (`ErrorBody`), mapped from its type in this one place.

Kernel errors carry no HTTP knowledge; this table gives each its status. Litestar's own errors
(validation, unknown route, missing token) are reshaped the same way, keeping the headers they
carry (a 405's `Allow`), and a validation error's detail is one sentence per parameter at fault,
naming it and saying what it expects (`adapters.validation_errors`): never a regex or a type. Anything
unexpected is logged and answered with a plain 500 that reveals nothing (the process's logging writes
its traceback once per cause, then counts: `adapters/logs`); the schemathesis run over both
databases hunts for any request that gets one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from adapters.http.outages import OUTAGES, outage_handler
from adapters.validation_errors import sentence, type_at
from kernel.errors import (
    AuthenticationError,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    InvalidRowsError,
    NotFoundError,
    TesseraError,
)

__all__ = ("ErrorBody", "ErrorField", "exception_handlers")

logger = logging.getLogger("tessera.http")

_STATUS: dict[type[TesseraError], int] = {
    InvalidInputError: 400,
    AuthenticationError: 401,
    ForbiddenError: 403,
    NotFoundError: 404,
    ConflictError: 409,
}


class ErrorField(msgspec.Struct, kw_only=True):
    key: str
    message: str
    source: str | None = None


class ErrorBody(msgspec.Struct, kw_only=True):
    status_code: int
    detail: str
    extra: list[ErrorField] | None = None


def _response(
    status: int,
    detail: str,
    extra: list[ErrorField] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response[ErrorBody]:
    """`headers` are the ones the error itself carries, e.g. the `Allow` list a 405 must send."""
    sent = dict(headers or {})
    if status == 401:
        sent.setdefault("WWW-Authenticate", "Bearer")
    return Response(
        ErrorBody(status_code=status, detail=detail, extra=extra),
        status_code=status,
        media_type=MediaType.JSON,
        headers=sent or None,
    )


def _tessera_error(_: Request[Any, Any, Any], error: TesseraError) -> Response[ErrorBody]:
    status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 400)
    if isinstance(error, InvalidRowsError):  # every row at fault, each named by its line
        rows = [ErrorField(key=p.field, message=p.message, source=f"line {p.line}") for p in error.problems]
        return _response(status, error.message, rows)
    if isinstance(error, InvalidInputError):
        return _response(status, str(error), [ErrorField(key=error.field, message=error.message)])
    return _response(status, str(error))


def _validation_fields(request: Request[Any, Any, Any], error: ValidationException) -> list[ErrorField]:
    """Litestar's own checks (parameters, form bodies) carry msgspec's words; they are put into a
    sentence here. Tessera's body check (`StrictJSONRequest`) has written its sentences already."""
    from_msgspec = isinstance(error.__cause__, msgspec.ValidationError)
    fields = []
    for item in error.extra if isinstance(error.extra, list) else []:
        if isinstance(item, dict):
            key = str(item.get("key") or "body")
            source = item.get("source")
            source = str(getattr(source, "value", source)) if source is not None else None
            message = str(item.get("message", "invalid"))
            if message == f"'{key}'":  # Litestar's word for "nothing was sent": the bare missing key
                message = "the body is missing: send a JSON object" if key == "data" else f"{key} is required"
            elif from_msgspec:
                message = sentence(key, message, _parameter_type(request, key, source))
            fields.append(ErrorField(key=key, message=message, source=source))
    return fields


def _parameter_type(request: Request[Any, Any, Any], key: str, source: str | None) -> Any:
    """The declared type of a handler parameter (`data` and a path inside it for the body)."""
    path = key.split(".")
    if source == "body" and key != "data":
        path = ["data", *path]
    return type_at(request.route_handler.signature_model, path)


def _http_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[ErrorBody]:
    if isinstance(error, ValidationException):
        fields = _validation_fields(request, error)
        if fields:
            return _response(400, "; ".join(f.message for f in fields), fields)
        return _response(400, f"invalid request: {error.detail}")
    if error.status_code == 413:
        return _response(413, _too_large(request))
    if error.status_code >= 500:
        logger.error("server error on %s %s", request.method, request.scope["path"], exc_info=error)
        return _response(error.status_code, "internal server error")
    return _response(error.status_code, str(error.detail), headers=error.headers)


def _too_large(request: Request[Any, Any, Any]) -> str:
    """Litestar says only "Request Entity Too Large"; the route's own limit says what to send."""
    limit = request.route_handler.resolve_request_max_body_size()
    return (
        f"the body is larger than this route accepts ({limit:,} bytes)" if limit else "the body is too large"
    )


def _unexpected(request: Request[Any, Any, Any], error: Exception) -> Response[ErrorBody]:
    logger.exception("unhandled error on %s %s", request.method, request.scope["path"], exc_info=error)
    return _response(500, "internal server error")


def exception_handlers() -> ExceptionHandlersMap:
    return {
        TesseraError: _tessera_error,
        HTTPException: _http_error,
        **dict.fromkeys(OUTAGES, outage_handler(_response)),
        Exception: _unexpected,
    }
