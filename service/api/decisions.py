"""Decisions on a report's conflicts (``POST /v1/reports/{id}/decisions``) and the curators' feedback
(``GET /v1/feedback``): the conflicts PR officers call false alarms or accept, with their passages."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Annotated

import anyio
from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import Body, Parameter
from pydantic import BaseModel, Field, field_validator

from service.api.auth import BEARER, CURATORS, SUBMITTERS, has_role, may_access
from service.api.errors import AUTHENTICATED, WITH_BODY, ApiError, error_responses
from service.api.examples import DECISION_EXAMPLES, DECISION_RESPONSE
from service.api.query import check_since, response_language
from service.api.positions import MAX_OFFSET
from service.domain import ConflictKindName, Decision, DecisionKind, DecisionKindName, Relation, Report, Strict
from service.messages import localise
from service.metrics import Metrics
from service.records import ApiKey, DecisionRecord, FeedbackRow, Records, normalise_time

# A note is for a person to read beside a decision; the bound keeps the log (and the feedback) small.
MAX_NOTE_CHARS = 2000


class DecisionIn(Strict):
    """A PR officer's decision on one conflicting finding of a report."""

    finding: int = Field(ge=0, le=100_000, description="The finding's index in the report's findings.")
    decision: DecisionKindName = Field(description="fixed: the draft was corrected; accepted: the draft stands "
                                                   "(e.g. the position has changed); false_alarm: no real conflict.")
    note: str = Field("", max_length=MAX_NOTE_CHARS, examples=["Angka sudah disesuaikan dengan Kemenkeu."])

    @field_validator("finding", mode="before")
    @classmethod
    def _an_integer(cls, value: object) -> object:
        # JSON true/false would pass as 1/0: an index is a number.
        if isinstance(value, bool):
            raise ValueError("expected an integer index")
        return value


class FeedbackEvidence(BaseModel):
    """A reference passage a finding clashed with."""

    position_id: str
    title: str
    passage: str


class FeedbackItem(BaseModel):
    """A conflict officers marked false alarm or accepted, with its passages (for curators)."""

    report_id: str
    report_agency: str | None
    finding: int
    sentence: str
    kinds: list[ConflictKindName]
    reasons: list[str]
    evidence: list[FeedbackEvidence]
    decision: DecisionKindName
    note: str
    decided_by_key: str | None
    decided_by_agency: str | None
    decided_at: str


class FeedbackList(BaseModel):
    """A page of feedback, newest decision first."""

    items: list[FeedbackItem]
    limit: int
    offset: int


# What curators learn from: the conflicts officers disagreed with or that a position change explains.
FEEDBACK_KINDS = (DecisionKind.FALSE_ALARM, DecisionKind.ACCEPTED)
CSV_COLUMNS = ("decided_at", "decision", "note", "report_id", "report_agency", "finding", "sentence", "kinds",
               "reasons", "position_ids", "passages", "decided_by_agency", "decided_by_key")


def decision_of(record: DecisionRecord) -> Decision:
    """The API's view of a recorded decision."""
    return Decision(finding=record.finding, decision=record.decision, note=record.note, key_id=record.key_id,
                    agency=record.agency, created_at=record.created_at)


def with_decisions(report: Report, records: Records) -> Report:
    """The report with each finding's decision in effect (the latest recorded)."""
    latest = records.latest_decisions(report.id)
    if not latest:
        return report
    findings = [f.model_copy(update={"decision": decision_of(latest[i])}) if i in latest else f
                for i, f in enumerate(report.findings)]
    return report.model_copy(update={"findings": findings})


class DecisionController(Controller):
    """``/v1/reports/{report_id}/decisions``"""

    path = "/v1/reports/{report_id:str}/decisions"
    guards = [has_role]
    security = BEARER
    tags = ["reports"]

    @post("/", opt={"roles": SUBMITTERS}, status_code=201, operation_id="recordDecision",
          summary="Record a decision on a conflict of a report",
          description="Submitters of the report's agency and curators; another agency's report answers 404. "
                      "Only conflicting findings take decisions (else 422 `not_a_conflict`).",
          responses={**error_responses(*WITH_BODY, *AUTHENTICATED, 404), 201: DECISION_RESPONSE})
    async def record(self, report_id: str, data: Annotated[DecisionIn, Body(examples=DECISION_EXAMPLES)],
                     caller: ApiKey, records: Records,
                     metrics: Metrics) -> Decision:
        """Kept as a log: the latest decision per finding is the one the report shows."""
        stored = await anyio.to_thread.run_sync(records.get_report, report_id)
        if stored is None or not may_access(caller, stored.get("agency")):
            raise NotFoundException(f"No report with id {report_id!r}.")
        findings = stored.get("findings") or []
        if data.finding >= len(findings):
            raise ApiError(422, "unknown_finding", f"The report has {len(findings)} findings (indexes 0 to "
                                                   f"{len(findings) - 1}); there is no finding {data.finding}.")
        finding = findings[data.finding]
        if finding.get("relation") != Relation.CONFLICTS:
            raise ApiError(422, "not_a_conflict", f"Finding {data.finding} is '{finding.get('relation')}', not a "
                                                  "conflict: decisions are recorded on conflicts only.")
        record = await anyio.to_thread.run_sync(lambda: records.add_decision(
            report_id, data.finding, data.decision, data.note, caller.id, caller.agency))
        metrics.observe_decision(data.decision, finding.get("kinds") or [])
        return decision_of(record)


