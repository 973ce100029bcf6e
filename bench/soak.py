"""Soak test: N minutes of mixed traffic at fixed concurrency against a ``selaras serve`` it starts.

Not part of CI (it runs for minutes). It answers: does the service stay up, answer every
request without a 5xx, keep its memory flat and its records consistent under sustained load
with concurrent corpus writes?

    python -m bench.soak                       # 30 minutes, 8 concurrent clients
    python -m bench.soak --minutes 5 --out var/soak.json

Traffic per client, by weight: checks of IndoSum-based drafts (about one in three with a changed
number, so conflicts are found; one sentence changed on each reuse, so the embedding cache does
not answer everything), batches, report reads (JSON and the HTML page), report and position
lists, position upserts (new versions), retire and re-publish, readiness and metrics.

Reports JSON on stdout (and to --out): requests and errors by operation and status, latency
percentiles, the server's RSS at start, every minute and at the end, and end-of-run checks
(ready, no traceback in the log, vector-store passages == passages SQLite counts).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

from bench.indosum import DEFAULT_DATA, build_corpus, change_number
from bench.server import Server, create_key

ROOT = Path(__file__).resolve().parents[1]
AGENCIES = ["Kementerian Sosial", "Kementerian ESDM", "Kementerian Keuangan"]
# (operation, weight, statuses that count as correct)
MIX = [
    ("check", 45, {200}),
    ("batch", 4, {200}),
    ("report_json", 10, {200}),
    ("report_html", 4, {200}),
    ("list_reports", 6, {200}),
    ("list_positions", 5, {200}),
    ("get_position", 6, {200}),
    ("upsert_position", 8, {200}),
    ("retire_repost", 2, {200}),
    ("ready_metrics", 4, {200}),
]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


class Soak:
    def __init__(self, server: Server, keys: dict[str, str], drafts: list[str], position_ids: list[str],
                 positions: dict[str, dict], deadline: float, seed: int, mix: list = MIX) -> None:
        self.server, self.keys, self.drafts = server, keys, drafts
        self.position_ids, self.positions = position_ids, positions
        self.deadline = deadline
        self.seed = seed
        self.mix = mix
        self.lock = threading.Lock()
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.unexpected: list[dict] = []
        self.transport_errors: Counter = Counter()
        self.reports: list[tuple[str, str, str]] = []  # (agency, id, review_url)
        self.reuse = Counter()
        self.position_locks = {pid: threading.Lock() for pid in position_ids}

    def draft(self, rnd: random.Random) -> str:
        i = rnd.randrange(len(self.drafts))
        with self.lock:
            self.reuse[i] += 1
            n = self.reuse[i]
        text = self.drafts[i]
        if n > 1:  # a reused draft gets one sentence changed: one cache miss, the rest cached (boilerplate)
            changed = change_number(text, n)
            text = changed if changed else f"{text} Catatan revisi ke-{n}."
        return text

    def record(self, op: str, ok: set[int], started: float, r: httpx.Response | None, exc: Exception | None) -> None:
        ms = (time.perf_counter() - started) * 1000
        with self.lock:
            if exc is not None:
                self.transport_errors[f"{op}: {type(exc).__name__}"] += 1
                return
            assert r is not None
            self.statuses[op][r.status_code] += 1
            self.latency[op].append(ms)
            if r.status_code not in ok and len(self.unexpected) < 50:
                self.unexpected.append({"op": op, "status": r.status_code, "body": r.text[:300]})

    def client(self, role: str) -> httpx.Client:
        return httpx.Client(base_url=self.server.url, headers={"Authorization": f"Bearer {self.keys[role]}"},
                            timeout=120)

    def worker(self, n: int) -> None:
        rnd = random.Random(self.seed * 1000 + n)
        agency_role = f"submitter-{n % len(AGENCIES)}"
        ops, weights = [m[0] for m in self.mix], [m[1] for m in self.mix]
        ok = {m[0]: m[2] for m in self.mix}
        with self.client(agency_role) as sub, self.client("curator") as cur, \
                httpx.Client(base_url=self.server.url, timeout=60) as anon:
            while time.monotonic() < self.deadline:
                op = rnd.choices(ops, weights)[0]
                started = time.perf_counter()
                try:
                    r = self.do(op, rnd, sub, cur, anon, agency_role)
                except httpx.HTTPError as exc:
                    self.record(op, ok[op], started, None, exc)
                    continue
                if r is not None:
                    self.record(op, ok[op], started, r, None)

    def do(self, op: str, rnd: random.Random, sub: httpx.Client, cur: httpx.Client, anon: httpx.Client,
           role: str) -> httpx.Response | None:
        if op == "check":
            r = sub.post("/v1/checks", json={"text": self.draft(rnd)})
            if r.status_code == 200:
                body = r.json()
                with self.lock:
                    self.reports.append((role, body["id"], body["review_url"]))
                    del self.reports[:-2000]
            return r
        if op == "batch":
            return sub.post("/v1/checks:batch", json={"drafts": [{"text": self.draft(rnd)} for _ in range(3)]})
        if op in ("report_json", "report_html"):
            with self.lock:
                mine = [x for x in self.reports[-300:] if x[0] == role]
            if not mine:
                return None
            _, report_id, review_url = rnd.choice(mine)
            if op == "report_json":
                return sub.get(f"/v1/reports/{report_id}")
            return anon.get(review_url, headers={"Accept": "text/html"})
        if op == "list_reports":
            return sub.get("/v1/reports", params={"limit": 20, "verdict": rnd.choice(["conflict", "review", "aligned"])})
        if op == "list_positions":
            return sub.get("/v1/positions", params={"limit": 50, "offset": rnd.randrange(0, len(self.position_ids))})
        if op == "get_position":
            return sub.get(f"/v1/positions/{rnd.choice(self.position_ids)}")
        if op == "upsert_position":
            pid = rnd.choice(self.position_ids)
            with self.position_locks[pid]:
                base = self.positions[pid]
                text = base["text"] if rnd.random() < 0.3 else f"{base['text']}\n\nPembaruan {rnd.randrange(10**6)}."
                return cur.post("/v1/positions", json={"positions": [{**base, "text": text}]})
        if op == "retire_repost":
            pid = rnd.choice(self.position_ids)
            with self.position_locks[pid]:
                r = cur.delete(f"/v1/positions/{pid}")
                if r.status_code != 200:
                    return r
                return cur.post("/v1/positions", json={"positions": [self.positions[pid]]})
        if op == "ready_metrics":
            r = anon.get("/ready")
            return r if r.status_code != 200 else anon.get("/metrics")
        raise AssertionError(op)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--positions", type=int, default=400, help="IndoSum articles loaded as positions")
    parser.add_argument("--drafts", type=int, default=300, help="distinct drafts (reused with one sentence changed)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-writes", action="store_true",
                        help="no position upserts or retirements (tells store growth from the rest)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    mix = [m for m in MIX if not (args.no_writes and m[0] in ("upsert_position", "retire_repost"))]

    corpus = build_corpus(args.data, held_out=350, seed=args.seed)
    articles = corpus.load[: args.positions]
    positions = {}
    for i, art in enumerate(articles):
        p = corpus.position(art, agency=AGENCIES[i % len(AGENCIES)])
        positions[p["id"]] = {**p, "kind": "position"}
    corpus.prepare_plants(articles)
    drafts = [corpus.next_draft(words=120, max_sentences=10, plant=1 if i % 3 == 0 else 0).text
              for i in range(args.drafts)]

    work = Path(tempfile.mkdtemp(prefix="selaras-soak-"))
    data_dir = work / "data"
    keys = {"curator": create_key(data_dir, "Kantor Komunikasi Kepresidenan", "curator")}
    for i, agency in enumerate(AGENCIES):
        keys[f"submitter-{i}"] = create_key(data_dir, agency, "submitter")
    # The soak measures stability under load, not the per-key limits (tests/security covers those):
    # 8 clients share 3 submitter keys and one curator key.
    server = Server(data_dir, work, SELARAS_RATE_LIMIT_PER_MINUTE="100000000", SELARAS_RATE_LIMIT_BURST="100000000",
                    SELARAS_SENTENCES_PER_MINUTE="100000000", SELARAS_MAX_CONCURRENT_CHECKS="64").start()
    rss: list[dict] = []
    try:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {keys['curator']}"},
                          timeout=600) as c:
            samples = [json.loads(line) for line in (ROOT / "samples/positions.jsonl").read_text().splitlines()]
            c.post("/v1/positions", json={"positions": samples}).raise_for_status()
            items = list(positions.values())
            for start in range(0, len(items), 100):
                c.post("/v1/positions", json={"positions": items[start:start + 100]}).raise_for_status()
        print(f"server up in {server.start_s:.1f} s, {len(positions)} positions loaded; soaking "
              f"{args.minutes} min at concurrency {args.concurrency}", file=sys.stderr)

        t0 = time.monotonic()
        deadline = t0 + args.minutes * 60
        rss.append({"t_s": 0, **server.memory()})
        soak = Soak(server, keys, drafts, list(positions), positions, deadline, args.seed, mix)
        threads = [threading.Thread(target=soak.worker, args=(n,), daemon=True) for n in range(args.concurrency)]
        for t in threads:
            t.start()
        next_sample = t0 + 60
        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
            if time.monotonic() >= next_sample and server.proc and server.proc.poll() is None:
                rss.append({"t_s": round(time.monotonic() - t0), **server.memory()})
                with soak.lock:
                    done = sum(sum(c.values()) for c in soak.statuses.values())
                print(f"  {rss[-1]['t_s'] // 60:.0f} min: {done} requests, RSS {rss[-1]['VmRSS'] // 1024} MiB",
                      file=sys.stderr)
                next_sample += 60
        elapsed = time.monotonic() - t0
        alive = server.proc is not None and server.proc.poll() is None
        if alive:
            rss.append({"t_s": round(elapsed), **server.memory()})

        # End-of-run consistency: every passage SQLite counts is in the store, none more.
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {keys['curator']}"},
                          timeout=120) as c:
            ready = c.get("/ready").status_code if alive else None
            counted, offset = 0, 0
            while alive:
                page = c.get("/v1/positions", params={"limit": 1000, "offset": offset}).json()
                counted += sum(p["passages"] for p in page["items"])
                offset += len(page["items"])
                if offset >= page["total"] or not page["items"]:
                    break
            stored = c.get("/info").json()["passages"] if alive else None
    finally:
        server.stop()
    log = server.log.read_text()

    total = sum(sum(c.values()) for c in soak.statuses.values())
    errors_by_status: Counter = Counter()
    for op, counts in soak.statuses.items():
        expected = dict((m[0], m[2]) for m in MIX)[op]
        for status, n in counts.items():
            if status not in expected:
                errors_by_status[str(status)] += n
    result = {
        "config": {"minutes": args.minutes, "concurrency": args.concurrency, "positions": len(positions) + 18,
                   "distinct_drafts": len(drafts), "seed": args.seed, "writes": not args.no_writes},
        "duration_s": round(elapsed, 1),
        "requests": total,
        "requests_per_s": round(total / elapsed, 1),
        "checks": sum(soak.statuses["check"].values()) + 3 * sum(soak.statuses["batch"].values()),
        "errors_by_status": dict(errors_by_status),
        "server_errors_5xx": sum(n for s, n in errors_by_status.items() if s.startswith("5")),
        "transport_errors": dict(soak.transport_errors),
        "by_operation": {op: {str(s): n for s, n in sorted(c.items())} for op, c in sorted(soak.statuses.items())},
        "latency_ms": {op: {"p50": percentile(v, 0.5), "p95": percentile(v, 0.95), "p99": percentile(v, 0.99),
                            "mean": round(statistics.fmean(v), 1)} for op, v in sorted(soak.latency.items()) if v},
        "rss_kib": {"start": rss[0]["VmRSS"], "end": rss[-1]["VmRSS"], "peak": max(r["VmHWM"] for r in rss),
                    # The acceptance figure: growth from the 5-minute sample (after warm-up) to the end.
                    "growth_after_5_min_pct": _growth_after(rss, 300),
                    "per_minute": [{"t_s": r["t_s"], "rss": r["VmRSS"]} for r in rss]},
        "store_disk_kib": _disk_kib(data_dir),
        "compactions": log.count("store compacted"),
        "end": {"server_alive": alive, "ready": ready, "tracebacks_in_log": log.count("Traceback"),
                "passages_in_store": stored, "passages_in_records": counted,
                "consistent": stored == counted},
        "unexpected_samples": soak.unexpected[:10],
    }
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)
    ok = alive and not errors_by_status and not soak.transport_errors and stored == counted
    return 0 if ok else 1


def _growth_after(rss: list[dict], t_s: int) -> float | None:
    """RSS growth in percent from the first sample at or after ``t_s`` to the last sample."""
    base = next((r["VmRSS"] for r in rss if r["t_s"] >= t_s), None)
    return round(100 * (rss[-1]["VmRSS"] - base) / base, 1) if base and rss[-1]["t_s"] > t_s else None


def _disk_kib(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) // 1024


if __name__ == "__main__":
    sys.exit(main())
