"""The communication office's overview: checks, verdicts, conflicts by kind, missions carried, the most
contradicted positions and open findings, by agency and by week.

Weeks are ISO weeks in Jakarta time (WIB, UTC+7, no daylight saving): Monday 00:00 WIB to the next. A window
is at most :data:`MAX_WEEKS` weeks, between :data:`EARLIEST` and :data:`LATEST`. The counts per week and agency
come from one SQL aggregate (:meth:`service.records.Stats.weekly_counts`); conflict kinds, positions and
missions from the bodies of at most :data:`MAX_SCANNED_REPORTS` reports, the newest of the window
(``scanned`` and ``complete`` say whether that was all of them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Iterable

from pydantic import BaseModel, Field

from service.domain import ConflictKind, ConflictKindName, Relation, Verdict
from service.records import Records, WeekCount, normalise_time

JAKARTA = timezone(timedelta(hours=7), "WIB")
MAX_WEEKS = 53
DEFAULT_WEEKS = 12
EARLIEST = date(2000, 1, 3)  # a Monday: no report of this service is older
LATEST = date(2100, 12, 31)
MAX_SCANNED_REPORTS = 2000
TOP = 10  # positions and missions listed


class WindowError(ValueError):
    """A window the overview will not compute; ``message_id`` and ``params`` say why (catalogue)."""

    def __init__(self, message_id: str, **params: str | int) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params


@dataclass(frozen=True)
class Window:
    """The weeks an overview covers: their Mondays (Jakarta dates), and the day asked for last."""

    mondays: tuple[date, ...]
    since: date
    until: date

    def bounds(self) -> list[str]:
        """Each week's start and the last week's end as UTC times in the records' format."""
        days = [*self.mondays, self.mondays[-1] + timedelta(days=7)]
        return [normalise_time(datetime.combine(d, time(), JAKARTA)) or "" for d in days]


def window(since: date | None, until: date | None, today: date) -> Window:
    """The weeks from ``since``'s week to ``until``'s (default: the :data:`DEFAULT_WEEKS` weeks to ``today``)."""
    until = until or today
    since = since or _monday(until) - timedelta(weeks=DEFAULT_WEEKS - 1)
    for name, day in (("since", since), ("until", until)):
        if not EARLIEST <= day <= LATEST:
            raise WindowError("stats.out_of_range", field=name, earliest=EARLIEST.isoformat(),
                              latest=LATEST.isoformat())
    if since > until:
        raise WindowError("stats.since_after_until", since=since.isoformat(), until=until.isoformat())
    first, last = _monday(since), _monday(until)
    weeks = (last - first).days // 7 + 1
    if weeks > MAX_WEEKS:
        raise WindowError("stats.too_long", weeks=weeks, most=MAX_WEEKS)
    return Window(tuple(first + timedelta(weeks=i) for i in range(weeks)), since, until)


def today_in_jakarta() -> date:
    """The date now in Jakarta."""
    return datetime.now(JAKARTA).date()


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class Verdicts(BaseModel):
    """Reports by verdict."""

    aligned: int = 0
    review: int = 0
    conflict: int = 0


class Figures(BaseModel):
    """Checks, their verdicts, conflicting findings and those still without a decision."""

    checks: int = 0
    verdicts: Verdicts = Field(default_factory=Verdicts)
    conflicts: int = Field(0, description="Conflicting findings.")
    open: int = Field(0, description="Conflicting findings no decision was recorded on yet.")

    def add(self, row: WeekCount) -> None:
        """Count one aggregate row in."""
        self.checks += row.reports
        if row.verdict in Verdicts.model_fields:
            setattr(self.verdicts, row.verdict, getattr(self.verdicts, row.verdict) + row.reports)
        self.conflicts += row.conflicts
        self.open += max(row.conflicts - row.decided, 0)


class WeekFigures(Figures):
    """One ISO week (Monday to Sunday, Jakarta time)."""

    week: str = Field(description="ISO week, e.g. 2026-W10.", examples=["2026-W10"])
    start: str = Field(description="Its Monday (ISO date).", examples=["2026-03-02"])


class AgencyFigures(Figures):
    """One agency over the whole window (null: reports made without an agency, e.g. by the CLI)."""

    agency: str | None


class KindCount(BaseModel):
    """Conflicting findings of one kind (a finding may be of several)."""

    kind: ConflictKindName
    conflicts: int


class PositionCount(BaseModel):
    """A reference position drafts contradicted."""

    position_id: str
    title: str
    agency: str
    conflicts: int = Field(description="Conflicting findings whose closest reference it is.")
    reports: int = Field(description="Reports with such a finding.")


