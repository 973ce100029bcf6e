"""Retrieval recall@k of dense, sparse and hybrid search, through the embedded store (qdrant-edge).

Two sets:

- **press**: ``bench/press``. The positions' passages are stored; each planted conflict's query is
  the draft sentence holding its span, and a hit is the expected position among the first k
  *distinct positions* retrieved.
- **indonli**: every premise of ``../shared/data/indonli/val.jsonl`` (one point each) plus
  ``--distractors`` IndoSum passages (``../shared/data/indosum``, the dev folds, split as positions
  are); each hypothesis queries for its own premise. Reported for all hypotheses and for the
  contradicting ones (label ``c``), the case the service is for.

Modes: ``dense`` (the embedding), ``sparse`` (the lexical vector of :mod:`service.text.sparse`
with Qdrant's IDF), ``hybrid-rrf`` and ``hybrid-dbsf`` (one query: both prefetched, fused).
Every mode retrieves ``--fetch`` passages per query (the checker asks for ``top_k * 3`` = 15).

Usage:
    .venv/bin/python -m bench.recall [--sets press,indonli] [--distractors 3000] [--fetch 30]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
INDONLI = SHARED / "indonli" / "val.jsonl"
INDOSUM = SHARED / "indosum"
KS = (1, 5, 10)
MODES = ("dense", "sparse", "hybrid-rrf", "hybrid-dbsf")


@dataclass(frozen=True)
class RecallSet:
    """Passages (text, group) to store and queries (text, expected group, tag)."""

    name: str
    passages: list[tuple[str, str]]
    queries: list[tuple[str, str, str]]


def distinct_groups(groups: Sequence[str]) -> list[str]:
    """Groups in first-seen order (several passages of one position count once)."""
    seen: dict[str, None] = {}
    for g in groups:
        seen.setdefault(g, None)
    return list(seen)


def recall_at(ranked: Sequence[Sequence[str]], expected: Sequence[str], k: int) -> float:
    """Share of queries whose expected group is among the first ``k`` distinct groups."""
    if not expected:
        return float("nan")
    hits = sum(exp in distinct_groups(row)[:k] for row, exp in zip(ranked, expected))
    return hits / len(expected)


# -- the sets ------------------------------------------------------------------------------------
def press_set(data_dir: Path = REPO / "bench" / "press") -> RecallSet:
    from bench.press_eval import load_set
    from service.text.segment import split_passages, split_sentences

    positions, drafts = load_set(data_dir)
    passages = [(p.text, pos["id"]) for pos in positions for p in split_passages(pos["text"])]
    queries = []
    for draft in drafts:
        sentences = split_sentences(draft["text"])
        for plant in draft["conflicts"]:
            at = draft["text"].find(plant["span"])
            sentence = next((s.text for s in sentences if s.start <= at < s.end), plant["span"])
            queries.append((sentence, plant["position_id"], plant["kind"]))
    return RecallSet("press", passages, queries)


def indonli_set(path: Path = INDONLI, indosum: Path = INDOSUM, distractors: int = 3000) -> RecallSet:
    from bench.indosum import load_articles
    from service.text.segment import split_passages

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    premises = {r["premise"]: f"premise-{r['premise_id']}" for r in rows}
    passages = [(text, group) for text, group in premises.items()]
    articles, _ = load_articles(indosum)
    extra = []
    for art in articles:
        for p in split_passages(art.text):
            extra.append((p.text, f"indosum-{art.id}"))
        if len(extra) >= distractors:
            break
    passages += extra[:distractors]
    queries = [(r["hypothesis"], premises[r["premise"]], r["label"]) for r in rows]
    return RecallSet("indonli", passages, queries)


# -- running ---------------------------------------------------------------------------------------
def _encoder():  # type: ignore[no-untyped-def]
    from embeddings.encoder import Encoder, load_model
    from service.config import Settings

    settings = Settings()
    model = load_model(settings.model, settings.cache_dir, settings.torch_threads, settings.backend)
    return Encoder(model, model_name=settings.model, batch_size=settings.embed_batch_size,
                   workers=settings.encoder_workers, cache_size=0)


def _sparse_only(store, texts: list[str], limit: int) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Sparse-only ranking straight on the edge shard (the service never asks for it)."""
    import qdrant_edge as qe

    from service.store.base import SPARSE
    from service.text.sparse import query_vector

    out = []
    for text in texts:
        vec = query_vector(text)
        if not vec:
            out.append([])
            continue
        rows = store._shard.query(qe.QueryRequest(
            limit=limit, query=qe.Query.Nearest(qe.SparseVector(vec.indices, vec.values), using=SPARSE),
            filter=store._active_filter, with_payload=True))
        out.append([p.payload["group"] for p in rows])
    return out


