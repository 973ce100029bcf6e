"""Benchmark the embedded EdgeStore: upsert rate, optimize, search latency, reopen, recall.

Not run by the tests. Usage::

    .venv/bin/python bench/store_bench.py                 # 10k and 100k points, dim 384
    .venv/bin/python bench/store_bench.py --sizes 10000 --widths 1,3 3,5

Data: a normalised mixture of 100 gaussians; ``--widths lo,hi`` sets the range
of cluster widths (noise norm relative to the centre): 1,3 is topic-like, 3,5
is close to uniform random and the hardest case for HNSW. 10% of the points
(whole positions) are retired, so every search runs with the ``active`` filter
doing real work. Recall@10 is against numpy brute force over active points.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.store.base import Point  # noqa: E402
from service.store.edge import EdgeStore  # noqa: E402


def clustered(n: int, dim: int, widths: tuple[float, float], seed: int = 0) -> np.ndarray:
    """Normalised mixture of 100 gaussians with widths drawn from ``widths``."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(100, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    w = rng.uniform(*widths, size=100).astype(np.float32)
    labels = rng.integers(0, 100, n)
    x = centres[labels] + rng.normal(size=(n, dim)).astype(np.float32) * (w[labels, None] / np.sqrt(dim))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def point_id(i: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{i}"))


def recall_at_10(store: EdgeStore, queries: np.ndarray, truth: list[set[str]]) -> float:
    rows = store.search_batch(queries, limit=10)
    return float(np.mean([len({h.id for h in row} & t) / 10 for row, t in zip(rows, truth)]))


def latency_ms(store: EdgeStore, queries: np.ndarray, batch: int, repeats: int) -> float:
    """Median wall time of one search_batch of ``batch`` queries, per query, in ms."""
    times = []
    for r in range(repeats):
        qs = queries[(r * batch) % (len(queries) - batch) :][:batch]
        t = time.perf_counter()
        store.search_batch(qs, limit=10)
        times.append(time.perf_counter() - t)
    return float(np.median(times)) / batch * 1000


def optimize_with_gil_probe(store: EdgeStore) -> tuple[float, float]:
    """Run optimize(); return (seconds, longest stall seen by a 10 ms ticker thread)."""
    stop = threading.Event()
    gaps: list[float] = [0.0]

    def ticker() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    th = threading.Thread(target=ticker, daemon=True)
    th.start()
    t = time.perf_counter()
    store.optimize()
    elapsed = time.perf_counter() - t
    stop.set()
    th.join()
    return elapsed, max(gaps)


def run(
    n: int, dim: int, widths: tuple[float, float], batch: int, n_recall: int, root: Path, exact_below: int
) -> dict[str, object]:
    data = clustered(n + n_recall, dim, widths)
    vectors, queries = data[:n], data[n:]
    active = (np.arange(n) // 10) % 10 != 0
    sims = queries @ vectors.T
    sims[:, ~active] = -np.inf
    truth = [{point_id(i) for i in row} for row in np.argpartition(-sims, 10, axis=1)[:, :10]]
    nn_cos = float(np.median(sims.max(axis=1)))
    path = root / f"n{n}-w{widths[0]}-{widths[1]}"
    row: dict[str, object] = {"n": n, "widths": f"{widths[0]:g}-{widths[1]:g}", "nn_cos": nn_cos}

    store = EdgeStore(path, exact_below=exact_below)
    store.ensure_collection(dim)
    pts = [
        Point(id=point_id(i), vector=v, payload={"position_id": f"pos{i // 10}", "version": 1, "active": True,
                                                 "passage": f"passage {i}", "start": 0, "end": 100})
        for i, v in enumerate(vectors)
    ]
    t = time.perf_counter()
    for lo in range(0, n, 5000):  # the loader's batch size
        store.upsert(pts[lo : lo + 5000])
    row["upsert_pts_s"] = n / (time.perf_counter() - t)
    for p in range(0, n // 10, 10):
        store.set_active(f"pos{p}", False)

    row["recall_pre_opt"] = recall_at_10(store, queries, truth)
    row["lat_pre_opt_ms"] = latency_ms(store, queries, batch, 10)
    row["optimize_s"], row["gil_stall_s"] = optimize_with_gil_probe(store)
    row["indexed"] = store.info()["indexed_vectors"]

    # With the default exact_below=20000: what the service does at this size.
    row["mode"] = "exact" if n < store.exact_below else "hnsw"
    row["recall_default"] = recall_at_10(store, queries, truth)
    row["lat_default_ms"] = latency_ms(store, queries, batch, 20)
    # Force the other path for comparison (HNSW only exists if segments passed the indexing threshold).
    saved = store.exact_below
    store.exact_below = 0 if n < saved else 10**9
    row["recall_other"] = recall_at_10(store, queries, truth)
    row["lat_other_ms"] = latency_ms(store, queries, batch, 20)
    store.exact_below = saved
    store.close()

    t = time.perf_counter()
    store = EdgeStore(path, exact_below=exact_below)
    store.ensure_collection(dim)
    store.search_batch(queries[:1], limit=10)
    row["reopen_s"] = time.perf_counter() - t
    store.close()
    return row


def main() -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--batch", type=int, default=25, help="queries per search_batch (one check)")
    ap.add_argument("--recall-queries", type=int, default=200)
    ap.add_argument("--widths", nargs="+", default=["1,3"], help="cluster width ranges, e.g. 1,3 3,5")
    ap.add_argument("--exact-below", type=int, default=20_000,
                    help="EdgeStore exact_below; lower it to build and use HNSW at small sizes")
    ap.add_argument("--dir", type=Path, default=None, help="where to put the stores (default: a temp dir)")
    args = ap.parse_args()

    root = args.dir or Path(tempfile.mkdtemp(prefix="store-bench-"))
    cols = [
        ("n", "{:>7}"), ("widths", "{:>6}"), ("nn_cos", "{:>6.2f}"), ("upsert_pts_s", "{:>10,.0f}"),
        ("recall_pre_opt", "{:>8.4f}"), ("lat_pre_opt_ms", "{:>8.2f}"), ("optimize_s", "{:>8.1f}"),
        ("gil_stall_s", "{:>8.1f}"), ("indexed", "{:>8}"), ("mode", "{:>5}"), ("recall_default", "{:>8.4f}"),
        ("lat_default_ms", "{:>8.2f}"), ("recall_other", "{:>8.4f}"), ("lat_other_ms", "{:>8.2f}"),
        ("reopen_s", "{:>7.2f}"),
    ]
    heads = {
        "n": "points", "widths": "widths", "nn_cos": "nn cos", "upsert_pts_s": "upsert/s",
        "recall_pre_opt": "R@10 pre", "lat_pre_opt_ms": "ms/q pre", "optimize_s": "optim s",
        "gil_stall_s": "GIL s", "indexed": "indexed", "mode": "mode", "recall_default": "R@10",
        "lat_default_ms": "ms/q", "recall_other": "R@10 alt", "lat_other_ms": "ms/q alt", "reopen_s": "reopen",
    }
    print(f"dim {args.dim}, exact_below {args.exact_below}, search_batch of {args.batch} queries, limit 10, 10% of points retired; "
          f"ms/q = median batch time / {args.batch}; 'alt' = the other search mode (exact <-> hnsw ef=256)")
    sample = {k: ("x" if k in ("widths", "mode") else 0) for k, _ in cols}
    print(" ".join(f"{heads[k]:>{len(f.format(sample[k]))}}" for k, f in cols))
    for n in args.sizes:
        for w in args.widths:
            lo, hi = (float(x) for x in w.split(","))
            row = run(n, args.dim, (lo, hi), args.batch, args.recall_queries, root, args.exact_below)
            print(" ".join(f.format(row[k]) for k, f in cols), flush=True)
    print(f"stores left in {root}")


if __name__ == "__main__":
    main()
