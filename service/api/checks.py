"""Checks (submit a draft) and reports (read them back as JSON or an HTML review page)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from litestar import Controller, MediaType, Request, Response, get, post
from litestar.exceptions import NotAuthorizedException, NotFoundException, ValidationException
from litestar.params import Parameter

from service.api.auth import BEARER, SUBMITTERS, require_key
from service.api.errors import AUTHENTICATED, WITH_BODY, error_responses
from service.api.positions import MAX_OFFSET
from service.api.schemas import ISO_DATE_TIME, BatchIn, BatchOut, CheckIn, Report, ReportSummary
from service.checker import Selaras
from service.records import ApiKey, Records, normalise_time
from service.report_page import render_report


def review_token(records: Records, report_id: str) -> str:
    """A link token that lets a browser open exactly one report without a Bearer header."""
    return hmac.new(records.server_secret(), report_id.encode(), hashlib.sha256).hexdigest()[:32]


def _token_matches(records: Records, report_id: str, token: str) -> bool:
    # As bytes: compare_digest raises TypeError on str with non-ASCII characters (was a 500).
    return hmac.compare_digest(token.encode(), review_token(records, report_id).encode())


def _with_link(records: Records, report: dict) -> dict:
    return {**report, "review_url": f"/v1/reports/{report['id']}?token={review_token(records, report['id'])}"}


def _visible(key: ApiKey, report: dict) -> bool:
    # An agency only ever sees its own drafts; curators and admins see all.
    return key.role != "submitter" or report.get("agency") == key.agency


def _agency(key: ApiKey, requested: str | None) -> str:
    # A submitter checks as its own agency; curators may check on behalf of any.
    return key.agency if key.role == "submitter" else (requested or key.agency)


class CheckController(Controller):
    """``/v1/checks``"""

    path = "/v1/checks"
    guards = [require_key]
    security = BEARER
    tags = ["checks"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=200, summary="Check a draft against the reference corpus",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 503))
    async def check(self, request: Request, data: CheckIn) -> Response[Report]:
        """Split, embed, retrieve, judge; the report is stored and returned with timing headers."""
        selaras: Selaras = request.app.state.selaras
        key: ApiKey = request.state.key
        # A submitter checks as its own agency; curators may check on behalf of any.
        report, timing = await selaras.check(data.text, agency=_agency(key, data.agency), title=data.title)
        request.app.state.metrics.observe_check(report, timing)
        request.state.verdict, request.state.sentences = report["verdict"], len(report["findings"])
        return Response(Report(**_with_link(selaras.records, report)), headers=timing.headers())


class BatchController(Controller):
    """``/v1/checks:batch``"""

    path = "/v1/checks:batch"
    guards = [require_key]
    security = BEARER
    tags = ["checks"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=200, summary="Check up to 50 drafts at once",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 503))
    async def check_batch(self, request: Request, data: BatchIn) -> BatchOut:
        """Every draft is validated first, so one bad draft fails the batch before any work is done."""
        selaras: Selaras = request.app.state.selaras
        key: ApiKey = request.state.key
        for draft in data.drafts:
            selaras.sentences_of(draft.text)
        reports = []
        for draft in data.drafts:
            report, timing = await selaras.check(draft.text, agency=_agency(key, draft.agency), title=draft.title)
            request.app.state.metrics.observe_check(report, timing)
            reports.append(Report(**_with_link(selaras.records, report)))
        verdicts = {v: sum(r.verdict == v for r in reports) for v in ("aligned", "review", "conflict")}
        return BatchOut(reports=reports, verdicts=verdicts)


class ReportController(Controller):
    """``/v1/reports``"""

    path = "/v1/reports"
    tags = ["reports"]

    @get("/", guards=[require_key], opt={"roles": SUBMITTERS}, summary="List reports, newest first", security=BEARER,
         responses=error_responses(422, *AUTHENTICATED))
    async def list_reports(
        self, request: Request,
        agency: str | None = None,
        verdict: str | None = Parameter(default=None, pattern="^(aligned|review|conflict)$"),
        since: datetime | None = None,
        limit: int = Parameter(default=50, ge=1, le=500),
        offset: int = Parameter(default=0, ge=0, le=MAX_OFFSET),
    ) -> list[ReportSummary]:
        """Filter by agency, verdict and creation time; submitters see only their agency's."""
        key: ApiKey = request.state.key
        if key.role == "submitter":
            agency = key.agency
        if since is not None and not ISO_DATE_TIME.fullmatch(request.query_params.get("since", "")):
            # litestar also reads numbers as Unix times ("since=0.5"); the schema promises a date-time.
            raise ValidationException("since: expected an ISO-8601 date-time such as 2026-03-01T00:00:00+07:00",
                                      extra=[{"key": "since", "message": "expected an ISO-8601 date-time",
                                              "source": "query"}])
        rows = request.app.state.selaras.records.list_reports(
            agency, verdict, normalise_time(since), limit, offset)  # UTC, as stored: "+07:00" used to compare wrong
        return [ReportSummary(**r) for r in rows]

    @get("/{report_id:str}", summary="A stored report (JSON, or HTML for browsers)",
         description="Authenticate with a Bearer key, or with the `token` of the report's review_url.",
         security=[*BEARER, {}], responses=error_responses(*AUTHENTICATED, 404))
    async def get_report(self, request: Request, report_id: str, token: str | None = None) -> Response[Report]:
        """JSON by default; the HTML review page when the client prefers ``text/html``."""
        records: Records = request.app.state.selaras.records
        report = records.get_report(report_id)
        if token is not None:
            if report is None or not _token_matches(records, report_id, token):
                raise NotFoundException(f"No report with id {report_id!r}.")
        else:
            if "authorization" not in request.headers:
                raise NotAuthorizedException("Send an API key as 'Authorization: Bearer <key>' or use the review link.")
            require_key(request, request.route_handler)
            if report is None or not _visible(request.state.key, report):
                raise NotFoundException(f"No report with id {report_id!r}.")
        wants_html = request.accept.best_match([MediaType.JSON, MediaType.HTML], default=MediaType.JSON) == MediaType.HTML
        if wants_html:
            return Response(render_report(report), media_type=MediaType.HTML)
        return Response(Report(**_with_link(records, report)), media_type=MediaType.JSON)
