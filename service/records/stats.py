"""The queries behind the communication office's overview (``GET /v1/stats``, ``/curator/overview``).

Two reads, both bounded whatever the records hold:

- :meth:`Stats.weekly_counts`: checks, verdicts, conflicts and decided conflicts per week, agency and
  verdict, as one SQL aggregate (the rows are at most weeks x agencies x 3 verdicts);
- :meth:`Stats.report_bodies`: the newest stored report bodies of the window, at most ``limit`` of them,
  for what only the bodies say (conflict kinds, the positions contradicted, the missions carried).

Written with SQLAlchemy Core like the other records modules, and kept to what SQLite and PostgreSQL both
run the same way (CASE, a derived table, LEFT JOIN, GROUP BY; no date or JSON functions): times are
compared as the ISO-8601 UTC text :func:`~service.records.db.utcnow` stores, and the weeks are given as
bounds, so the week a report falls in is decided by the caller's calendar (Asia/Jakarta).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

from sqlalchemy import Integer, and_, case, func, literal, select

from service.records.db import Database
from service.records.schema import decisions, reports


@dataclass(frozen=True)
class WeekCount:
    """Reports of one agency with one verdict in one week of the window."""

    week: int  # index of the week in the window (0 = the first)
    agency: str | None
    verdict: str
    reports: int
    conflicts: int  # conflicting findings
    decided: int  # conflicting findings with a decision recorded


def _in_window(since: str, until: str, agency: str | None) -> Any:
    """Reports made in ``[since, until)`` (UTC, stored format), of ``agency`` if given."""
    clause = and_(reports.c.created_at >= since, reports.c.created_at < until)
    return clause if agency is None else and_(clause, reports.c.agency == agency)


class Stats(Database):
    """The overview part of :class:`service.records.Records`."""

    def weekly_counts(self, bounds: Sequence[str], agency: str | None = None) -> list[WeekCount]:
        """Counts per week, agency and verdict for the weeks ``bounds`` delimits.

        ``bounds``: n + 1 UTC times in :func:`~service.records.db.normalise_time`'s format, ascending;
        week i is ``[bounds[i], bounds[i + 1])``.
        """
        if len(bounds) < 2:
            raise ValueError("weekly_counts needs at least two bounds (one week)")
        start, end = bounds[0], bounds[-1]
        last = literal(len(bounds) - 2, Integer)
        week = case(*[(reports.c.created_at < bound, literal(i, Integer)) for i, bound in enumerate(bounds[1:-1])],
                    else_=last) if len(bounds) > 2 else last
        # Distinct decided findings per report of the window (a finding decided twice is decided once).
        decided = (select(decisions.c.report_id, func.count(decisions.c.finding.distinct()).label("decided"))
                   .where(decisions.c.report_id.in_(select(reports.c.id).where(_in_window(start, end, None))))
                   .group_by(decisions.c.report_id).subquery("d"))
        rows = (select(week.label("week"), reports.c.agency.label("agency"), reports.c.verdict.label("verdict"),
                       func.coalesce(reports.c.conflicts, 0).label("conflicts"),
                       func.coalesce(decided.c.decided, 0).label("decided"))
                .select_from(reports.outerjoin(decided, decided.c.report_id == reports.c.id))
                .where(_in_window(start, end, agency)).subquery("w"))
        query = (select(rows.c.week, rows.c.agency, rows.c.verdict, func.count().label("reports"),
                        func.sum(rows.c.conflicts).label("conflicts"), func.sum(rows.c.decided).label("decided"))
                 .group_by(rows.c.week, rows.c.agency, rows.c.verdict)
                 .order_by(rows.c.week, rows.c.agency, rows.c.verdict))
        with self._read() as db:
            found = db.execute(query).all()
        return [WeekCount(int(r.week), r.agency, r.verdict, int(r.reports), int(r.conflicts or 0),
                          int(r.decided or 0)) for r in found]

    def report_bodies(self, since: str, until: str, agency: str | None = None,
                      limit: int = 1000) -> list[dict[str, Any]]:
        """The bodies of the newest ``limit`` reports made in ``[since, until)`` (UTC, stored format)."""
        query = (select(reports.c.body).where(_in_window(since, until, agency))
                 .order_by(reports.c.created_at.desc(), reports.c.id).limit(limit))
        with self._read() as db:
            return [json.loads(body) for body in db.execute(query).scalars()]
