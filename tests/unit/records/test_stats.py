"""The overview's figures from real records (an SQLite file, then a PostgreSQL database): weeks in Jakarta time,
counts per agency and verdict, open findings after decisions, conflict kinds, contradicted positions and missions
from the bodies, the scan's bound, and the window's limits."""

from __future__ import annotations

from datetime import date

import pytest

from service.overview import MAX_WEEKS, WindowError, overview, window


def _report(report_id: str, created_at: str, agency: str | None, verdict: str, conflicts: list[tuple[str, list[str]]],
            vision: tuple[str, ...] = ()) -> dict:
    """A stored report body: one conflicting finding per (position, kinds), one supporting sentence, missions."""
    findings = [{"relation": "conflicts", "kinds": kinds, "sentence": "x", "start": 0, "end": 1,
                 "evidence": [{"position_id": pid, "title": f"Judul {pid}", "agency": "Kementerian Keuangan"}]}
                for pid, kinds in conflicts]
    findings.append({"relation": "supports", "kinds": [], "evidence": [{"position_id": "p-ok", "title": "OK"}]})
    return {"id": report_id, "agency": agency, "verdict": verdict, "score": 40, "created_at": created_at,
            "counts": {"conflicts": len(conflicts)}, "findings": findings,
            "vision": [{"position_id": v, "title": f"Misi {v}", "sentences": ["a", "b"]} for v in vision]}


@pytest.fixture
def filled(records):
    """The records (SQLite, then PostgreSQL: tests/unit/records/conftest.py) with five reports and two decisions."""
    # Week of Monday 2026-03-02 (WIB) starts at 2026-03-01T17:00:00Z.
    records.save_report(_report("r-before", "2026-03-01T16:59:59+00:00", "Kemensos", "aligned", [], ("asta-4",)))
    records.save_report(_report("r1", "2026-03-01T17:00:00+00:00", "Kemensos", "conflict",
                                [("mbg", ["number"]), ("bbm", ["negation", "antonym"])], ("asta-4", "asta-2")))
    records.save_report(_report("r2", "2026-03-04T09:00:00+00:00", "Kemensos", "review", [("mbg", ["number"])]))
    records.save_report(_report("r3", "2026-03-05T09:00:00+00:00", "ESDM", "conflict", [("mbg", ["date"])], ("asta-4",)))
    records.save_report(_report("r-cli", "2026-03-10T09:00:00+00:00", None, "aligned", []))
    records.add_decision("r1", 0, "false_alarm", "", "k", "Kemensos")
    records.add_decision("r1", 0, "fixed", "", "k", "Kemensos")  # the same finding twice: decided once
    return records


def test_weeks_agencies_verdicts_and_open_findings(filled):
    figures = overview(filled, window(date(2026, 2, 23), date(2026, 3, 15), date(2026, 3, 15)))
    assert [w.week for w in figures.weeks] == ["2026-W09", "2026-W10", "2026-W11"]
    assert figures.since == "2026-02-23" and figures.until == "2026-03-15"
    before, this, after = figures.weeks
    # 16:59:59 UTC on Sunday is 23:59:59 WIB: still the week before; 17:00 UTC is Monday 00:00 WIB.
    assert (before.checks, before.verdicts.aligned) == (1, 1)
    assert (this.checks, this.verdicts.conflict, this.verdicts.review, this.conflicts, this.open) == (3, 2, 1, 4, 3)
    assert (after.checks, after.conflicts) == (1, 0)
    by_agency = {a.agency: a for a in figures.agencies}
    assert list(by_agency) == ["Kemensos", "ESDM", None]  # most checks first
    assert (by_agency["Kemensos"].checks, by_agency["Kemensos"].conflicts, by_agency["Kemensos"].open) == (3, 3, 2)
    assert (figures.totals.checks, figures.totals.conflicts, figures.totals.open) == (5, 4, 3)


def test_kinds_positions_and_missions_come_from_the_bodies(filled):
    figures = overview(filled, window(date(2026, 3, 2), date(2026, 3, 8), date(2026, 3, 8)))
    assert [(k.kind, k.conflicts) for k in figures.conflict_kinds] == [
        ("number", 2), ("antonym", 1), ("date", 1), ("negation", 1)]
    assert [(p.position_id, p.conflicts, p.reports, p.title) for p in figures.contradicted] == [
        ("mbg", 3, 3, "Judul mbg"), ("bbm", 1, 1, "Judul bbm")]
    assert [(m.position_id, m.reports, m.sentences) for m in figures.missions] == [("asta-4", 2, 4), ("asta-2", 1, 2)]
    assert figures.scanned == 3 and figures.complete


def test_one_agency_only(filled):
    figures = overview(filled, window(date(2026, 3, 2), date(2026, 3, 8), date(2026, 3, 8)), agency="ESDM")
    assert figures.totals.checks == 1 and [a.agency for a in figures.agencies] == ["ESDM"]
    assert [p.position_id for p in figures.contradicted] == ["mbg"] and figures.agency == "ESDM"


def test_the_scan_is_bounded_and_says_so(filled, monkeypatch):
    monkeypatch.setattr("service.overview.MAX_SCANNED_REPORTS", 2)
    figures = overview(filled, window(date(2026, 3, 2), date(2026, 3, 8), date(2026, 3, 8)))
    assert figures.totals.checks == 3  # the aggregate counts every report
    assert figures.scanned == 2 and not figures.complete  # the bodies: the newest two only (r3, r2)
    assert [(p.position_id, p.conflicts) for p in figures.contradicted] == [("mbg", 2)]


def test_window_defaults_and_limits():
    span = window(None, None, date(2026, 3, 4))
    assert len(span.mondays) == 12 and span.mondays[-1] == date(2026, 3, 2)
    assert len(window(date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 1)).mondays) == 53
    for since, until, message in ((date(2026, 3, 2), date(2026, 3, 1), "stats.since_after_until"),
                                  (date(2024, 1, 1), date(2026, 1, 1), "stats.too_long"),
                                  (date(1999, 1, 1), date(1999, 2, 1), "stats.out_of_range"),
                                  (date(2026, 1, 1), date(9999, 12, 31), "stats.out_of_range")):
        with pytest.raises(WindowError) as caught:
            window(since, until, date(2026, 3, 4))
        assert caught.value.message_id == message
    assert MAX_WEEKS == 53


def test_weekly_counts_needs_a_week(filled):
    with pytest.raises(ValueError):
        filled.weekly_counts(["2026-03-01T17:00:00+00:00"])
