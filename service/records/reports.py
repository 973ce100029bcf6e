"""Check reports as stored (the JSON body GET /v1/reports/{id} returns) and the key each was made for."""

from __future__ import annotations

import json
from contextvars import ContextVar
from typing import Any

from service.records.db import Database

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
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO reports (id, agency, verdict, score, created_at, body, key_id, conflicts, "
                "revision_of) VALUES (?,?,?,?,?,?,?,?,?)",
                (report["id"], report.get("agency"), report["verdict"], report["score"],
                 report["created_at"], json.dumps(report, ensure_ascii=False), key_id or REPORT_KEY.get(),
                 int(report.get("counts", {}).get("conflicts", 0)), (report.get("revision") or {}).get("of")),
            )

    def report_key_id(self, report_id: str) -> str | None:
        """The id of the API key a stored report was made for (None: made by the CLI, or before keys were kept)."""
        with self._lock:
            row = self._db.execute("SELECT key_id FROM reports WHERE id=?", (report_id,)).fetchone()
        return row["key_id"] if row else None

    def get_report(self, report_id: str) -> dict[str, Any] | None:
        """A stored report's body, or None."""
        with self._lock:
            row = self._db.execute("SELECT body FROM reports WHERE id=?", (report_id,)).fetchone()
        return json.loads(row["body"]) if row else None

    def list_reports(
        self, agency: str | None = None, verdict: str | None = None, since: str | None = None,
        limit: int = 50, offset: int = 0, open_only: bool = False,
    ) -> list[dict[str, Any]]:
        """Report summaries, newest first; ``open_only``: those with a conflict nobody has decided on yet."""
        where, args = [], []
        if open_only:
            where.append("conflicts > (SELECT COUNT(DISTINCT d.finding) FROM decisions d "
                         "WHERE d.report_id = reports.id)")
        if agency is not None:
            where.append("agency=?")
            args.append(agency)
        if verdict is not None:
            where.append("verdict=?")
            args.append(verdict)
        if since is not None:
            where.append("created_at>=?")
            args.append(since)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            rows = self._db.execute(
                f"SELECT id, agency, verdict, score, created_at, conflicts, revision_of, (SELECT COUNT(DISTINCT "
                f"d.finding) FROM decisions d WHERE d.report_id = reports.id) AS decided FROM reports {clause} "
                "ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return [dict(r) for r in rows]
