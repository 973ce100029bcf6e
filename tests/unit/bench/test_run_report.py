"""The benchmark's CPU accounting: core-seconds per check and the share of the cores, as rendered."""

from __future__ import annotations

import os
import time

from bench.run import render, summarise
from service.testing import cpu_seconds


def test_cpu_seconds_counts_this_process_work():
    before = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:  # burn 0.3 s of CPU
        sum(range(1000))
    assert cpu_seconds(os.getpid()) - before >= 0.25


def _row(ms: float) -> dict:
    return {"status": 200, "ms": ms, "sentences": 30, "verdict": "aligned", "planted": 0, "planted_found": 0,
            "queue": 0.1, "embed": 60.0, "search": 30.0, "judge": 140.0, "total": ms - 5}


def test_core_seconds_per_check_and_share_of_the_cores_in_the_report():
    rows = [_row(200.0), _row(260.0), {"status": 503, "ms": 1.0}]
    c4 = summarise(rows, wall=1.0, concurrency=4, passages=10_000, cpu=1.2, probe=True)
    assert c4["core_s_per_check"] == 0.6  # 1.2 CPU seconds over the 2 answered checks
    assert c4["ceiling"] == round(1.2 / 1.0 / os.cpu_count(), 2)
    assert c4["status_503"] == 1
    res = {"meta": {"date": "2026-11-30T12:00:00", "commit": "abc", "backend": "onnx-int8", "cpus": os.cpu_count(),
                    "loadavg_start": [0.1], "loadavg_end": [1.0], "runtime_s": 60},
           "checks": [c4], "health_probe": [], "repeated_draft": None, "loading": [], "memory": [], "naive": None}
    text = render(res)
    assert "| 10,000 | 4 + probe | 2/3 |" in text
    assert "| 0.6 |" in text
    assert "c=4 with the /health probe at 10,000: 2.0 checks/s (≥ 6: NOT met)" in text
