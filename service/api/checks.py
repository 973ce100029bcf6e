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
from datetime import datetime
from typing import Annotated

import anyio
from litestar import Controller, MediaType, Request, Response, get, post
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.params import Body, Parameter

from service.api.auth import BEARER, SUBMITTERS, acting_agency, has_role, may_access, visible_agency
from service.api.decisions import with_decisions
from service.api.errors import AUTHENTICATED, WITH_BODY, ApiError, error_responses
from service.api.examples import BATCH_EXAMPLES, CHECK_EXAMPLES, REPORT_RESPONSE, SUMMARIES_RESPONSE
from service.api.query import check_since, response_language
from service.api.limits import WorkLimiter
from service.api.positions import MAX_OFFSET
from service.api.schemas import BatchIn, BatchOut, CheckIn, Report, ReportSummary
from service.checking import Checker
from service.config import Settings
from service.messages import localise
from service.metrics import Metrics
from service.records import REPORT_KEY, ApiKey, Records, normalise_time
from service.api.report_page import report_csp, render_report
from service.revisions import compare


_TOKEN = re.compile(r"([0-9]{1,12})\.([0-9a-f]{32})")
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


def _with_link(records: Records, report: Report, days: int) -> Report:
    """The report with a review link that works for ``days`` (``SELARAS_REVIEW_LINK_DAYS``)."""
    expires = int(_now()) + days * 86400
    token = review_token(records, report.id, records.report_key_id(report.id), expires)
    return report.model_copy(update={"review_url": f"/v1/reports/{report.id}?token={token}"})


def _revised(records: Records, caller: ApiKey, draft: CheckIn) -> Report | None:
    """The report a draft revises (``revision_of``), checked before any work: it must exist, be visible to
    the caller and belong to the agency the draft is checked for (else 422 ``invalid_revision``)."""
    if draft.revision_of is None:
        return None
    stored = records.get_report(draft.revision_of)
    if stored is None or not may_access(caller, stored.get("agency")):
        raise ApiError(422, "invalid_revision", f"revision_of: no report {draft.revision_of!r} of your agency.")
    agency = acting_agency(caller, draft.agency)
    if stored.get("agency") != agency:
        raise ApiError(422, "invalid_revision", f"revision_of: report {draft.revision_of!r} belongs to "
                                                f"{stored.get('agency')!r}, not to {agency!r}; a revision is "
                                                "checked for the same agency.")
    return Report.model_validate(stored)


def _link_revision(records: Records, report: Report, previous: Report | None) -> Report:
    """The report with its comparison to the report it revises, stored so it reads back the same."""
    if previous is None:
        return report
    report = report.model_copy(update={"revision": compare(previous, report)})
    records.save_report(report.model_dump(mode="json", exclude={"review_url"}))
    return report


async def _remember_caller(request: Request) -> None:
    """Before a check: reports saved while handling this request record the key that asked
    (:data:`REPORT_KEY`, so revoking the key ends their links). Set in the request's own task, so
    nothing carries over to other requests."""
    REPORT_KEY.set(request.user.id)


class CheckController(Controller):
    """``/v1/checks``"""

    path = "/v1/checks"
    guards = [has_role]
    before_request = _remember_caller
    security = BEARER
    tags = ["checks"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=200, summary="Check a draft against the reference corpus",
          operation_id="checkDraft",
          description="Reasons and summary in Indonesian unless `?lang=en` or `Accept-Language: en`. With "
                      "`revision_of`, the report compares its conflicts with the earlier report's.",
          responses={**error_responses(*WITH_BODY, *AUTHENTICATED, 503), 200: REPORT_RESPONSE})
    async def check(self, request: Request, data: Annotated[CheckIn, Body(examples=CHECK_EXAMPLES)], caller: ApiKey,
                    checker: Checker, records: Records,
                    work_limiter: WorkLimiter, metrics: Metrics, settings: Settings,
                    lang: str | None = Parameter(default=None, pattern="^(id|en)$")) -> Response[Report]:
        """Split, embed, retrieve, judge; the report is stored and returned with timing headers."""
        previous = await anyio.to_thread.run_sync(_revised, records, caller, data)
        with work_limiter.in_flight(caller.id):
            sentences = await anyio.to_thread.run_sync(checker.sentences_of, data.text)
            work_limiter.take_sentences(caller.id, len(sentences))
            report, timing = await checker.check(data.text, agency=acting_agency(caller, data.agency),
                                                 title=data.title, sentences=sentences)
        report = await anyio.to_thread.run_sync(_link_revision, records, report, previous)
        metrics.observe_check(report, timing)
        request.state.verdict, request.state.sentences = report.verdict, len(report.findings)
        report = localise(_with_link(records, report, settings.review_link_days), response_language(request, lang))
        return Response(report, headers=timing.headers())


