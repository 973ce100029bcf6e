"""Write ``service/vision/vocab/exemplars.jsonl`` from the labelled vision development sets.

``python -m bench.build_exemplars`` reads ``bench/<set>/sentences.jsonl`` for each set in :data:`SETS` and writes
one line per sentence: its text, the commitments it advances (none for a hard negative) and the set it comes
from. The service attributes a sentence by its nearest exemplars (:mod:`service.vision.exemplars`); the eval
leaves a set's own sentences out when it scores that set (``bench.vision_eval``), so the development figures
are leave-one-set-out. Held-out sets are never listed here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.press_eval import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
SETS = ("vision", "vision2", "vision3", "vision4", "vision5", "vision6", "vision7", "vision8", "vision9", "vision10")
TARGET = ROOT / "service" / "vision" / "vocab" / "exemplars.jsonl"


def build(sets: tuple[str, ...] = SETS, target: Path = TARGET) -> int:
    """Write the exemplar file; returns the number of lines."""
    lines = []
    for name in sets:
        for row in read_jsonl(ROOT / "bench" / name / "sentences.jsonl"):
            lines.append(json.dumps({"text": row["text"], "commitments": row["commitments"], "source": name},
                                    ensure_ascii=False))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    print(f"wrote {build()} exemplars to {TARGET.relative_to(ROOT)}")
    sys.exit(0)
