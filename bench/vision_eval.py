"""The vision development set: mission attribution precision and recall, tensions found, false tensions.

Loads the sample corpus (``samples/positions.jsonl``: the 35 Asta Cita commitments and the sample
positions) into a fresh service core in this process, then

- **attribution** (``bench/vision/sentences.jsonl``, each sentence with the commitments it advances or
  none): precision and recall of the commitments the service attributes (:func:`service.vision.report.
  attribute`), at commitment and at mission level; with ``--paragraphs`` the missions are loaded as the
  eight published paragraphs (``bench/vision/missions_paragraphs.jsonl``) instead, scored at mission level;
- **tension** (``bench/vision/drafts.jsonl``): every draft checked as the service checks it; a planted
  tension is FOUND when a ``vision`` conflict overlaps its span; FALSE TENSIONS are ``vision`` conflicts
  on clean drafts (or outside the span);
- ``--grid`` prints attribution precision and recall over the cosine bars, to choose them
  (:mod:`service.judge.policy`); thresholds are chosen on this set, which is a development set.

    python -m bench.vision_eval [--data DIR] [--paragraphs] [--grid] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bench.press_eval import read_jsonl
from service.bootstrap import build_selaras
from service.config import Settings
from service.domain import PositionIn
from service.judge.policy import VISION_FLOOR, VISION_MAX_SPREAD
from service.vision.index import VisionMatch, match
from service.vision.report import VisionThresholds, attribute

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "vision"
ON = date(2026, 11, 30)


def mission(commitment: str) -> str:
    """``asta-cita-2`` of ``asta-cita-2/pangan``."""
    return commitment.split("/", 1)[0]


def precision_recall(gold: list[set[str]], predicted: list[set[str]]) -> dict[str, float]:
    """Micro precision, recall and F1 of predicted label sets against gold ones."""
    tp = sum(len(g & p) for g, p in zip(gold, predicted))
    n_pred, n_gold = sum(map(len, predicted)), sum(map(len, gold))
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "predicted": n_pred, "gold": n_gold}


def attribution(rows: list[dict[str, Any]], matches: list[list[VisionMatch]], bars: VisionThresholds,
                level: str) -> dict[str, float]:
    """Precision and recall of the attributed commitments (``level`` "commitment") or missions."""
    def at(labels: list[str]) -> set[str]:
        return {mission(x) if level == "mission" else x for x in labels}
    predicted = [at([m.ref.commitment for m in attribute(r["text"], row, bars)]) for r, row in zip(rows, matches)]
    return precision_recall([at(r["commitments"]) for r in rows], predicted)


def span_overlaps(text: str, span: str, start: int, end: int) -> bool:
    """The finding [start, end) overlaps the planted span's characters in ``text``."""
    lo = text.find(span)
    return lo >= 0 and start < lo + len(span) and lo < end


def tensions(checker: Any, drafts: list[dict[str, Any]]) -> dict[str, Any]:
    """Planted tensions found by kind, false tensions, and conflicting-by-vision clean drafts."""
    found: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    false_on_clean, clean_flagged, stray, missed = 0, 0, 0, []
    for d in drafts:
        report = checker.check_sync(d["text"], agency="Pengujian", on=ON)
        vision = [f for f in report.findings if "vision" in f.kinds]
        for t in d["tensions"]:
            planted[t["kind"]] += 1
            if any(span_overlaps(d["text"], t["span"], f.start, f.end) for f in vision):
                found[t["kind"]] += 1
            else:
                missed.append(f"{d['id']} [{t['kind']}] {t['span']}")
        outside = [f for f in vision if not any(span_overlaps(d["text"], t["span"], f.start, f.end)
                                                for t in d["tensions"])]
        if not d["tensions"]:
            false_on_clean += len(outside)
            clean_flagged += bool(outside)
        else:
            stray += len(outside)
        for f in outside:
            missed.append(f"FALSE {d['id']}: {f.sentence} — {f.reasons[0]}")
    clean = sum(not d["tensions"] for d in drafts)
    return {"by_kind": {k: [found[k], planted[k]] for k in sorted(planted)},
            "kinds_found": sum(found[k] > 0 for k in planted), "kinds": len(planted),
            "found": sum(found.values()), "planted": sum(planted.values()),
            "clean_drafts": clean, "clean_flagged": clean_flagged,
            "clean_flagged_pct": round(100 * clean_flagged / clean, 1) if clean else 0.0,
            "false_tensions_on_clean": false_on_clean, "stray_on_tension_drafts": stray, "details": missed}


