"""Worst-case cost of one request: the server CPU seconds and wall time each adversarial request
causes, at the default limits, against a ``selaras serve`` it starts with the sample corpus.

    python -m bench.worst_case [--out var/worst_case.json]

Server CPU is read from /proc/<pid>/stat (user + system, all threads) before and after each
request, with nothing else running against the server. /health is probed throughout, so the
report also says how long the event loop was held. Each case is the largest of its kind the
default limits let through (or the smallest that gets refused, to show refusals are cheap).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.server import Server, create_key

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def _figures_sentence(i: int, chars: int) -> str:
    parts, n = [], 0
    while sum(map(len, parts)) < chars - 80:
        parts.append(f"Rp{n + i},{n % 10} triliun pada {n % 28 + 1} Maret 2026 pukul {n % 24:02d}.00 WIB")
        n += 1
    return "Anggaran program pangan dialokasikan " + ", ".join(parts) + "."


def cases() -> list[tuple[str, str, dict]]:
    """(name, path, body) of each adversarial request."""
    figures_draft = " ".join(_figures_sentence(i, 245) for i in range(400))[:99_500]
    plain_draft = " ".join(f"Pemerintah menyalurkan bantuan pangan tahap {i} ke seluruh kabupaten dan kota di Indonesia "
                           f"untuk menjaga daya beli masyarakat berpenghasilan rendah." for i in range(400))
    return [
        ("400 sentences of figures (99.5k chars, the draft limit)", "/v1/checks", {"text": figures_draft}),
        ("400 plain sentences (max sentences)", "/v1/checks", {"text": plain_draft}),
        ("batch: 3 x 400 sentences (the per-key quota of 1,200 sentences)", "/v1/checks:batch",
         {"drafts": [{"text": plain_draft.replace("tahap", f"gelombang {d} tahap")} for d in range(3)]}),
        ("500,000 dots (refused)", "/v1/checks", {"text": "." * 499_999}),
        ("99,000 dots (refused)", "/v1/checks", {"text": "." * 99_000}),
        ("'dr. ' x 24,000 (refused)", "/v1/checks", {"text": "dr. " * 24_000}),
        ("statement of 30,000 chars of figures", "/v1/statements",
         {"title": "Angka", "text": " ".join(_figures_sentence(i, 495) for i in range(80))[:29_900]}),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="selaras-worst-"))
    data_dir = work / "data"
    curator = create_key(data_dir, "Kantor Komunikasi Kepresidenan", "curator")
    server = Server(data_dir, work).start()  # default limits
    results = []
    try:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {curator}"}, timeout=600) as c:
            samples = [json.loads(line) for line in (ROOT / "samples/positions.jsonl").read_text().splitlines()]
            c.post("/v1/positions", json={"positions": samples}).raise_for_status()
            dense = {"id": "uji-angka-padat", "title": "Angka padat", "agency": "Kementerian Keuangan",
                     "text": " ".join(_figures_sentence(i, 590) for i in range(20))}
            c.post("/v1/positions", json={"positions": [dense]}).raise_for_status()
            for name, path, body in cases():
                key = create_key(data_dir, "Kementerian Sosial", "submitter")  # fresh quota per case
                health: list[float] = []
                stop = threading.Event()

                def probe() -> None:
                    with httpx.Client(base_url=server.url, timeout=30) as h:
                        while not stop.is_set():
                            t = time.perf_counter()
                            h.get("/health")
                            health.append((time.perf_counter() - t) * 1000)
                            time.sleep(0.02)

                watcher = threading.Thread(target=probe)
                cpu0, t0 = _cpu_s(server.pid), time.perf_counter()
                watcher.start()
                r = c.post(path, json=body, headers={"Authorization": f"Bearer {key}"})
                wall = time.perf_counter() - t0
                stop.set()
                watcher.join()
                cpu = _cpu_s(server.pid) - cpu0
                results.append({"case": name, "status": r.status_code,
                                "error": r.json().get("error") if r.status_code != 200 else None,
                                "chars": len(json.dumps(body)), "server_cpu_s": round(cpu, 2),
                                "wall_s": round(wall, 2), "x_judge_ms": r.headers.get("x-judge-time"),
                                "health_max_ms": round(max(health), 1) if health else None})
                print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)
    finally:
        server.stop()
    text = json.dumps({"cases": results}, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
