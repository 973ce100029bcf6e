"""The press-statement development set: planted conflicts found, false alarms, ``aligned`` on conflicts.

Loads ``bench/press/positions.jsonl`` into a fresh service core built in this process (a
temporary data directory; the model from ``SELARAS_CACHE_DIR`` or the repository's ``.cache``),
checks every draft of ``bench/press/drafts.jsonl`` with ``check_sync(text, agency="Pengujian")``
and scores the reports (the set and its format: ``bench/press/README.md``):

- a planted conflict is FOUND when a finding with relation ``conflicts`` overlaps the planted
  span's characters in the draft and lists the expected position among its evidence; FOUND,
  WRONG POSITION when a conflicting finding overlaps the span but its evidence lacks that
  position (not counted as found);
- FALSE ALARMS: clean drafts with any conflicting finding, and conflicting findings on the
  conflicting drafts that overlap no planted span;
- ALIGNED ON CONFLICT: conflicting drafts whose verdict is ``aligned``; also counted, clean
  drafts whose verdict is ``conflict``.

Other ``SELARAS_*`` settings apply as in the service (``SELARAS_NLI=off`` scores the rules-only
judge). The scoring is in small pure functions (``plant_status``, ``stray_conflicts``,
``score_draft``, ``summarise``) tested in ``tests/unit/bench/test_press_eval.py``.

Usage:
    .venv/bin/python -m bench.press_eval [--data bench/press] [--json] [--limit N] [--on YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO / "bench" / "press"
AGENCY = "Pengujian"
KINDS = ("number", "money", "percent", "date", "time", "duration", "negation", "antonym",
         "institution", "scope", "crosslingual")
FOUND, WRONG_POSITION, MISSED = "found", "wrong_position", "missed"


# -- the data set ------------------------------------------------------------------------------
def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One JSON object per non-empty line."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_set(data_dir: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(positions, drafts)`` of a set directory."""
    return read_jsonl(data_dir / "positions.jsonl"), read_jsonl(data_dir / "drafts.jsonl")


def validate_set(positions: list[dict[str, Any]], drafts: list[dict[str, Any]]) -> list[str]:
    """Problems that make a set unscoreable (empty list: fine).

    Ids unique; every planted span occurs exactly once in its draft (so its place is unambiguous);
    every expected position exists; every kind is one of ``KINDS``.
    """
    problems: list[str] = []
    position_ids = [p.get("id") for p in positions]
    for pid, n in Counter(position_ids).items():
        if n > 1:
            problems.append(f"position id {pid!r} occurs {n} times")
    known = set(position_ids)
    for did, n in Counter(d.get("id") for d in drafts).items():
        if n > 1:
            problems.append(f"draft id {did!r} occurs {n} times")
    for d in drafts:
        text = d.get("text", "")
        for c in d.get("conflicts", []):
            where = f"{d.get('id')}: {c.get('span')!r}"
            if c.get("kind") not in KINDS:
                problems.append(f"{where}: unknown kind {c.get('kind')!r}")
            if c.get("position_id") not in known:
                problems.append(f"{where}: unknown position {c.get('position_id')!r}")
            count = text.count(c.get("span") or "\0")
            if count != 1:
                problems.append(f"{where}: span occurs {count} times in the text (must be once)")
    return problems


# -- scoring (pure) ------------------------------------------------------------------------------
def span_range(text: str, span: str) -> tuple[int, int]:
    """Character range ``[start, end)`` of ``span`` in ``text`` (ValueError when absent)."""
    start = text.index(span)
    return start, start + len(span)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open character ranges share a character."""
    return a[0] < b[1] and b[0] < a[1]


def finding_range(finding: dict[str, Any]) -> tuple[int, int]:
    """A finding's character range in the draft."""
    return int(finding["start"]), int(finding["end"])


def is_conflict(finding: dict[str, Any]) -> bool:
    """Whether the service reported this sentence as conflicting."""
    return finding.get("relation") == "conflicts"


def evidence_ids(finding: dict[str, Any]) -> list[str]:
    """Position ids a finding cites, best first."""
    return [e.get("position_id", "") for e in finding.get("evidence", [])]


def plant_status(text: str, plant: dict[str, Any],
                 findings: list[dict[str, Any]]) -> tuple[str, dict[str, Any] | None]:
    """``(status, finding)`` for one planted conflict.

    ``found``: a conflicting finding overlaps the span and cites the expected position (that
    finding is returned); ``wrong_position``: conflicting findings overlap the span but none cites
    it (the first is returned); ``missed``: no conflicting finding overlaps the span (the finding
    covering the span, if any, is returned: what the service said instead).
    """
    where = span_range(text, plant["span"])
    covering = [f for f in findings if overlaps(where, finding_range(f))]
    conflicting = [f for f in covering if is_conflict(f)]
    for f in conflicting:
        if plant["position_id"] in evidence_ids(f):
            return FOUND, f
    if conflicting:
        return WRONG_POSITION, conflicting[0]
    return MISSED, covering[0] if covering else None


