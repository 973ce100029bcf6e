"""The embedded store at scale, on the service's own embeddings of real text: recall and search cost.

Passages are real: IndoSum sentences (the articles ``make bench`` loads, split as the service
splits them) and, for more distinct text, each pair of neighbouring passages of an article joined.
They are embedded once by the service's encoder (int8 e5-small) and cached under
``$SELARAS_CACHE_DIR/bench-scale/``. Past the distinct text, the store is filled as agencies fill
it, by republishing: copies of earlier passages under other ids (the same text and vector).

Queries are the sentences of held-out articles (never loaded), 30 to a check, as a draft sends
them. For each size and each store setting, one store is built (upsert, then ``optimize()``,
which builds the graph and the int8 copies) and searched:

- **dense recall@10** against exact search by numpy over every stored vector, counted by score
  (a hit counts when its cosine reaches the exact 10th: republished copies tie, so ids cannot);
- **hybrid recall@15** (what a check asks: dense + sparse, fused) against the same store searched
  exactly, counted by passage text (a copy of the right passage is the right passage);
- milliseconds per check (30 queries) for hybrid and dense, median and p95;
- build time, disk, and this process's RSS after the build.

Usage::

    .venv/bin/python -m bench.scale                              # 100k: exact, graph, graph + int8
    .venv/bin/python -m bench.scale --sizes 1000,100000,1000000  # the million: ~40 min, ~6 GB RAM
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from bench.indosum import DEFAULT_DATA, build_corpus
from service.store.base import Point
from service.store.edge import EdgeStore
from service.testing import memory_kib
from service.text.segment import split_passages

CHECK = 30  # queries per check (a ~450-word draft)
LIMIT = 15  # what a check asks the store for (top_k 5, over-fetched 3x)
NO_EXACT = 10**12  # exact_below that never searches exactly


@dataclass(frozen=True)
class Setting:
    """One store configuration to build and measure."""

    name: str
    exact_below: int
    quantization: str = "none"
    m: int = 32
    ef_construct: int = 256


SETTINGS = {
    "exact": Setting("exact", NO_EXACT),
    "graph": Setting("graph", 0),
    "graph-int8": Setting("graph-int8", 0, "int8"),
    "graph16-int8": Setting("graph16-int8", 0, "int8", m=16, ef_construct=128),
}


def log(msg: str) -> None:
    """Progress on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def real_texts(data_dir: Path, unique: int) -> tuple[list[str], list[str]]:
    """Up to ``unique`` distinct passages to store, and the held-out query sentences."""
    corpus = build_corpus(data_dir)
    singles: list[str] = []
    pairs: list[str] = []
    for article in corpus.load:
        passages = [p.text for p in split_passages(article.text)]
        singles += passages
        pairs += [f"{a} {b}" for a, b in zip(passages, passages[1:])]
    texts = list(dict.fromkeys(singles + pairs))[:unique]
    queries = [p.text for a in corpus.held_out for p in split_passages(a.text)]
    return texts, queries


