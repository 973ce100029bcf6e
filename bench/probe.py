"""Event-loop probe: 16 concurrent GET /health, over and over, until stdin closes.

Run as its own process (``python -m bench.probe URL``) so the benchmark client's
own threads and GIL do not add to the latencies it reports. Prints one JSON
object: how many probes, and the p50 / p99 / max latency in milliseconds.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time

import httpx


async def _probe(url: str, concurrency: int, stop: threading.Event) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one() -> None:
            nonlocal errors
            t = time.perf_counter()
            try:
                r = await client.get("/health")
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                latencies.append((time.perf_counter() - t) * 1000)
            else:
                errors += 1

        while not stop.is_set():
            await asyncio.gather(*(one() for _ in range(concurrency)))
            await asyncio.sleep(0.05)
    return latencies, errors


def main() -> None:
    url = sys.argv[1]
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    stop = threading.Event()

    def wait_stdin() -> None:
        sys.stdin.read()  # returns when the parent closes our stdin
        stop.set()

    threading.Thread(target=wait_stdin, daemon=True).start()
    latencies, errors = asyncio.run(_probe(url, concurrency, stop))
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]

    print(json.dumps({"concurrency": concurrency, "probes": len(latencies), "errors": errors,
                      "p50_ms": round(pct(50), 1), "p99_ms": round(pct(99), 1),
                      "max_ms": round(latencies[-1], 1) if latencies else None}))


if __name__ == "__main__":
    main()
