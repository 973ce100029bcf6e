"""Measure service.judge.signals as a contradiction detector on IndoNLI.

Reference = premise, draft = hypothesis.  For each signal kind (and sub-rule) prints how
many pairs it fires on and the fraction of those whose gold label is "c" (precision),
plus the false-alarm rate on "e" pairs and the recall on "c" pairs, as JSON.

IndoNLI (Mahendra et al., EMNLP 2021; CC BY-SA 4.0) is read from ../shared/data and
never copied into the repository.

Usage:
    python bench/signals_on_indonli.py [--splits train val test_lay] [--data DIR]
        [--examples KIND] [--timing]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.judge import signals  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indonli"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _stats(labels: Counter) -> dict:
    n = sum(labels.values())
    return {
        "fires": n,
        "precision_c": round(labels["c"] / n, 3) if n else None,
        # share of firings on pairs the reference does not entail (c or n): a drafted
        # sentence that is merely "neutral" to its reference still deserves a look.
        "precision_not_e": round((labels["c"] + labels["n"]) / n, 3) if n else None,
        "labels": dict(labels),
    }


def evaluate(rows: list[dict], examples_kind: str | None = None, max_examples: int = 40) -> dict:
    by_kind: dict[str, Counter] = defaultdict(Counter)
    by_rule: dict[str, Counter] = defaultdict(Counter)
    any_fire: Counter = Counter()
    gold = Counter(r["label"] for r in rows)
    examples: list[dict] = []
    for r in rows:
        clashes = signals.find_clashes(r["premise"], r["hypothesis"])
        if clashes:
            any_fire[r["label"]] += 1
        for kind in {c.kind for c in clashes}:
            by_kind[kind][r["label"]] += 1
        for rule in {c.rule for c in clashes}:
            by_rule[rule][r["label"]] += 1
        if examples_kind and len(examples) < max_examples:
            for c in clashes:
                if c.kind == examples_kind or c.rule == examples_kind:
                    if r["label"] != "c":
                        examples.append({"label": r["label"], "premise": r["premise"][:300],
                                         "hypothesis": r["hypothesis"], "reason": c.reason})
                    break
    out = {
        "pairs": len(rows),
        "gold": dict(gold),
        "any_signal": _stats(any_fire),
        "false_alarm_rate_on_e": round(any_fire["e"] / gold["e"], 4) if gold["e"] else None,
        "recall_on_c": round(any_fire["c"] / gold["c"], 4) if gold["c"] else None,
        "by_kind": {k: _stats(v) for k, v in sorted(by_kind.items())},
        "by_rule": {k: _stats(v) for k, v in sorted(by_rule.items())},
    }
    if examples_kind:
        out["non_c_examples"] = examples
    return out


def timing(rows: list[dict], n: int = 2000) -> dict:
    """Per-pair latency of find_clashes, cold (caches cleared) and warm (reference cached)."""
    sample = rows[:n]
    cold: list[float] = []
    for r in sample:
        signals._analyse.cache_clear()
        signals._extract_quantities_cached.cache_clear()
        signals._extract_dates_cached.cache_clear()
        t0 = time.perf_counter()
        signals.find_clashes(r["premise"], r["hypothesis"])
        cold.append((time.perf_counter() - t0) * 1e3)
    warm: list[float] = []
    for r in sample:
        signals._analyse(r["premise"])
        t0 = time.perf_counter()
        signals.find_clashes(r["premise"], r["hypothesis"] + " ")  # draft uncached
        warm.append((time.perf_counter() - t0) * 1e3)

    def summary(xs: list[float]) -> dict:
        xs = sorted(xs)
        return {"mean_ms": round(statistics.fmean(xs), 4), "p50_ms": round(xs[len(xs) // 2], 4),
                "p99_ms": round(xs[int(len(xs) * 0.99)], 4)}

    return {"pairs": len(sample), "cold_both_texts": summary(cold), "reference_cached": summary(warm)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--splits", nargs="+", default=["train", "val", "test_lay"])
    ap.add_argument("--examples", help="kind or rule whose non-c firings to print")
    ap.add_argument("--timing", action="store_true", help="also measure latency")
    args = ap.parse_args()
    result: dict = {}
    for split in args.splits:
        rows = load(args.data / f"{split}.jsonl")
        result[split] = evaluate(rows, args.examples)
    if args.timing:
        result["timing"] = timing(load(args.data / f"{args.splits[0]}.jsonl"))
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
