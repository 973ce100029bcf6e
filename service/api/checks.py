"""Checks (submit a draft) and reports (read them back as JSON or an HTML review page).

Review links: a report's ``review_url`` opens it without a Bearer header. Its token is
``<expiry>.<mac>``: the expiry in Unix seconds, and an HMAC (server secret) over the report id,
that expiry and the id of the API key the report was made for. The link stops working at the
expiry (``SELARAS_REVIEW_LINK_DAYS`` after it was issued, 30 by default), as soon as that key
is revoked or expires, and when the secret is rotated (``selaras keys rotate-secret``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from contextvars import ContextVar
from datetime import datetime

import anyio
from litestar import Controller, MediaType, Request, Response, get, post
from litestar.exceptions import NotAuthorizedException, NotFoundException, ValidationException
from litestar.params import Parameter

from service.api.auth import BEARER, SUBMITTERS, acting_agency, may_access, require_key
from service.api.errors import AUTHENTICATED, WITH_BODY, ApiError, error_responses
from service.api.limits import WorkLimiter
from service.api.positions import MAX_OFFSET
from service.api.schemas import ISO_DATE_TIME, BatchIn, BatchOut, CheckIn, Report, ReportSummary
from service.checker import Selaras
from service.records import REPORT_KEY, ApiKey, Records, normalise_time
from service.report_page import report_csp, render_report


_TOKEN = re.compile(r"([0-9]{1,12})\.([0-9a-f]{32})")
# Lifetime of the links issued while handling this request (set from the settings by _remember_caller).
_LINK_DAYS: ContextVar[int] = ContextVar("selaras_review_link_days", default=30)
# A report as JSON loads nothing and is never framed (the HTML page's policy is report_csp()).
JSON_CSP = "default-src 'none'; frame-ancestors 'none'"
_REVIEW_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
                   "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"}


def _now() -> float:
    return time.time()


def _mac(secret: bytes, report_id: str, expires: int, key_id: str | None) -> str:
    message = b"\x00".join((b"selaras-review-link/2", report_id.encode(), str(expires).encode(),
                            (key_id or "").encode()))
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def review_token(records: Records, report_id: str, key_id: str | None, expires: int) -> str:
    """A link token that lets a browser open exactly one report without a Bearer header, until ``expires``."""
    return f"{expires}.{_mac(records.server_secret(), report_id, expires, key_id)}"


def _token_matches(records: Records, report_id: str, token: str, key_id: str | None) -> bool:
    """Signed for this report and its key, not expired, and the key that made the report still live."""
    match = _TOKEN.fullmatch(token)
    if match is None:  # also every token of the old, never-expiring form
        return False
    expires = int(match[1])
    # As bytes: compare_digest raises TypeError on str with non-ASCII characters (was a 500).
    if not hmac.compare_digest(match[2].encode(), _mac(records.server_secret(), report_id, expires, key_id).encode()):
        return False
    return expires > _now() and (key_id is None or records.key_is_live(key_id))


def _with_link(records: Records, report: dict, days: int | None = None) -> dict:
    expires = int(_now()) + (days or _LINK_DAYS.get()) * 86400
    token = review_token(records, report["id"], records.report_key_id(report["id"]), expires)
    return {**report, "review_url": f"/v1/reports/{report['id']}?token={token}"}


async def _remember_caller(request: Request) -> None:
    """Before a check: reports saved while handling this request record the key that asked
    (:data:`REPORT_KEY`, so revoking the key ends their links), and links get the configured lifetime.
    Set in the request's own task, so nothing carries over to other requests."""
    REPORT_KEY.set(request.state.key.id)
    _LINK_DAYS.set(request.app.state.settings.review_link_days)


class CheckController(Controller):
    """``/v1/checks``"""

    path = "/v1/checks"
    guards = [require_key]
    before_request = _remember_caller
    security = BEARER
    tags = ["checks"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=200, summary="Check a draft against the reference corpus",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 503))
    async def check(self, request: Request, data: CheckIn) -> Response[Report]:
        """Split, embed, retrieve, judge; the report is stored and returned with timing headers."""
        selaras: Selaras = request.app.state.selaras
        key: ApiKey = request.state.key
        limiter: WorkLimiter = request.app.state.work_limiter
        with limiter.in_flight(key.id):
            sentences = await anyio.to_thread.run_sync(selaras.sentences_of, data.text)
            limiter.take_sentences(key.id, len(sentences))
            report, timing = await selaras.check(data.text, agency=acting_agency(key, data.agency), title=data.title,
                                                 sentences=sentences)
        request.app.state.metrics.observe_check(report, timing)
        request.state.verdict, request.state.sentences = report["verdict"], len(report["findings"])
        return Response(Report(**_with_link(selaras.records, report)), headers=timing.headers())


class BatchController(Controller):
    """``/v1/checks:batch``"""

    path = "/v1/checks:batch"
    guards = [require_key]
    before_request = _remember_caller
    security = BEARER
    tags = ["checks"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=200, summary="Check up to 50 drafts at once",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED, 503))
    async def check_batch(self, request: Request, data: BatchIn) -> BatchOut:
        """Every draft is validated first, so one bad draft fails the batch before any work is done."""
        selaras: Selaras = request.app.state.selaras
        key: ApiKey = request.state.key
        limiter: WorkLimiter = request.app.state.work_limiter
        limit = request.app.state.settings.max_batch_sentences
        with limiter.in_flight(key.id):
            split = await anyio.to_thread.run_sync(lambda: [selaras.sentences_of(d.text) for d in data.drafts])
            total = sum(map(len, split))
            if total > limit:
                raise ApiError(413, "batch_too_large", f"The batch has {total} sentences in all; the limit is {limit} "
                                                       "(SELARAS_MAX_BATCH_SENTENCES). Send fewer drafts per batch.")
            limiter.take_sentences(key.id, total)
            reports = []
            for draft, sentences in zip(data.drafts, split):
                report, timing = await selaras.check(draft.text, agency=acting_agency(key, draft.agency),
                                                     title=draft.title, sentences=sentences)
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
        """JSON by default; the HTML review page when the client prefers ``text/html``.

        Never cached, never framed, no referrer; the page may load nothing but its own styles.
        """
        records: Records = request.app.state.selaras.records
        report = records.get_report(report_id)
        if token is not None:
            if report is None or not _token_matches(records, report_id, token, records.report_key_id(report_id)):
                raise NotFoundException(f"No report with id {report_id!r}, or the review link has expired "
                                        "or was revoked.")
        else:
            if "authorization" not in request.headers:
                raise NotAuthorizedException("Send an API key as 'Authorization: Bearer <key>' or use the review link.")
            require_key(request, request.route_handler)
            if report is None or not may_access(request.state.key, report.get("agency")):
                raise NotFoundException(f"No report with id {report_id!r}.")
        wants_html = request.accept.best_match([MediaType.JSON, MediaType.HTML], default=MediaType.JSON) == MediaType.HTML
        if wants_html:
            return Response(render_report(report), media_type=MediaType.HTML,
                            headers={**_REVIEW_HEADERS, "Content-Security-Policy": report_csp()})
        if token is not None:  # the link it was opened with: a link never renews itself past its expiry
            report = {**report, "review_url": f"/v1/reports/{report_id}?token={token}"}
        else:
            report = _with_link(records, report, request.app.state.settings.review_link_days)
        return Response(Report(**report), media_type=MediaType.JSON,
                        headers={**_REVIEW_HEADERS, "Content-Security-Policy": JSON_CSP})
