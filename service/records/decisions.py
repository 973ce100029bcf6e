"""Decisions PR officers record on a report's conflicts (fixed, accepted, false alarm), kept as a log.

Every decision is a row; the latest per finding is the one in effect, the earlier ones stay as history.
The log is also the curators' feedback: conflicts officers call false alarms or accept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from service.records.db import Database, utcnow


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
            db.execute("INSERT INTO decisions (report_id, finding, decision, note, key_id, agency, created_at) "
                       "VALUES (?,?,?,?,?,?,?)",
                       (report_id, finding, decision, note, key_id, agency, record.created_at))
        return record

    def latest_decisions(self, report_id: str) -> dict[int, DecisionRecord]:
        """The decision in effect on each decided finding of a report (the latest recorded)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM decisions WHERE report_id=? ORDER BY finding, id", (report_id,)).fetchall()
        return {r["finding"]: _record(r) for r in rows}  # later rows of a finding overwrite earlier ones

    def decision_feedback(self, decisions: tuple[str, ...], since: str | None = None, limit: int = 100,
                          offset: int = 0) -> list[FeedbackRow]:
        """Decisions in effect of the given kinds, newest first, each with its report's body."""
        marks = ",".join("?" * len(decisions))
        where, args = [f"d.decision IN ({marks})"], [*decisions]
        if since is not None:
            where.append("d.created_at >= ?")
            args.append(since)
        # Only the latest decision per finding counts (a false alarm later marked fixed is no false alarm).
        sql = (f"SELECT d.*, r.agency AS report_agency, r.body FROM decisions d JOIN reports r ON r.id = d.report_id "
               f"WHERE {' AND '.join(where)} AND d.id = (SELECT MAX(e.id) FROM decisions e "
               "WHERE e.report_id = d.report_id AND e.finding = d.finding) "
               "ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?")
        with self._lock:
            rows = self._db.execute(sql, [*args, limit, offset]).fetchall()
        return [FeedbackRow(_record(r), r["report_agency"], json.loads(r["body"])) for r in rows]


def _record(row: Any) -> DecisionRecord:
    return DecisionRecord(row["report_id"], row["finding"], row["decision"], row["note"], row["key_id"],
                          row["agency"], row["created_at"])