def stray_conflicts(text: str, plants: list[dict[str, Any]],
                    findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflicting findings that overlap no planted span (on a clean draft: every conflict)."""
    ranges = [span_range(text, p["span"]) for p in plants]
    return [f for f in findings
            if is_conflict(f) and not any(overlaps(r, finding_range(f)) for r in ranges)]


def describe_finding(finding: dict[str, Any] | None) -> str:
    """What the service said for a sentence: relation, first reason, top evidence position."""
    if finding is None:
        return "no finding covers the span"
    reasons = finding.get("reasons") or []
    evidence = finding.get("evidence") or []
    top = (f"{evidence[0].get('position_id')} ({evidence[0].get('similarity')})" if evidence else "none")
    reason = reasons[0] if reasons else "-"
    return f"{finding.get('relation')}; reason: {reason}; top evidence: {top}"


def score_draft(draft: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    """One draft's outcome: each plant's status, the stray conflicts, the verdict."""
    text = draft["text"]
    findings = report.get("findings", [])
    plants = draft.get("conflicts", [])
    results = []
    for plant in plants:
        status, finding = plant_status(text, plant, findings)
        results.append({"kind": plant["kind"], "span": plant["span"], "position_id": plant["position_id"],
                        "status": status, "service": describe_finding(finding)})
    stray = stray_conflicts(text, plants, findings)
    return {
        "id": draft["id"], "language": draft.get("language"), "clean": not plants,
        "verdict": report.get("verdict"), "score": report.get("score"),
        "conflict_findings": sum(is_conflict(f) for f in findings),
        "plants": results,
        "stray": [{"sentence": f.get("sentence"), "service": describe_finding(f)} for f in stray],
    }


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def summarise(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals and the by-kind table over scored drafts."""
    clean = [s for s in scores if s["clean"]]
    conflicting = [s for s in scores if not s["clean"]]
    plants = [p for s in conflicting for p in s["plants"]]
    by_kind: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        mine = [p for p in plants if p["kind"] == kind]
        found = sum(p["status"] == FOUND for p in mine)
        by_kind[kind] = {"planted": len(mine), "found": found, "found_pct": _pct(found, len(mine)),
                         "wrong_position": sum(p["status"] == WRONG_POSITION for p in mine)}
    found = sum(p["status"] == FOUND for p in plants)
    clean_flagged = [s for s in clean if s["conflict_findings"]]
    aligned = [s for s in conflicting if s["verdict"] == "aligned"]
    return {
        "drafts": len(scores), "clean_drafts": len(clean), "conflicting_drafts": len(conflicting),
        "planted": len(plants), "found": found, "found_pct": _pct(found, len(plants)),
        "wrong_position": sum(p["status"] == WRONG_POSITION for p in plants),
        "missed": sum(p["status"] == MISSED for p in plants),
        "by_kind": by_kind,
        "clean_flagged": len(clean_flagged), "clean_flagged_pct": _pct(len(clean_flagged), len(clean)),
        "clean_conflict_findings": sum(s["conflict_findings"] for s in clean),
        "clean_verdict_conflict": sum(s["verdict"] == "conflict" for s in clean),
        "stray_conflicts_on_conflicting": sum(len(s["stray"]) for s in conflicting),
        "conflicting_aligned": len(aligned), "conflicting_aligned_ids": [s["id"] for s in aligned],
        "verdicts": {"clean": dict(Counter(s["verdict"] for s in clean)),
                     "conflicting": dict(Counter(s["verdict"] for s in conflicting))},
        "misses": [{"draft": s["id"], **p} for s in conflicting for p in s["plants"] if p["status"] != FOUND],
        "false_alarms": [{"draft": s["id"], "clean": s["clean"], **f} for s in scores for f in s["stray"]],
    }


def format_report(summary: dict[str, Any]) -> str:
    """The table by kind, the totals, the misses and the false alarms, as text."""
    lines = [f"{'kind':<13}{'planted':>8}{'found':>7}{'found %':>9}{'wrong pos':>11}"]
    for kind, row in summary["by_kind"].items():
        lines.append(f"{kind:<13}{row['planted']:>8}{row['found']:>7}{row['found_pct']:>9.1f}{row['wrong_position']:>11}")
    lines.append(f"{'total':<13}{summary['planted']:>8}{summary['found']:>7}{summary['found_pct']:>9.1f}"
                 f"{summary['wrong_position']:>11}")
    lines += [
        "",
        f"drafts: {summary['drafts']} ({summary['clean_drafts']} clean, {summary['conflicting_drafts']} conflicting)",
        f"planted conflicts found: {summary['found']} / {summary['planted']} ({summary['found_pct']:.1f} %), "
        f"wrong position {summary['wrong_position']}, missed {summary['missed']}",
        f"clean drafts flagged (any conflict): {summary['clean_flagged']} / {summary['clean_drafts']} "
        f"({summary['clean_flagged_pct']:.1f} %); conflicting findings on clean drafts: "
        f"{summary['clean_conflict_findings']}; clean drafts with verdict conflict: {summary['clean_verdict_conflict']}",
        f"conflicting findings on conflicting drafts matching no planted span: {summary['stray_conflicts_on_conflicting']}",
        f"conflicting drafts called aligned: {summary['conflicting_aligned']} / {summary['conflicting_drafts']}"
        + (f" ({', '.join(summary['conflicting_aligned_ids'])})" if summary["conflicting_aligned_ids"] else ""),
        f"verdicts: clean {summary['verdicts']['clean']}; conflicting {summary['verdicts']['conflicting']}",
    ]
    if summary["misses"]:
        lines += ["", "Misses (planted conflict not found with its position):"]
        for m in summary["misses"]:
            tag = "WRONG POSITION" if m["status"] == WRONG_POSITION else "missed"
            lines.append(f"- {m['draft']} [{m['kind']}, {tag}] expected {m['position_id']}: {m['span']!r}")
            lines.append(f"    service: {m['service']}")
    if summary["false_alarms"]:
        lines += ["", "False alarms (conflicting findings matching no planted span):"]
        for f in summary["false_alarms"]:
            lines.append(f"- {f['draft']} ({'clean' if f['clean'] else 'conflicting'}): {f['sentence']!r}")
            lines.append(f"    service: {f['service']}")
    return "\n".join(lines)


# -- running the service -------------------------------------------------------------------------
def run(positions: list[dict[str, Any]], drafts: list[dict[str, Any]], on: date,
        progress: bool = True) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Load the positions into a fresh in-process core, check and score every draft."""
    from service.bootstrap import build_selaras, close_selaras
    from service.config import Settings
    from service.domain import PositionIn

    cache = Path(os.environ.get("SELARAS_CACHE_DIR") or REPO / ".cache")
    scores: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="selaras-press-eval-") as tmp:
        started = time.perf_counter()
        selaras = build_selaras(Settings(data_dir=Path(tmp) / "data", cache_dir=cache))
        try:
            selaras.corpus.upsert_positions([PositionIn(**p) for p in positions])
            loaded = time.perf_counter()
            for i, draft in enumerate(drafts, 1):
                report = selaras.checker.check_sync(draft["text"], agency=AGENCY, on=on)
                scores.append(score_draft(draft, report.model_dump(mode="json")))
                if progress and (i % 10 == 0 or i == len(drafts)):
                    print(f"checked {i}/{len(drafts)}", file=sys.stderr)
            meta = {"judge": selaras.checker.judge.name, "model": selaras.encoder.model_name, "check_date": on.isoformat(),
                    "positions": len(positions), "passages": selaras.store.count(),
                    "load_s": round(loaded - started, 1), "check_s": round(time.perf_counter() - loaded, 1)}
        finally:
            close_selaras(selaras)
    return scores, meta


def main(argv: list[str] | None = None) -> int:
    """Check the set and print the table (or ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="directory with positions.jsonl and drafts.jsonl")
    parser.add_argument("--json", action="store_true", help="print a machine-readable summary")
    parser.add_argument("--limit", type=int, default=0, help="check only the first N drafts")
    parser.add_argument("--on", type=date.fromisoformat, default=date.today(),
                        help="check date (positions in effect on it count); default today")
    args = parser.parse_args(argv)

    positions, drafts = load_set(args.data)
    problems = validate_set(positions, drafts)
    if problems:
        print("the set is invalid:\n" + "\n".join(problems), file=sys.stderr)
        return 2
    if args.limit > 0:
        drafts = drafts[: args.limit]
    scores, meta = run(positions, drafts, args.on)
    summary = {**meta, **summarise(scores)}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"judge {meta['judge']}, model {meta['model']}; {meta['positions']} positions "
              f"({meta['passages']} passages), check date {meta['check_date']}; "
              f"load {meta['load_s']} s, checks {meta['check_s']} s")
        print(format_report(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
