"""The judge on realistic drafts: time per draft, pairs scored, planted conflicts found, false conflicts.

Loads IndoSum articles (real news; ../shared/data/indosum, never copied here) as positions into
a fresh embedded store, then checks drafts made of *held-out* articles, with a few sentences
of loaded articles whose number was changed planted in every other draft (bench/indosum.py).
For each draft the sentences are embedded and retrieved once, then judged twice on the same
candidates: by the rules-only judge and by the service's judge (rules + trained classifier).

Reported per judge: judge milliseconds per draft (p50 / p95 / mean, and per 25 sentences),
classifier pairs per draft, planted conflicts found, and conflicts on held-out sentences.
Those sentences have no counterpart in the corpus, so their conflicts are false alarms — an
upper bound, since two news articles can genuinely disagree; ``--examples`` prints some.

Usage:
    .venv/bin/python -m bench.judge_bench [--passages 2000] [--drafts 24] [--sentences 25] [--examples 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bench.indosum import DEFAULT_DATA, build_corpus
from service.domain import PositionIn
from service.bootstrap import build_selaras, close_selaras
from service.config import Settings


class CountingClassifier:
    """Counts the pairs the judge sends to the classifier."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.pairs = 0

    def predict(self, pairs: list[tuple[str, str]], scope: str = "") -> list[tuple[float, float, float]]:
        """Delegate, counting."""
        self.pairs += len(pairs)
        return self.inner.predict(pairs, scope)


def _summary(ms: list[float], sentences: list[int]) -> dict[str, float]:
    per25 = [m * 25 / max(1, n) for m, n in zip(ms, sentences)]
    q = statistics.quantiles(ms, n=20) if len(ms) > 1 else ms * 19
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(q[18], 1), "mean_ms": round(statistics.mean(ms), 1),
            "mean_ms_per_25_sentences": round(statistics.mean(per25), 1)}


def main() -> int:
    """Run the benchmark and print a JSON report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=2000, help="load articles until this many passages")
    parser.add_argument("--drafts", type=int, default=24)
    parser.add_argument("--sentences", type=int, default=25, help="sentences per draft (planted included)")
    parser.add_argument("--plant", type=int, default=2, help="planted clashes in every other draft")
    parser.add_argument("--examples", type=int, default=0, help="print this many false-conflict and missed-plant examples")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="selaras-judge-bench-"))
    settings = Settings(data_dir=tmp / "data")
    selaras = build_selaras(settings)
    try:
        service_judge = selaras.checker.judge
        if service_judge.classifier is None:
            print("warning: no classifier attached; both judges are rules-only", file=sys.stderr)
        counter = CountingClassifier(service_judge.classifier) if service_judge.classifier else None
        judges = {"rules": replace(service_judge, classifier=None, related_threshold=settings.related_threshold),
                  "service": replace(service_judge, classifier=counter) if counter else service_judge}

        corpus = build_corpus(args.data)
        loaded, passages = [], 0
        started = time.perf_counter()
        for article in corpus.load:
            if passages >= args.passages:
                break
            item = PositionIn(**corpus.position(article))
            selaras.corpus.upsert_positions([item])
            loaded.append(article)
            passages = selaras.store.count()
        load_s = time.perf_counter() - started
        corpus.prepare_plants(loaded)
        print(f"loaded {len(loaded)} articles, {passages} passages in {load_s:.0f} s", file=sys.stderr)

        stats: dict[str, dict[str, Any]] = {name: {"ms": [], "pairs": [], "false": 0, "false_by": {},
                                                   "planted_found": 0, "examples": [], "missed": []}
                                   for name in judges}
        n_sentences, n_planted, sizes = 0, 0, []
        for k in range(args.drafts):
            draft = corpus.next_draft(words=10_000, max_sentences=args.sentences,
                                      plant=args.plant if k % 2 == 1 else 0)
            sentences = selaras.checker.sentences_of(draft.text)
            texts = [s.text for s in sentences]
            candidates = selaras.checker.retrieve(selaras.encoder.encode_blocking(texts), date.today()).candidates
            planted = set(draft.planted)
            n_sentences += len(texts)
            n_planted += sum(t in planted for t in texts)
            sizes.append(len(texts))
            for name, judge in judges.items():
                before = counter.pairs if counter else 0
                t0 = time.perf_counter()
                judgements = judge.judge(texts, candidates)
                stats[name]["ms"].append((time.perf_counter() - t0) * 1000)
                stats[name]["pairs"].append((counter.pairs - before) if counter and name == "service" else 0)
                for text, j, cands in zip(texts, judgements, candidates):
                    if j.relation != "conflicts":
                        if text in planted and len(stats[name]["missed"]) < args.examples:
                            best = cands[0] if cands else None
                            stats[name]["missed"].append({"draft": text, "relation": j.relation, "reasons": j.reasons,
                                                          "reference": best.passage if best else None,
                                                          "similarity": round(best.similarity, 3) if best else None})
                        continue
                    if text in planted:
                        stats[name]["planted_found"] += 1
                        continue
                    stats[name]["false"] += 1
                    kind = "classifier" if all("classifier" in r for r in j.reasons) else "rule"
                    stats[name]["false_by"][kind] = stats[name]["false_by"].get(kind, 0) + 1
                    if len(stats[name]["examples"]) < args.examples:
                        stats[name]["examples"].append({"draft": text, "reference": j.evidence[0].passage,
                                                        "similarity": round(j.evidence[0].similarity, 3),
                                                        "reasons": j.reasons})
        held_out = n_sentences - n_planted
        report: dict[str, Any] = {
            "passages": passages, "drafts": args.drafts, "sentences": n_sentences, "planted": n_planted,
            "mean_sentences_per_draft": round(statistics.mean(sizes), 1),
            "classifier": {"backend": getattr(service_judge.classifier, "backend", None),
                           "threads": settings.nli_threads} if service_judge.classifier else None,
        }
        for name, s in stats.items():
            report[name] = {
                **_summary(s["ms"], sizes),
                "classifier_pairs_per_draft": round(statistics.mean(s["pairs"]), 1),
                "planted_found": f"{s['planted_found']}/{n_planted}",
                "false_conflicts": s["false"], "false_conflict_rate_per_sentence": round(s["false"] / max(1, held_out), 4),
                "false_conflicts_by_source": s["false_by"],
                **({"examples": s["examples"]} if s["examples"] else {}),
                **({"planted_missed_examples": s["missed"]} if s["missed"] else {}),
            }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    finally:
        close_selaras(selaras)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
