"""Query parameters several routes read the same way: the response language and ``since``."""

from __future__ import annotations

from litestar import Request
from litestar.exceptions import ValidationException

from service.domain import ISO_DATE_TIME
from service.messages import negotiate


def response_language(request: Request, lang: str | None = None) -> str:
    """Indonesian by default: ``lang`` (the query parameter) first, then the Accept-Language header."""
    return negotiate(lang, request.headers.get("accept-language"))


def check_since(request: Request) -> None:
    """422 unless ``since`` (when given) is ISO-8601 text: litestar also reads numbers as Unix times
    ("since=0.5"), while the schema promises a date-time."""
    if "since" in request.query_params and not ISO_DATE_TIME.fullmatch(request.query_params.get("since", "")):
        raise ValidationException("since: expected an ISO-8601 date-time such as 2026-03-01T00:00:00+07:00",
                                  extra=[{"key": "since", "message": "expected an ISO-8601 date-time",
                                          "source": "query"}])
