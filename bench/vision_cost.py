"""What the vision costs a check: one draft checked in-process against the sample corpus, without and with
the Asta Cita positions (issue 15's "no measurable slowdown of a check").

``python -m bench.vision_cost [--repeat 30]`` builds two service cores side by side on temporary data directories
(the model from ``SELARAS_CACHE_DIR`` or the repository's ``.cache``), loads ``samples/positions.jsonl`` with
and without its ``vision`` lines, checks a ~400-word draft (the first eight drafts of ``bench/press2``) on each
in turn and prints the median milliseconds of each as JSON.
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


def medians_ms(corpora: dict[str, list[dict]], text: str, repeat: int) -> dict[str, float]:
    """Median wall time of ``check_sync(text)`` per corpus: one service core per corpus, built side by side,
    checked in turn (so a busy moment of the machine falls on both), after three warm-up checks each."""
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
                    cores[name].checker.check_sync(text)
            times: dict[str, list[float]] = {name: [] for name in cores}
            for _ in range(repeat):
                for name, core in cores.items():
                    start = time.perf_counter()
                    core.checker.check_sync(text)
                    times[name].append(time.perf_counter() - start)
            return {name: statistics.median(t) * 1000 for name, t in times.items()}
        finally:
            for core in cores.values():
                close_selaras(core)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rows = [json.loads(line) for line in (ROOT / "samples" / "positions.jsonl").read_text(encoding="utf-8").splitlines()]
    drafts = [json.loads(line)["text"] for line in (ROOT / "bench" / "press2" / "drafts.jsonl").read_text(
        encoding="utf-8").splitlines()]
    text = " ".join(drafts[:8])
    ms = medians_ms({"without": [r for r in rows if r["kind"] != "vision"], "with": rows}, text, args.repeat)
    without, with_vision = ms["without"], ms["with"]
    print(json.dumps({"words": len(text.split()), "without_vision_ms": round(without, 1),
                      "with_vision_ms": round(with_vision, 1), "ratio": round(with_vision / without, 2)}))


if __name__ == "__main__":
    main()
