"""bench/scale.py's exact truth counts republished copies: the k-th best cosine over what is stored."""

from __future__ import annotations

import numpy as np

from bench.scale import exact_dense, render


def test_kth_cosine_without_and_with_copies():
    pool = np.eye(4, dtype=np.float32)  # four distinct passages
    query = np.array([[0.9, 0.3, 0.1, 0.0]], dtype=np.float32)
    # Distinct only: cosines 0.9, 0.3, 0.1, 0.0 -> the 2nd best is 0.3.
    assert exact_dense(pool, size=4, unique=4, queries=query, k=2)[0] == np.float32(0.3)
    # 10 stored = every passage twice, the first two three times: 0.9 is stored 3 times, so the
    # 3rd best is still 0.9 and the 4th is 0.3.
    assert exact_dense(pool, size=10, unique=4, queries=query, k=3)[0] == np.float32(0.9)
    assert exact_dense(pool, size=10, unique=4, queries=query, k=4)[0] == np.float32(0.3)


def test_report_table_has_a_row_per_search():
    rows = [{"passages": 1000, "setting": "graph-int8", "search": "ef 256", "dense_recall10": 0.99,
             "hybrid_recall15": 0.995, "hybrid_ms_p50": 20.0, "hybrid_ms_p95": 25.0, "dense_ms_p50": 8.0,
             "upsert_s": 1.0, "optimize_s": 2.0, "segments": 2, "disk_mib": 50.0, "rss_mib": 700.0}]
    text = render(rows, unique=1000, queries=60)
    assert "| 1,000 | graph-int8 | ef 256 | 0.99 | 0.995 | 20.0 | 25.0 | 8.0 | 1.0 + 2.0 | 2 | 50.0 | 700.0 |" in text
