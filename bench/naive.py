"""The naive pipeline the issue compares against, run in the benchmark process.

Per draft: split into sentences (the service's splitter), embed them with the
fp32 torch SentenceTransformer on one thread, query the store once per sentence
(``search_batch`` with a single row), and run the precise clash signals
(:func:`service.judge.signals.find_clashes`) on every retrieved (passage, sentence)
pair of the top-k: no similarity gating, no batching across sentences.

It opens the same embedded store the service used, so the service must be stopped
(the store directory is locked by one process at a time).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from service.judge.signals import find_clashes
from service.text.segment import split_sentences
from service.config import Settings
from service.store.factory import open_store


def run_naive(data_dir: Path, texts: list[str], warmup: str) -> dict:
    """Time the naive pipeline on each of ``texts`` (after one untimed ``warmup`` draft)."""
    from embeddings.encoder import load_model

    settings = Settings(data_dir=data_dir)
    started = time.perf_counter()
    model = load_model(settings.model, settings.cache_dir, threads=1, backend="torch")
    load_s = time.perf_counter() - started
    prompts = getattr(model, "prompts", {}) or {}
    prompt = "query" if "query" in prompts else None
    store = open_store(settings.data_dir, None, collection=settings.qdrant_collection,
                       exact_below=settings.exact_search_below, hnsw_ef=settings.hnsw_ef)
    top_k = settings.top_k
    rows = []
    try:
        for i, text in enumerate([warmup, *texts]):
            t0 = time.perf_counter()
            sentences = [s.text for s in split_sentences(text)]
            vectors = model.encode(sentences, prompt_name=prompt, normalize_embeddings=True,
                                   convert_to_numpy=True, show_progress_bar=False)
            t1 = time.perf_counter()
            hits = [store.search_batch(vec.reshape(1, -1), top_k)[0] for vec in vectors]
            t2 = time.perf_counter()
            pairs = clashes = 0
            conflicting = 0
            for sentence, row in zip(sentences, hits):
                found = False
                for hit in row:
                    pairs += 1
                    n = len(find_clashes(hit.payload["passage"], sentence))
                    clashes += n
                    found = found or n > 0
                conflicting += found
            t3 = time.perf_counter()
            if i == 0:
                continue  # warm-up
            rows.append({"total_ms": (t3 - t0) * 1000, "embed_ms": (t1 - t0) * 1000,
                         "search_ms": (t2 - t1) * 1000, "judge_ms": (t3 - t2) * 1000,
                         "sentences": len(sentences), "pairs": pairs, "conflicting_sentences": conflicting})
    finally:
        store.close()
    totals = [r["total_ms"] for r in rows]
    return {
        "drafts": len(rows),
        "model_load_s": round(load_s, 1),
        "p50_ms": round(statistics.median(totals), 1),
        "mean_ms": round(statistics.fmean(totals), 1),
        "mean_embed_ms": round(statistics.fmean(r["embed_ms"] for r in rows), 1),
        "mean_search_ms": round(statistics.fmean(r["search_ms"] for r in rows), 1),
        "mean_judge_ms": round(statistics.fmean(r["judge_ms"] for r in rows), 1),
        "mean_sentences": round(statistics.fmean(r["sentences"] for r in rows), 1),
        "pairs_judged": sum(r["pairs"] for r in rows),
        "conflicting_sentences": sum(r["conflicting_sentences"] for r in rows),
        "per_draft_ms": [round(t, 1) for t in totals],
    }