class MissionCount(BaseModel):
    """A vision text (e.g. an Asta Cita mission) drafts carried."""

    position_id: str
    title: str
    reports: int = Field(description="Reports that carry it.")
    sentences: int = Field(description="Draft sentences that advance it.")


class Overview(BaseModel):
    """The overview's figures for a window (and one agency, if asked)."""

    since: str = Field(description="The Monday of the first week (ISO date).")
    until: str = Field(description="The Sunday of the last week (ISO date).")
    agency: str | None
    timezone: str = Field("Asia/Jakarta", description="Weeks run Monday 00:00 to Monday 00:00 in this zone.")
    totals: Figures
    weeks: list[WeekFigures] = Field(description="Every week of the window, oldest first (empty weeks too).")
    agencies: list[AgencyFigures] = Field(description="Agencies with checks in the window, most checks first.")
    conflict_kinds: list[KindCount] = Field(description="Conflicting findings by kind, most first (scanned reports).")
    contradicted: list[PositionCount] = Field(description=f"The {TOP} positions most contradicted (scanned reports).")
    missions: list[MissionCount] = Field(description=f"The {TOP} missions most carried (scanned reports).")
    scanned: int = Field(description="Report bodies read for kinds, positions and missions (the newest of the "
                                     f"window, at most {MAX_SCANNED_REPORTS}).")
    complete: bool = Field(description="True when every report of the window was scanned.")


def overview(records: Records, span: Window, agency: str | None = None) -> Overview:
    """The figures of ``span`` (and ``agency``) from the records: one aggregate and one bounded scan."""
    bounds = span.bounds()
    rows = records.weekly_counts(bounds, agency)
    bodies = records.report_bodies(bounds[0], bounds[-1], agency, MAX_SCANNED_REPORTS)
    weeks = [WeekFigures(week=_iso_week(m), start=m.isoformat()) for m in span.mondays]
    by_agency: dict[str | None, AgencyFigures] = {}
    totals = Figures()
    for row in rows:
        weeks[row.week].add(row)
        by_agency.setdefault(row.agency, AgencyFigures(agency=row.agency)).add(row)
        totals.add(row)
    agencies = sorted(by_agency.values(), key=lambda a: (-a.checks, a.agency is None, a.agency or ""))
    kinds, contradicted, missions = _from_bodies(bodies)
    return Overview(since=span.mondays[0].isoformat(), until=(span.mondays[-1] + timedelta(days=6)).isoformat(),
                    agency=agency, totals=totals, weeks=weeks, agencies=agencies, conflict_kinds=kinds,
                    contradicted=contradicted, missions=missions, scanned=len(bodies),
                    complete=len(bodies) >= totals.checks)


def _iso_week(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _from_bodies(bodies: Iterable[dict[str, Any]]) -> tuple[list[KindCount], list[PositionCount], list[MissionCount]]:
    """Conflict kinds, contradicted positions and carried missions, read from stored report bodies."""
    kinds: Counter[str] = Counter()
    conflicts: Counter[str] = Counter()
    conflict_reports: defaultdict[str, set[str]] = defaultdict(set)
    carried: Counter[str] = Counter()
    sentences: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for body in bodies:
        report_id = str(body.get("id", ""))
        for finding in body.get("findings") or []:
            if finding.get("relation") != Relation.CONFLICTS:
                continue
            kinds.update(k for k in finding.get("kinds") or [] if k in ConflictKind.__members__.values())
            evidence = (finding.get("evidence") or [None])[0]
            if isinstance(evidence, dict) and evidence.get("position_id"):
                pid = str(evidence["position_id"])
                names.setdefault(pid, (str(evidence.get("title", "")), str(evidence.get("agency", ""))))
                conflicts[pid] += 1
                conflict_reports[pid].add(report_id)
        for item in body.get("vision") or []:
            pid = str(item.get("position_id", ""))
            names.setdefault(pid, (str(item.get("title", "")), ""))
            carried[pid] += 1
            sentences[pid] += len(item.get("sentences") or [])
    return (
        [KindCount(kind=k, conflicts=n) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))],
        [PositionCount(position_id=p, title=names[p][0], agency=names[p][1], conflicts=n,
                       reports=len(conflict_reports[p])) for p, n in _top(conflicts)],
        [MissionCount(position_id=p, title=names[p][0], reports=n, sentences=sentences[p]) for p, n in _top(carried)],
    )


def _top(counts: Counter[str]) -> list[tuple[str, int]]:
    """The :data:`TOP` largest counts, ties by id (so the order never depends on the scan's)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]


VERDICT_ORDER = (Verdict.ALIGNED, Verdict.REVIEW, Verdict.CONFLICT)
