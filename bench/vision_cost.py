"""What the vision costs a check: drafts checked in-process against the sample corpus, without and with
the Asta Cita positions (issue 15's "no measurable slowdown of a check").

``python -m bench.vision_cost [--repeat 30]`` builds two service cores side by side on temporary data directories
(the model from ``SELARAS_CACHE_DIR`` or the repository's ``.cache``), loads ``samples/positions.jsonl`` with
and without its ``vision`` lines, and checks ~400-word drafts (eight drafts of ``bench/press2`` joined) on each in
turn. It prints, as JSON, the median milliseconds of each and the median (and quartiles) of each draft's own
ratio with/without (paired: the same draft on both cores), in two modes:

- ``fresh``: a new draft every time (the next eight drafts of press2 ... press16), checked for a different agency
  on each core, so neither the embedding cache nor the judge's per-text caches (both keyed by agency) hold it.
  This is what a new draft costs, embedding included.
- ``same``: the first eight drafts of press2, checked again and again: sentences embedded and analysed once, so
  the figure is the vision's share of the rest of a check (its worst case).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from service.bootstrap import build_selaras, close_selaras
from service.config import Settings
from service.domain import PositionIn

ROOT = Path(__file__).resolve().parents[1]


def timings(corpora: dict[str, list[dict]], texts: list[str], warm: str) -> dict[str, list[float]]:
    """Wall seconds of ``check_sync`` per corpus, one per text in ``texts``: one service core per corpus, built side
    by side, each text checked on every core in turn (the first core alternating, so a busy moment of the
    machine falls on both), after three warm-up checks of ``warm`` each. Each core checks for its own agency."""
    with tempfile.TemporaryDirectory() as tmp:
        cores = {}
        try:
            for name, rows in corpora.items():
                settings = Settings(data_dir=Path(tmp) / name)
                if not settings.cache_dir.is_absolute():  # the default ".cache" is the repository's
                    settings = settings.model_copy(update={"cache_dir": ROOT / settings.cache_dir})
                cores[name] = build_selaras(settings)
                cores[name].corpus.upsert_positions([PositionIn(**r) for r in rows])
                for _ in range(3):
                    cores[name].checker.check_sync(warm, agency=f"bench-{name}")
            times: dict[str, list[float]] = {name: [] for name in cores}
            names = list(cores)
            for k, text in enumerate(texts):
                for name in names[k % 2:] + names[:k % 2]:
                    start = time.perf_counter()
                    cores[name].checker.check_sync(text, agency=f"bench-{name}")
                    times[name].append(time.perf_counter() - start)
            return times
        finally:
            for core in cores.values():
                close_selaras(core)


def _drafts(name: str) -> list[str]:
    return [json.loads(line)["text"] for line in (ROOT / "bench" / name / "drafts.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rows = [json.loads(line) for line in (ROOT / "samples" / "positions.jsonl").read_text(encoding="utf-8").splitlines()]
    corpora = {"without": [r for r in rows if r["kind"] != "vision"], "with": rows}
    first = " ".join(_drafts("press2")[:8])
    pool = [d for n in ["press2"] + [f"press{k}" for k in range(3, 17)] for d in _drafts(n)][8:]
    fresh = [" ".join(pool[8 * k:8 * k + 8]) for k in range(args.repeat)]
    out = {"words": len(first.split())}
    for mode, texts in (("fresh", fresh), ("same", [first] * args.repeat)):
        times = timings(corpora, texts, first)
        # Each text's own ratio (paired: the same draft on both cores), then their median and quartiles.
        ratios = [w / o for w, o in zip(times["with"], times["without"])]
        q1, median, q3 = statistics.quantiles(ratios, n=4)
        out[mode] = {"without_vision_ms": round(statistics.median(times["without"]) * 1000, 1),
                     "with_vision_ms": round(statistics.median(times["with"]) * 1000, 1),
                     "ratio": round(median, 3), "ratio_quartiles": [round(q1, 3), round(q3, 3)]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
