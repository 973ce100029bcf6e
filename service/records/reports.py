"""Check reports as stored (the JSON body GET /v1/reports/{id} returns) and the key each was made for."""

from __future__ import annotations

import json
from contextvars import ContextVar
from typing import Any

from sqlalchemy import delete, exists, func, or_, select

from service.records.db import Database
from service.records.engine import insert
from service.records.schema import decisions, report_missions, reports

# The API key on whose behalf reports are being made (set per request by the checks API; unset in the CLI).
# save_report stores it beside the report, so a review link dies with the key that made the report. A
# context variable reaches save_report through the checker, which runs it in a worker thread (anyio copies
# the context into the thread), without the checker having to carry the key.
REPORT_KEY: ContextVar[str | None] = ContextVar("selaras_report_key", default=None)


class Reports(Database):
    """The reports part of :class:`service.records.Records`."""

    def save_report(self, report: dict[str, Any], key_id: str | None = None) -> None:
        """Store a check report (its JSON body is what GET /v1/reports/{id} returns).

        ``key_id`` (default: :data:`REPORT_KEY`) is the API key the report was made for; it is kept
        beside the body, not in it.
        """
        values = {"id": report["id"], "agency": report.get("agency"), "verdict": report["verdict"],
                  "score": report["score"], "created_at": report["created_at"],
                  "body": json.dumps(report, ensure_ascii=False), "key_id": key_id or REPORT_KEY.get(),
                  "conflicts": int(report.get("counts", {}).get("conflicts", 0)),
                  "revision_of": (report.get("revision") or {}).get("of")}
        missions = _missions_of(report)
        with self._tx() as db:
            statement = insert(reports, db).values(values)
            db.execute(statement.on_conflict_do_update(
                index_elements=[reports.c.id], set_={name: statement.excluded[name] for name in values if name != "id"}))
            db.execute(delete(report_missions).where(report_missions.c.report_id == report["id"]))
            if missions:
                db.execute(report_missions.insert(), missions)

    def report_key_id(self, report_id: str) -> str | None:
        """The id of the API key a stored report was made for (None: made by the CLI, or before keys were kept)."""
        with self._read() as db:
            return db.execute(select(reports.c.key_id).where(reports.c.id == report_id)).scalar()

    def get_report(self, report_id: str) -> dict[str, Any] | None:
        """A stored report's body, or None."""
        with self._read() as db:
            body = db.execute(select(reports.c.body).where(reports.c.id == report_id)).scalar()
        return json.loads(body) if body is not None else None

    def list_reports(
        self, agency: str | None = None, verdict: str | None = None, since: str | None = None,
        limit: int = 50, offset: int = 0, open_only: bool = False, mission: str | None = None,
    ) -> list[dict[str, Any]]:
        """Report summaries, newest first; ``open_only``: those with a conflict nobody has decided on yet;
        ``mission``: those whose draft advances or pulls against that mission or commitment."""
        decided = (select(func.count(decisions.c.finding.distinct())).where(decisions.c.report_id == reports.c.id)
                   .scalar_subquery())
        query = select(reports.c.id, reports.c.agency, reports.c.verdict, reports.c.score, reports.c.created_at,
                       reports.c.conflicts, reports.c.revision_of, decided.label("decided"))
        if open_only:
            query = query.where(reports.c.conflicts > decided)
        if agency is not None:
            query = query.where(reports.c.agency == agency)
        if mission is not None:
            query = query.where(exists().where(report_missions.c.report_id == reports.c.id, or_(
                report_missions.c.mission == mission, report_missions.c.commitment == mission)))
        if verdict is not None:
            query = query.where(reports.c.verdict == verdict)
        if since is not None:
            query = query.where(reports.c.created_at >= since)
        query = query.order_by(reports.c.created_at.desc(), reports.c.id).limit(limit).offset(offset)
        with self._read() as db:
            return [dict(r) for r in db.execute(query).mappings()]


def _missions_of(report: dict[str, Any]) -> list[dict[str, str]]:
    """The ``report_missions`` rows of a report body: commitments advanced, then those pulled against."""
    rows = [{"report_id": report["id"], "mission": v.get("mission") or v["position_id"],
             "commitment": v.get("commitment") or v["position_id"], "relation": "advances"}
            for v in report.get("vision") or []]
    rows += [{"report_id": report["id"], "mission": t["link"]["mission"], "commitment": t["link"]["commitment"],
              "relation": "tension"} for t in report.get("vision_tensions") or []]
    return rows