def main(argv: list[str] | None = None) -> int:
    """Print the attribution and tension figures (``--json``: as one JSON object)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--paragraphs", action="store_true", help="load the missions as published paragraphs")
    ap.add_argument("--grid", action="store_true", help="attribution over a grid of cosine bars")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--data", type=Path, default=DATA, help="a set in the format of bench/vision (sentences.jsonl, "
                                                             "drafts.jsonl)")
    args = ap.parse_args(argv)

    positions = [p for p in read_jsonl(ROOT / "samples" / "positions.jsonl")
                 if not (args.paragraphs and p["kind"] == "vision")]
    if args.paragraphs:
        positions += read_jsonl(DATA / "missions_paragraphs.jsonl")
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="selaras-vision-")) / "data",
                        cache_dir=ROOT / ".cache")
    selaras = build_selaras(settings)
    selaras.corpus.upsert_positions([PositionIn(**p) for p in positions])
    checker = selaras.checker
    snapshot = checker.corpus.snapshot()
    table = checker.vision.table(p for p in snapshot.positions.values() if p.in_effect(ON))

    rows = read_jsonl(args.data / "sentences.jsonl")
    texts = [r["text"] for r in rows]
    # A development set's own sentences are exemplars (bench/build_exemplars.py): they do not vote on it.
    matches = match(table, texts, selaras.encoder.encode_blocking(texts), VISION_FLOOR, limit=5,
                    max_spread=VISION_MAX_SPREAD, leave_out=args.data.resolve().name)
    bars = VisionThresholds()
    out: dict[str, Any] = {"sentences": len(rows), "form": "paragraphs" if args.paragraphs else "commitments",
                           "mission": attribution(rows, matches, bars, "mission")}
    if not args.paragraphs:
        out["commitment"] = attribution(rows, matches, bars, "commitment")
    if args.grid:
        out["grid"] = [{"dense": d, "lexical": lx, **attribution(rows, matches, replace(bars, dense=d, lexical=lx),
                                                                   "mission")}
                       for d in (0.03, 0.035, 0.04, 0.045, 0.05, 0.06) for lx in (0.0, 0.005, 0.01, 0.015, 0.02)]
    out["tension"] = tensions(checker, read_jsonl(args.data / "drafts.jsonl"))
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"vision set: {len(rows)} sentences, missions as {out['form']}")
    for level in ("commitment", "mission"):
        if level in out:
            m = out[level]
            print(f"  {level:<10} precision {m['precision']:.3f}  recall {m['recall']:.3f}  f1 {m['f1']:.3f}"
                  f"  ({m['predicted']} attributed, {m['gold']} labelled)")
    for g in out.get("grid", []):
        print(f"  grid dense {g['dense']:.3f} lexical {g['lexical']:.3f}: precision {g['precision']:.3f} "
              f"recall {g['recall']:.3f} f1 {g['f1']:.3f}")
    t = out["tension"]
    print(f"tensions found {t['found']} / {t['planted']} ({t['kinds_found']} of {t['kinds']} kinds); "
          f"clean drafts with a false tension {t['clean_flagged']} / {t['clean_drafts']} ({t['clean_flagged_pct']} %); "
          f"stray tensions on tension drafts {t['stray_on_tension_drafts']}")
    for kind, (f, n) in t["by_kind"].items():
        print(f"  {kind:<20} {f} / {n}")
    for line in t["details"]:
        print("  -", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