def embed_cached(texts: list[str], cache_dir: Path) -> np.ndarray:
    """The service encoder's vectors of ``texts``, computed once and kept in ``cache_dir``."""
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache_dir / "bench-scale" / f"{digest}-{len(texts)}.npy"
    if path.is_file():
        return np.load(path)
    from embeddings.encoder import Encoder, load_model  # lazy: only a first run embeds

    log(f"embedding {len(texts):,} texts (once; cached at {path})")
    encoder = Encoder(load_model("default", cache_dir, 1, "onnx-int8"), "e5", workers=os.cpu_count() or 2,
                      cache_size=0, max_batch_texts=256)
    started = time.perf_counter()
    try:
        parts = []
        for lo in range(0, len(texts), 4096):
            parts.append(encoder.encode_blocking(texts[lo : lo + 4096]))
            log(f"  {lo + len(parts[-1]):,} / {len(texts):,} ({(lo + len(parts[-1])) / (time.perf_counter() - started):.0f}/s)")
    finally:
        encoder.close()
    vectors = np.concatenate(parts).astype(np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def point_id(i: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench-scale/{i}"))


def build(setting: Setting, directory: Path, texts: list[str], vectors: np.ndarray, size: int,
          hnsw_ef: int) -> tuple[EdgeStore, dict]:
    """A store of ``size`` passages (distinct first, then republished copies), optimised."""
    store = EdgeStore(directory, exact_below=setting.exact_below, hnsw_ef=hnsw_ef, quantization=setting.quantization,
                      hnsw_m=setting.m, hnsw_ef_construct=setting.ef_construct)
    store.ensure_collection(vectors.shape[1])
    started = time.perf_counter()
    for lo in range(0, size, 4096):
        idx = range(lo, min(size, lo + 4096))
        store.upsert([Point(point_id(i), vectors[i % len(texts)],
                            {"position_id": f"scale/{i // 20}", "version": 1, "active": True,
                             "passage": texts[i % len(texts)], "start": 0, "end": 0}) for i in idx])
    upsert_s = time.perf_counter() - started
    started = time.perf_counter()
    store.optimize()
    optimize_s = time.perf_counter() - started
    disk = sum(f.stat().st_size for f in directory.rglob("*") if f.is_file())
    return store, {"upsert_s": round(upsert_s, 1), "optimize_s": round(optimize_s, 1),
                   "segments": store.info()["segments"],
                   "disk_mib": round(disk / 2**20, 1), "rss_mib": round(memory_kib(os.getpid())["VmRSS"] / 1024, 1)}


def exact_dense(vectors: np.ndarray, size: int, unique: int, queries: np.ndarray, k: int = 10) -> np.ndarray:
    """The exact k-th best cosine of each query over the ``size`` stored vectors (copies included)."""
    copies = size > unique
    pool = vectors[: min(size, unique)]
    sims = queries @ pool.T
    if copies:  # every stored vector is a pool vector; count how often each is stored
        counts = np.full(len(pool), size // unique)
        counts[: size % unique] += 1
    kth = np.empty(len(queries), dtype=np.float32)
    for q, row in enumerate(sims):
        order = np.argsort(-row)
        if not copies:
            kth[q] = row[order[k - 1]]
            continue
        taken = np.cumsum(counts[order])
        kth[q] = row[order[int(np.searchsorted(taken, k))]]
    return kth


def measure(store: EdgeStore, query_vecs: np.ndarray, query_texts: list[str], kth: np.ndarray,
            texts: list[str], vectors: np.ndarray, index_of: dict[str, int]) -> dict:
    """Recall and per-check latency of the store as configured now."""
    checks = [(lo, min(len(query_vecs), lo + CHECK)) for lo in range(0, len(query_vecs), CHECK)]
    dense_ms, hybrid_ms, dense_hits, hybrid_rows = [], [], [], []
    for lo, hi in checks:
        t = time.perf_counter()
        dense_hits += store.search_batch(query_vecs[lo:hi], 10)
        dense_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        hybrid_rows += store.search_batch(query_vecs[lo:hi], LIMIT, texts=query_texts[lo:hi])
        hybrid_ms.append((time.perf_counter() - t) * 1000)
    found = []
    for q, row in enumerate(dense_hits):
        cos = [float(vectors[index_of[h.id] % len(texts)] @ query_vecs[q]) for h in row]
        found.append(sum(c >= kth[q] - 1e-5 for c in cos) / 10)
    return {"dense_recall10": round(float(np.mean(found)), 4),
            "dense_ms_p50": round(statistics.median(dense_ms), 1),
            "dense_ms_p95": round(float(np.percentile(dense_ms, 95)), 1),
            "hybrid_ms_p50": round(statistics.median(hybrid_ms), 1),
            "hybrid_ms_p95": round(float(np.percentile(hybrid_ms, 95)), 1),
            "_hybrid": [[index_of[h.id] % len(texts) for h in row] for row in hybrid_rows]}


def main() -> int:
    """Build and measure each size and setting; print a markdown table, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000", help="stored passages, comma-separated")
    parser.add_argument("--settings", default="exact,graph,graph-int8", help=f"of {', '.join(SETTINGS)}")
    parser.add_argument("--efs", default="64,128,256", help="hnsw_ef values searched on graph settings")
    parser.add_argument("--unique", type=int, default=100_000, help="distinct passages at most (then copies)")
    parser.add_argument("--queries", type=int, default=600, help="query sentences (30 per check)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, help="JSON results (default bench/results/scale-<date>.json)")
    args = parser.parse_args()
    cache_dir = Path(os.environ.get("SELARAS_CACHE_DIR", Path(__file__).resolve().parents[1] / ".cache"))
    sizes = [int(s) for s in args.sizes.split(",")]
    efs = [int(e) for e in args.efs.split(",")]

    texts, query_texts = real_texts(args.data, args.unique)
    query_texts = query_texts[: args.queries]
    vectors = embed_cached(texts, cache_dir)
    query_vecs = embed_cached(query_texts, cache_dir)
    log(f"{len(texts):,} distinct passages, {len(query_texts)} queries")
    rows = []
    for size in sizes:
        kth = exact_dense(vectors, size, len(texts), query_vecs)
        index_of = {point_id(i): i for i in range(size)}
        for name in args.settings.split(","):
            setting = SETTINGS[name]
            tmp = Path(tempfile.mkdtemp(prefix="selaras-scale-"))
            try:
                log(f"{size:,} passages, {name}: building")
                store, built = build(setting, tmp / "store", texts, vectors, size, max(efs))
                try:
                    store.exact_below = NO_EXACT
                    truth = measure(store, query_vecs, query_texts, kth, texts, vectors, index_of)
                    runs = [("exact", truth)]
                    if setting.exact_below < NO_EXACT:
                        store.exact_below = setting.exact_below
                        for ef in efs:
                            store.hnsw_ef = ef
                            runs.append((f"ef {ef}", measure(store, query_vecs, query_texts, kth, texts, vectors,
                                                             index_of)))
                finally:
                    store.close()
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            for search, r in runs:
                same = [len(set(a) & set(b)) / max(1, len(set(b))) for a, b in zip(r["_hybrid"], truth["_hybrid"])]
                row = {"passages": size, "setting": name, "search": search, **built,
                       **{k: v for k, v in r.items() if not k.startswith("_")},
                       "hybrid_recall15": round(float(np.mean(same)), 4)}
                rows.append(row)
                log(f"  {search}: dense recall@10 {row['dense_recall10']}, hybrid recall@15 {row['hybrid_recall15']}, "
                    f"hybrid {row['hybrid_ms_p50']} ms per check")
    print(render(rows, len(texts), len(query_texts)))
    out = args.out or Path(__file__).parent / "results" / f"scale-{datetime.now():%Y-%m-%dT%H-%M-%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"date": datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count(),
                               "unique": len(texts), "queries": len(query_texts), "rows": rows}, indent=2) + "\n")
    log(f"results written to {out}")
    return 0


def render(rows: list[dict], unique: int, queries: int) -> str:
    """The markdown table."""
    lines = [f"## Store at scale ({unique:,} distinct real passages, then copies; {queries} queries, "
             f"{CHECK} per check; {os.cpu_count()} CPUs)", "",
             "| passages | setting | search | dense recall@10 | hybrid recall@15 | hybrid ms/check p50 | p95 "
             "| dense ms/check p50 | build s (upsert + optimize) | segments | disk MiB | RSS MiB |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['passages']:,} | {r['setting']} | {r['search']} | {r['dense_recall10']} "
                     f"| {r['hybrid_recall15']} | {r['hybrid_ms_p50']} | {r['hybrid_ms_p95']} | {r['dense_ms_p50']} "
                     f"| {r['upsert_s']} + {r['optimize_s']} | {r.get('segments', '')} | {r['disk_mib']} | {r['rss_mib']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
