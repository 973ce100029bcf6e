"""The training data: IndoNLI rows, the premise-disjoint held-out split, neighbouring-topic pairs,
and the classifier's metadata record (``nli-meta.json``) that training and calibration write."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from service.judge.nli import LABELS, META_FILE, iter_jsonl

LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}
# ../shared/data/indonli relative to the repository root (where the shared data sits beside checkouts).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "indonli"


def read_indonli(path: Path) -> list[dict[str, Any]]:
    """IndoNLI rows with a usable label."""
    return [r for r in iter_jsonl(path) if r.get("label") in LABEL_INDEX]


def split_heldout(rows: list[dict[str, Any]], frac: float, seed: int) -> tuple[list[dict], list[dict]]:
    """Premise-disjoint split: ``frac`` of the distinct premises (all their pairs) go to held-out."""
    premises = sorted({r["premise"] for r in rows})
    random.Random(seed).shuffle(premises)
    held = set(premises[: max(1, round(frac * len(premises)))])
    return [r for r in rows if r["premise"] not in held], [r for r in rows if r["premise"] in held]


def neighbour_pairs(rows: list[dict[str, Any]], count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` neutral pairs: a hypothesis with the most similar *other* premise (TF-IDF cosine).

    Near-duplicate premises (cosine > 0.6) are skipped: there the hypothesis might well follow.
    """
    if count <= 0:
        return []
    premises = sorted({r["premise"] for r in rows})
    index = {p: i for i, p in enumerate(premises)}
    vec = TfidfVectorizer(lowercase=True, sublinear_tf=True, min_df=1).fit(premises)
    pm = vec.transform(premises)
    rng = random.Random(seed + 1)
    picked = rng.sample(rows, min(len(rows), count * 2))
    hm = vec.transform([r["hypothesis"] for r in picked])
    sims = (hm @ pm.T).toarray()
    out: list[dict[str, Any]] = []
    for row, sim in zip(picked, sims):
        sim[index[row["premise"]]] = -1.0
        for j in np.argsort(-sim)[:5]:
            if sim[j] <= 0.6:
                out.append({"premise": premises[j], "hypothesis": row["hypothesis"], "label": "n",
                            "source": "neighbour"})
                break
        if len(out) >= count:
            break
    return out


def accuracy_by_kind(kinds: list[str | None], gold: list[str], pred: list[str]) -> dict[str, dict[str, Any]]:
    """Accuracy per ``kind`` of pair (synthetic pairs: ``c:figure``, ``e:same``, ...); rows without one are
    left out."""
    out: dict[str, dict[str, Any]] = {}
    for kind in sorted({k for k in kinds if k}):
        idx = [i for i, k in enumerate(kinds) if k == kind]
        out[kind] = {"n": len(idx), "accuracy": round(sum(gold[i] == pred[i] for i in idx) / len(idx), 4)}
    return out


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a string."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_meta(out_dir: Path, meta: dict[str, Any]) -> None:
    """Write ``nli-meta.json`` atomically."""
    path = Path(out_dir) / META_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