def run_set(rs: RecallSet, encoder, fetch: int) -> dict[str, dict[str, dict[int, float]]]:  # type: ignore[no-untyped-def]
    """recall@k per mode, per query tag ("all" and each tag)."""
    from service.store.base import Point
    from service.store.edge import EdgeStore

    started = time.perf_counter()
    pvecs = encoder.encode_blocking([t for t, _ in rs.passages])
    qtexts = [q for q, _, _ in rs.queries]
    qvecs = encoder.encode_blocking(qtexts)
    print(f"{rs.name}: embedded {len(rs.passages)} passages and {len(qtexts)} queries in "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    expected = [g for _, g, _ in rs.queries]
    tags = ["all"] + sorted({t for _, _, t in rs.queries})
    out: dict[str, dict[str, dict[int, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, EdgeStore(Path(tmp) / "qdrant") as store:
        store.ensure_collection(encoder.dim)
        store.upsert([Point(str(uuid.uuid5(uuid.NAMESPACE_URL, f"recall/{i}")), vec,
                            {"position_id": group, "group": group, "version": 1, "active": True, "passage": text,
                             "start": 0, "end": len(text)})
                      for i, ((text, group), vec) in enumerate(zip(rs.passages, pvecs))])
        for mode in MODES:
            if mode == "sparse":
                ranked = _sparse_only(store, qtexts, fetch)
            else:
                store.retrieval = "dense" if mode == "dense" else "hybrid"
                store.fusion = mode.removeprefix("hybrid-") if mode != "dense" else "rrf"
                rows = store.search_batch(qvecs, fetch, texts=qtexts)
                ranked = [[h.payload["group"] for h in row] for row in rows]
            out[mode] = {}
            for tag in tags:
                idx = [i for i, (_, _, t) in enumerate(rs.queries) if tag in ("all", t)]
                out[mode][tag] = {k: recall_at([ranked[i] for i in idx], [expected[i] for i in idx], k) for k in KS}
    return out


def format_table(name: str, result: dict[str, dict[str, dict[int, float]]], counts: dict[str, int]) -> str:
    tags = list(next(iter(result.values())))
    lines = [f"{name}: recall@k (%), each cell @1 / @5 / @10",
             f"{'queries':<14}{'n':>5}" + "".join(f"{mode:>24}" for mode in result)]
    for tag in tags:
        cells = "".join(f"{' / '.join(f'{100 * result[m][tag][k]:5.1f}' for k in KS):>24}" for m in result)
        lines.append(f"{tag:<14}{counts[tag]:>5}{cells}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="press,indonli")
    parser.add_argument("--distractors", type=int, default=3000, help="IndoSum passages beside the premises")
    parser.add_argument("--fetch", type=int, default=30, help="passages retrieved per query")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sets = []
    for name in args.sets.split(","):
        if name == "press":
            sets.append(press_set())
        elif name == "indonli":
            if not INDONLI.exists() or not INDOSUM.exists():
                print(f"skipping indonli: {INDONLI} or {INDOSUM} is absent", file=sys.stderr)
                continue
            sets.append(indonli_set(distractors=args.distractors))
        else:
            parser.error(f"unknown set {name!r}")
    encoder = _encoder()
    try:
        results = {}
        for rs in sets:
            res = run_set(rs, encoder, args.fetch)
            results[rs.name] = res
            counts = {"all": len(rs.queries)}
            for _, _, tag in rs.queries:
                counts[tag] = counts.get(tag, 0) + 1
            if not args.json:
                print(format_table(f"{rs.name} ({len(rs.passages)} passages, fetch {args.fetch})", res, counts))
                print()
        if args.json:
            print(json.dumps(results, indent=1))
    finally:
        encoder.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
