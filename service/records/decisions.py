"""Decisions PR officers record on a report's conflicts (fixed, accepted, false alarm), kept as a log.

Every decision is a row; the latest per finding is the one in effect, the earlier ones stay as history.
The log is also the curators' feedback: conflicts officers call false alarms or accept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from service.records.db import Database, utcnow
from service.records.schema import decisions, reports


@dataclass(frozen=True)
class DecisionRecord:
    """One recorded decision."""

    report_id: str
    finding: int
    decision: str
    note: str
    key_id: str | None
    agency: str | None
    created_at: str


@dataclass(frozen=True)
class FeedbackRow:
    """A decision with the report body it was made on (for the curators' feedback list)."""

    decision: DecisionRecord
    report_agency: str | None
    report: dict[str, Any]


class Decisions(Database):
    """The decisions part of :class:`service.records.Records`."""

    def add_decision(self, report_id: str, finding: int, decision: str, note: str,
                     key_id: str | None, agency: str | None) -> DecisionRecord:
        """Record a decision on one finding of a stored report (the caller checked both exist)."""
        record = DecisionRecord(report_id, finding, decision, note, key_id, agency, utcnow())
        with self._tx() as db:
            db.execute(decisions.insert().values(report_id=report_id, finding=finding, decision=decision, note=note,
                                                 key_id=key_id, agency=agency, created_at=record.created_at))
        return record

    def latest_decisions(self, report_id: str) -> dict[int, DecisionRecord]:
        """The decision in effect on each decided finding of a report (the latest recorded)."""
        with self._read() as db:
            rows = db.execute(select(decisions).where(decisions.c.report_id == report_id)
                              .order_by(decisions.c.finding, decisions.c.id)).mappings().all()
        return {r["finding"]: _record(r) for r in rows}  # later rows of a finding overwrite earlier ones

    def decision_feedback(self, kinds: tuple[str, ...], since: str | None = None, limit: int = 100,
                          offset: int = 0) -> list[FeedbackRow]:
        """Decisions in effect of the given kinds, newest first, each with its report's body."""
        latest = decisions.alias("latest")
        newest = (select(func.max(latest.c.id)).where(latest.c.report_id == decisions.c.report_id,
                                                      latest.c.finding == decisions.c.finding).scalar_subquery())
        query = (select(decisions, reports.c.agency.label("report_agency"), reports.c.body)
                 .join(reports, reports.c.id == decisions.c.report_id)
                 .where(decisions.c.decision.in_(kinds), decisions.c.id == newest))
        if since is not None:
            query = query.where(decisions.c.created_at >= since)
        # Only the latest decision per finding counts (a false alarm later marked fixed is no false alarm).
        query = query.order_by(decisions.c.created_at.desc(), decisions.c.id.desc()).limit(limit).offset(offset)
        with self._read() as db:
            rows = db.execute(query).mappings().all()
        return [FeedbackRow(_record(r), r["report_agency"], json.loads(r["body"])) for r in rows]


def _record(row: Any) -> DecisionRecord:
    return DecisionRecord(row["report_id"], row["finding"], row["decision"], row["note"], row["key_id"],
                          row["agency"], row["created_at"])