class BatchController(Controller):
    """``/v1/checks:batch``"""

    path = "/v1/checks:batch"
    guards = [has_role]
    before_request = _remember_caller
    security = BEARER
    tags = ["checks"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=200, summary="Check up to 50 drafts at once",
          operation_id="checkDrafts", responses=error_responses(*WITH_BODY, *AUTHENTICATED, 503))
    async def check_batch(self, request: Request, data: Annotated[BatchIn, Body(examples=BATCH_EXAMPLES)],
                          caller: ApiKey, checker: Checker,
                          records: Records, work_limiter: WorkLimiter, metrics: Metrics, settings: Settings,
                          lang: str | None = Parameter(default=None, pattern="^(id|en)$")) -> BatchOut:
        """Every draft is validated first, so one bad draft fails the batch before any work is done."""
        limit = settings.max_batch_sentences
        language = response_language(request, lang)
        previous = [await anyio.to_thread.run_sync(_revised, records, caller, d) for d in data.drafts]
        with work_limiter.in_flight(caller.id):
            split = await anyio.to_thread.run_sync(lambda: [checker.sentences_of(d.text) for d in data.drafts])
            total = sum(map(len, split))
            if total > limit:
                raise ApiError(413, "batch_too_large", f"The batch has {total} sentences in all; the limit is {limit} "
                                                       "(SELARAS_MAX_BATCH_SENTENCES). Send fewer drafts per batch.")
            work_limiter.take_sentences(caller.id, total)
            reports = []
            for draft, sentences, earlier in zip(data.drafts, split, previous):
                report, timing = await checker.check(draft.text, agency=acting_agency(caller, draft.agency),
                                                     title=draft.title, sentences=sentences)
                report = await anyio.to_thread.run_sync(_link_revision, records, report, earlier)
                metrics.observe_check(report, timing)
                reports.append(localise(_with_link(records, report, settings.review_link_days), language))
        verdicts = {v: sum(r.verdict == v for r in reports) for v in ("aligned", "review", "conflict")}
        return BatchOut(reports=reports, verdicts=verdicts)


class ReportController(Controller):
    """``/v1/reports``"""

    path = "/v1/reports"
    tags = ["reports"]

    @get("/", guards=[has_role], opt={"roles": SUBMITTERS}, summary="List reports, newest first", security=BEARER,
         operation_id="listReports", description="`open=true`: only reports with a conflict no decision was "
                                                  "recorded on yet. `mission=asta-cita-2` (or a commitment, "
                                                  "`asta-cita-2/pangan`): only drafts that advance it or pull "
                                                  "against it.",
         responses={**error_responses(422, *AUTHENTICATED), 200: SUMMARIES_RESPONSE})
    async def list_reports(
        self, request: Request, caller: ApiKey, records: Records,
        agency: str | None = None,
        verdict: str | None = Parameter(default=None, pattern="^(aligned|review|conflict)$"),
        since: datetime | None = None,
        limit: int = Parameter(default=50, ge=1, le=500),
        offset: int = Parameter(default=0, ge=0, le=MAX_OFFSET),
        open_only: bool = Parameter(default=False, query="open", description="Only reports with undecided conflicts."),
        mission: str | None = Parameter(default=None, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:\-/]*$",
                                        description="A vision mission or commitment id."),
    ) -> list[ReportSummary]:
        """Filter by agency, verdict and creation time; submitters see only their agency's."""
        agency = visible_agency(caller, agency)
        check_since(request)
        rows = records.list_reports(  # since in UTC, as stored: "+07:00" used to compare wrong
            agency, verdict, normalise_time(since), limit, offset, open_only=open_only, mission=mission)
        return [ReportSummary(**r) for r in rows]

    @get("/{report_id:str}", summary="A stored report (JSON, or HTML for browsers)", operation_id="getReport",
         description="Authenticate with a Bearer key, or with the `token` of the report's review_url. Each "
                     "finding carries its latest decision. Indonesian unless `?lang=en` or `Accept-Language: en`.",
         security=[*BEARER, {}], responses={**error_responses(422, *AUTHENTICATED, 404), 200: REPORT_RESPONSE})
    async def get_report(self, request: Request, records: Records, settings: Settings, report_id: str,
                         token: str | None = None,
                         lang: str | None = Parameter(default=None, pattern="^(id|en)$")) -> Response[Report]:
        """JSON by default; the HTML review page when the client prefers ``text/html``.

        Never cached, never framed, no referrer; the page may load nothing but its own styles.
        """
        stored = records.get_report(report_id)
        if token is not None:
            if stored is None or not _token_matches(records, report_id, token, records.report_key_id(report_id)):
                raise NotFoundException(f"No report with id {report_id!r}, or the review link has expired "
                                        "or was revoked.")
        else:
            if request.user is None:
                raise NotAuthorizedException("Send an API key as 'Authorization: Bearer <key>' or use the review link.")
            if stored is None or not may_access(request.user, stored.get("agency")):
                raise NotFoundException(f"No report with id {report_id!r}.")
        language = response_language(request, lang)
        report = localise(with_decisions(Report.model_validate(stored), records), language)
        wants_html = request.accept.best_match([MediaType.JSON, MediaType.HTML], default=MediaType.JSON) == MediaType.HTML
        if wants_html:
            return Response(render_report(report, language, token), media_type=MediaType.HTML,
                            headers={**_REVIEW_HEADERS, "Content-Security-Policy": report_csp()})
        if token is not None:  # the link it was opened with: a link never renews itself past its expiry
            report = report.model_copy(update={"review_url": f"/v1/reports/{report_id}?token={token}"})
        else:
            report = _with_link(records, report, settings.review_link_days)
        return Response(report, media_type=MediaType.JSON,
                        headers={**_REVIEW_HEADERS, "Content-Security-Policy": JSON_CSP})
