"""``GET /v1/stats``: the communication office's overview as JSON (curators), the figures the page at
``/curator/overview`` draws. Parameters are read here for both, so the page and the API refuse alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import anyio
from litestar import Controller, Request, get
from litestar.params import Parameter

from service.api.auth import BEARER, CURATORS, has_role
from service.api.errors import AUTHENTICATED, ApiError, error_responses
from service.api.examples import STATS_RESPONSE
from service.api.query import response_language
from service.messages import gettext_for
from service.overview import MAX_WEEKS, Overview, Window, WindowError, overview, today_in_jakarta, window
from service.records import Records

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE_DESCRIPTION = "ISO date (YYYY-MM-DD), Jakarta time; the window is whole ISO weeks, at most {} weeks."


@dataclass(frozen=True)
class StatsQuery:
    """What an overview was asked for: the weeks and, optionally, one agency."""

    span: Window
    agency: str | None


def stats_query(since: str | None, until: str | None, agency: str | None, language: str) -> StatsQuery:
    """The window asked for (``since`` and ``until`` as the query's text; empty = the default), or 422 naming
    the parameter and why, in ``language``."""
    _ = gettext_for(language)
    days: dict[str, date | None] = {}
    for name, text in (("since", since), ("until", until)):
        days[name] = None
        if text:
            try:
                days[name] = date.fromisoformat(text) if _DATE.fullmatch(text) else None
            except ValueError:
                pass
            if days[name] is None:
                raise ApiError(422, "invalid_request", _("stats.bad_date").format(field=name, value=text[:40]),
                               details=[{"field": name, "problem": "expected a date as YYYY-MM-DD", "source": "query"}])
    try:
        span = window(days["since"], days["until"], today_in_jakarta())
    except WindowError as exc:
        raise ApiError(422, "invalid_window", _(exc.message_id).format(**exc.params),
                       details=[{"field": str(exc.params.get("field", "since")), "problem": exc.message_id,
                                 "source": "query"}]) from exc
    return StatsQuery(span, (agency or "").strip() or None)


async def compute(records: Records, query: StatsQuery) -> Overview:
    """The figures, computed off the event loop (one aggregate and one bounded scan)."""
    return await anyio.to_thread.run_sync(overview, records, query.span, query.agency)


class StatsController(Controller):
    """``/v1/stats``"""

    path = "/v1/stats"
    guards = [has_role]
    security = BEARER
    tags = ["stats"]

    @get("/", opt={"roles": CURATORS}, operation_id="getStats",
         summary="Checks, verdicts, conflicts, missions and open findings by agency and week",
         description="Curators. The figures of the overview page (`/curator/overview`). Weeks are ISO weeks in "
                     f"Jakarta time; a window is at most {MAX_WEEKS} weeks (else 422 `invalid_window`). Counts "
                     "per week and agency cover every report of the window; conflict kinds, positions and "
                     "missions the newest reports, as `scanned` and `complete` say. Messages in Indonesian "
                     "unless `?lang=en` or `Accept-Language: en`.",
         responses={**error_responses(422, *AUTHENTICATED), 200: STATS_RESPONSE})
    async def stats(
        self, request: Request, records: Records,
        since: date | None = Parameter(default=None, description="First day: its week is the first. Default: "
                                       "11 weeks before the week of `until`. " + DATE_DESCRIPTION.format(MAX_WEEKS)),
        until: date | None = Parameter(default=None, description="Last day: its week is the last. Default: today. "
                                       + DATE_DESCRIPTION.format(MAX_WEEKS)),
        agency: str | None = Parameter(default=None, max_length=200, description="Only this agency's reports."),
        lang: str | None = Parameter(default=None, pattern="^(id|en)$"),
    ) -> Overview:
        """The overview's figures for the window (and agency)."""
        # Read as written: litestar also takes a number for a date (a Unix time), the schema promises YYYY-MM-DD.
        query = stats_query(request.query_params.get("since"), request.query_params.get("until"), agency,
                            response_language(request, lang))
        return await compute(records, query)
