"""One error shape for every failure: ``{"error": code, "message": text, "details": [...]}``."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, SerializationException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from embeddings.encoder import Overloaded
from service.api.schemas import ErrorBody
from service.corpus import InputError
from service.documents import DocumentError
from service.judge.judge import DeadlineExceeded
from service.store.base import StoreUnavailable

log = logging.getLogger("selaras.errors")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
          422: "invalid_request", 429: "rate_limited", 503: "unavailable"}


_DESCRIPTIONS = {
    400: "Malformed JSON (`malformed_json`) or a bad request",
    401: "No API key, or an unknown, revoked or expired one (`unauthorized`)",
    403: "The key's role may not do this (`forbidden`)",
    404: "Not found (`not_found`); also another agency's report",
    409: "The id belongs to something else (`id_taken`)",
    413: "Body over the size limit (`payload_too_large`), a draft over SELARAS_MAX_DRAFT_CHARS (`draft_too_long`), "
         "too many items (`too_many_positions`) or sentences in a batch (`batch_too_large`), a document over "
         "SELARAS_MAX_DOCUMENT_BYTES or SELARAS_MAX_DOCUMENT_PAGES (`document_too_large`, `too_many_pages`)",
    422: "Invalid fields or values, naming them (`invalid_request`, `too_many_sentences`, `sentence_too_long`, ...); "
         "a document that cannot be loaded, naming the file (`unsupported_type`, `encrypted_document`, `no_text`, "
         "`empty_document`, `unreadable_document`, `no_agency`)",
    429: "Too many requests (`rate_limited`), sentences (`sentence_quota`) or concurrent checks "
         "(`too_many_concurrent_checks`) for this key, with Retry-After",
    503: "The encoder queue is full (`overloaded`), the vector store is unavailable (`store_unavailable`) or "
         "the check ran past its time budget (`deadline_exceeded`), with Retry-After",
}


def error_responses(*codes: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries for the error statuses a handler can answer, all with the :class:`ErrorBody` shape.

    400 is always included: it replaces litestar's generated entry, which documents its own
    ``{status_code, detail}`` body rather than the one this service sends.
    """
    return {code: ResponseSpec(data_container=ErrorBody, description=_DESCRIPTIONS[code], generate_examples=False)
            for code in sorted({400, *codes})}


# What every guarded /v1 endpoint can answer, before its own errors.
AUTHENTICATED = (401, 403, 429)
WITH_BODY = (400, 413, 422)


class ApiError(HTTPException):
    """An HTTP error with a machine-readable code."""

    def __init__(self, status_code: int, code: str, message: str, headers: dict[str, str] | None = None,
                 details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail=message, status_code=status_code, headers=headers)
        self.code = code
        self.details = details


def _body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": code, "message": message}
    if details:
        body["details"] = details
    return body


def _validation(request: Request, exc: ValidationException) -> Response:
    details = []
    for item in exc.extra or []:
        if isinstance(item, dict):
            if item.get("key") == "data" and item.get("source") == "body" and item.get("message") == "'data'":
                # litestar's KeyError for an empty body would read "data: 'data'".
                item = {"key": "body", "message": "the request body is missing; send a JSON object", "source": "body"}
            details.append({"field": item.get("key"), "problem": item.get("message"), "source": item.get("source")})
    message = exc.detail or "The request is invalid."
    if details:
        message = "; ".join(f"{d['field'] or 'body'}: {d['problem']}" for d in details[:5])
    return Response(_body("invalid_request", message, details), status_code=422)


def _caused_by_bad_json(exc: BaseException) -> bool:
    cause = exc.__cause__ or exc.__context__
    while cause is not None:
        if isinstance(cause, SerializationException):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _http(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 400 and _caused_by_bad_json(exc):
        return Response(_body("malformed_json", f"The body is not valid JSON: {exc.detail}."), status_code=400)
    code = getattr(exc, "code", None) or _CODES.get(exc.status_code, "error")
    message = exc.detail
    if exc.status_code == 413 and code == "payload_too_large":
        limit = request.app.state.settings.max_body_bytes
        message = f"The request body is larger than the limit of {limit} bytes (SELARAS_MAX_BODY_BYTES)."
    return Response(_body(code, message, getattr(exc, "details", None)), status_code=exc.status_code,
                    headers=exc.headers)


def _input(request: Request, exc: InputError) -> Response:
    return Response(_body(exc.code, str(exc)), status_code=exc.status)


def _document(request: Request, exc: DocumentError) -> Response:
    # The file and why, in the message for people and as details for programs.
    return Response(_body(exc.code, str(exc), [{"file": exc.file, "reason": exc.reason}]), status_code=exc.status)


def _overloaded(request: Request, exc: Overloaded) -> Response:
    return Response(_body("overloaded", "Too many checks are waiting; retry shortly."), status_code=503,
                    headers={"Retry-After": "1"})


def _deadline(request: Request, exc: DeadlineExceeded) -> Response:
    limit = request.app.state.settings.check_timeout_s
    return Response(_body("deadline_exceeded", f"The check took longer than its time budget of {limit:g} s "
                                               "(SELARAS_CHECK_TIMEOUT_S); send a shorter draft or retry later."),
                    status_code=503, headers={"Retry-After": "5"})


def _store(request: Request, exc: StoreUnavailable) -> Response:
    # The detail (hosts, engine errors) is for the operator's log, not for API callers.
    log.warning("store unavailable: %s", exc)
    return Response(_body("store_unavailable", f"The reference store is unavailable: {exc.public}. Retry shortly."),
                    status_code=503, headers={"Retry-After": "5"})


def _records(request: Request, exc: Exception) -> Response:
    """The records database cannot be reached (PostgreSQL down or restarting, the pool exhausted): 503, retry."""
    log.error("records database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return Response(_body("records_unavailable", "The records database is unavailable; retry shortly."),
                    status_code=503, headers={"Retry-After": "5"})


def _internal(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return Response(_body("internal_error", "Something went wrong on our side; it has been logged."),
                    status_code=HTTP_500_INTERNAL_SERVER_ERROR)


EXCEPTION_HANDLERS = {
    ValidationException: _validation,
    HTTPException: _http,
    InputError: _input,
    DocumentError: _document,
    Overloaded: _overloaded,
    DeadlineExceeded: _deadline,
    StoreUnavailable: _store,
    OperationalError: _records,
    PoolTimeout: _records,
    Exception: _internal,
}