class FeedbackController(Controller):
    """``/v1/feedback`` (JSON) and ``/v1/feedback.csv``"""

    path = "/v1"
    guards = [has_role]
    security = BEARER
    tags = ["feedback"]

    @get("/feedback", opt={"roles": CURATORS}, operation_id="listFeedback",
         summary="Conflicts marked false alarm or accepted, with their passages",
         description="Curators. Reasons in Indonesian unless `?lang=en` or `Accept-Language: en`. Only each "
                     "finding's latest decision counts. The same rows as CSV: `/v1/feedback.csv`.",
         responses=error_responses(422, *AUTHENTICATED))
    async def feedback(
        self, request: Request, records: Records,
        decision: str | None = Parameter(default=None, pattern="^(false_alarm|accepted)$",
                                         description="Only this kind of decision."),
        since: datetime | None = None,
        lang: str | None = Parameter(default=None, pattern="^(id|en)$"),
        limit: int = Parameter(default=100, ge=1, le=500),
        offset: int = Parameter(default=0, ge=0, le=MAX_OFFSET),
    ) -> FeedbackList:
        """Newest decision first; each item carries the sentence, kinds, reasons and clashing passages."""
        items = await _feedback(request, records, decision, since, lang, limit, offset)
        return FeedbackList(items=items, limit=limit, offset=offset)

    @get("/feedback.csv", opt={"roles": CURATORS}, operation_id="exportFeedback", media_type="text/csv",
         summary="The feedback as CSV (for a spreadsheet)", responses=error_responses(422, *AUTHENTICATED))
    async def feedback_csv(
        self, request: Request, records: Records,
        decision: str | None = Parameter(default=None, pattern="^(false_alarm|accepted)$"),
        since: datetime | None = None,
        lang: str | None = Parameter(default=None, pattern="^(id|en)$"),
        limit: int = Parameter(default=500, ge=1, le=5000),
        offset: int = Parameter(default=0, ge=0, le=MAX_OFFSET),
    ) -> Response[str]:
        """One row per decision; lists joined with ' | '; cells a spreadsheet would run as formulas quoted."""
        items = await _feedback(request, records, decision, since, lang, limit, offset)
        return Response(_csv(items), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="selaras-feedback.csv"'})


async def _feedback(request: Request, records: Records, decision: str | None, since: datetime | None,
                    lang: str | None, limit: int, offset: int) -> list[FeedbackItem]:
    check_since(request)
    kinds = (decision,) if decision else tuple(str(k) for k in FEEDBACK_KINDS)
    rows = await anyio.to_thread.run_sync(lambda: records.decision_feedback(
        kinds, normalise_time(since), limit, offset))
    language = response_language(request, lang)
    return [item for row in rows if (item := _item(row, language)) is not None]


def _item(row: FeedbackRow, language: str) -> FeedbackItem | None:
    """One feedback row in ``language`` (None if the stored report no longer has the finding)."""
    report = localise(Report.model_validate(row.report), language)
    if row.decision.finding >= len(report.findings):
        return None
    finding = report.findings[row.decision.finding]
    return FeedbackItem(
        report_id=row.decision.report_id, report_agency=row.report_agency, finding=row.decision.finding,
        sentence=finding.sentence, kinds=finding.kinds, reasons=finding.reasons,
        evidence=[FeedbackEvidence(position_id=e.position_id, title=e.title, passage=e.passage)
                  for e in finding.evidence],
        decision=row.decision.decision, note=row.decision.note, decided_by_key=row.decision.key_id,
        decided_by_agency=row.decision.agency, decided_at=row.decision.created_at)


def _csv(items: list[FeedbackItem]) -> str:
    """The feedback as CSV (one row per decision; lists joined with ' | ')."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for it in items:
        writer.writerow([_cell(v) for v in [
            it.decided_at, it.decision, it.note, it.report_id, it.report_agency or "", it.finding, it.sentence,
            " | ".join(it.kinds), " | ".join(it.reasons), " | ".join(e.position_id for e in it.evidence),
            " | ".join(e.passage for e in it.evidence), it.decided_by_agency or "", it.decided_by_key or ""]])
    return out.getvalue()


def _cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=, +, -, @ first) is quoted with an apostrophe."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
