"""Decisions in the records: a log per finding whose latest entry counts, "open" reports, the feedback
query, and a records file made before decisions existing upgrading when opened."""

from __future__ import annotations

import json
import sqlite3

from service.records import Records


def _report(report_id: str, conflicts: int, agency: str = "A") -> dict:
    return {"id": report_id, "agency": agency, "verdict": "conflict" if conflicts else "aligned", "score": 40,
            "created_at": f"2026-01-0{len(report_id)}T00:00:00+00:00", "counts": {"conflicts": conflicts},
            "findings": []}


def test_latest_decision_counts_and_open_reports(records):
    records.save_report(_report("r1", 2))
    records.save_report(_report("r22", 0))
    assert [r["id"] for r in records.list_reports(open_only=True)] == ["r1"]
    records.add_decision("r1", 0, "false_alarm", "", "k1", "A")
    records.add_decision("r1", 0, "fixed", "sudah", "k2", "B")
    assert records.latest_decisions("r1")[0].decision == "fixed"
    assert [r["id"] for r in records.list_reports(open_only=True)] == ["r1"]  # finding 1 still undecided
    records.add_decision("r1", 1, "accepted", "", "k1", "A")
    assert records.list_reports(open_only=True) == []
    # Feedback: only decisions in effect, of the kinds asked for.
    feedback = records.decision_feedback(("false_alarm", "accepted"))
    assert [(f.decision.finding, f.decision.decision) for f in feedback] == [(1, "accepted")]


def test_a_records_file_from_before_decisions_upgrades_when_opened(tmp_path):
    path = tmp_path / "records.db"
    Records(path).close()
    with sqlite3.connect(path) as db:  # the file as the previous release left it
        db.execute("DROP TABLE decisions")
        db.execute("DROP INDEX IF EXISTS reports_by_agency")
        for column in ("revision_of", "conflicts"):
            db.execute(f"ALTER TABLE reports DROP COLUMN {column}")
        body = _report("old", 3)
        db.execute("INSERT INTO reports (id, agency, verdict, score, created_at, body) VALUES (?,?,?,?,?,?)",
                   ("old", "A", "conflict", 40, body["created_at"], json.dumps(body)))
    records = Records(path)
    assert [r["id"] for r in records.list_reports(open_only=True)] == ["old"]
    assert records.list_reports()[0]["conflicts"] == 3
    records.add_decision("old", 0, "fixed", "", None, None)
    assert records.latest_decisions("old")[0].decision == "fixed"
