"""Labelled example sentences for the vision's commitments, and the vote of a sentence's nearest ones.

A commitment's own wording is one long official sentence; the statements that advance it are written in
ministry vocabulary ("cetak sawah", "produksi gabah"), and many sentences that share its words advance
nothing (a rice price report). ``vocab/exemplars.jsonl`` holds sentences written for this project, each
labelled with the commitments it advances or none (``python -m bench.build_exemplars`` writes it from the
vision development sets). A draft sentence is attributed to the commitment its :data:`NEIGHBOURS` nearest
exemplars vote for, weighted by cosine, when that holds at least :data:`VOTE_SHARE` of the vote; a win of
the unlabelled ones is "none". Exemplars of commitments the loaded vision does not have are left out, and
when most of their commitments are missing (a vision edited beyond them) the vote is not used at all.

Their vectors are computed once per model and file (about 1,300 sentences: seconds), kept in memory and,
given a cache directory, on disk (keyed by the file's content there).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EXEMPLARS_FILE = Path(__file__).with_name("vocab") / "exemplars.jsonl"
# Chosen leave-one-set-out on the ten vision development sets (k 3/5/7 x share 0.3/0.4/0.5): precision 0.925,
# recall 0.858 at 5 / 0.4, against 0.728 / 0.773 for the cosine-and-key-term rules.
NEIGHBOURS = 5
VOTE_SHARE = 0.4
# Below this share of the exemplars' commitments present in the loaded vision, the vote is not used.
MIN_KNOWN = 0.8
NONE = -1  # an exemplar that advances no commitment
UNKNOWN = -2  # an exemplar of a commitment the vision does not have: it does not vote


@dataclass(frozen=True)
class Exemplars:
    """The exemplar sentences, their labels and sources, and their unit vectors (rows)."""

    texts: tuple[str, ...]
    labels: tuple[tuple[str, ...], ...]
    sources: np.ndarray  # the development set each comes from (the eval leaves a set's own out)
    matrix: np.ndarray


def read_exemplars(path: Path = EXEMPLARS_FILE) -> list[dict[str, object]]:
    """The exemplar lines of ``path``."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# Per (model, file): read, hashed and embedded once per process, whatever calls first (the lifespan's warm-up,
# then every rebuild of the vision table).
_MEMORY: dict[tuple[str, Path], Exemplars] = {}
_LOCK = threading.Lock()


def load_exemplars(embed: Callable[[list[str]], np.ndarray], model_name: str, cache_dir: Path | None = None,
                   path: Path = EXEMPLARS_FILE) -> Exemplars | None:
    """The exemplars of ``path`` embedded with ``embed`` (once per process per model and file; on disk per model
    and file content); None without a file."""
    if not path.is_file():
        return None
    with _LOCK:
        known = _MEMORY.get((model_name, path))
        if known is None:
            known = _MEMORY[(model_name, path)] = _embedded(embed, model_name, cache_dir, path)
    return known


def _embedded(embed: Callable[[list[str]], np.ndarray], model_name: str, cache_dir: Path | None,
              path: Path) -> Exemplars:
    raw = path.read_bytes()
    rows = read_exemplars(path)
    key = (model_name, hashlib.sha256(raw).hexdigest()[:16])
    matrix = _from_disk(cache_dir, key, len(rows))
    if matrix is None:
        matrix = np.asarray(embed([str(r["text"]) for r in rows]), dtype=np.float32)
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-12
        _to_disk(cache_dir, key, matrix)
    return Exemplars(tuple(str(r["text"]) for r in rows), tuple(tuple(r["commitments"]) for r in rows),  # type: ignore[arg-type]
                     np.asarray([str(r.get("source", "")) for r in rows]), matrix)


def _cache_file(cache_dir: Path, key: tuple[str, str]) -> Path:
    return cache_dir / "vision-exemplars" / f"{key[1]}-{re.sub(r'[^A-Za-z0-9]+', '-', key[0]).strip('-')}.npy"


def _from_disk(cache_dir: Path | None, key: tuple[str, str], rows: int) -> np.ndarray | None:
    if cache_dir is None:
        return None
    try:
        matrix = np.load(_cache_file(cache_dir, key))
    except (OSError, ValueError):
        return None
    return matrix if matrix.ndim == 2 and matrix.shape[0] == rows else None


def _to_disk(cache_dir: Path | None, key: tuple[str, str], matrix: np.ndarray) -> None:
    if cache_dir is None:
        return
    target = _cache_file(cache_dir, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        with open(partial, "wb") as fh:
            np.save(fh, matrix)
        os.replace(partial, target)  # readers see the whole file or none
    except OSError:
        pass  # a read-only cache only costs the embedding again


def owners(exemplars: Exemplars, commitments: list[str]) -> np.ndarray | None:
    """Per exemplar, the index of its commitment among ``commitments`` (its first one present), :data:`NONE`
    for an unlabelled one, :data:`UNKNOWN` when none of its commitments is loaded; None when under
    :data:`MIN_KNOWN` of the exemplars' commitments are loaded."""
    index = {c: j for j, c in enumerate(commitments)}
    labelled = {c for labels in exemplars.labels for c in labels}
    if not labelled or len(labelled & index.keys()) < MIN_KNOWN * len(labelled):
        return None
    out = np.full(len(exemplars.labels), NONE, dtype=np.int64)
    for i, labels in enumerate(exemplars.labels):
        if labels:
            present = [index[c] for c in labels if c in index]
            out[i] = present[0] if present else UNKNOWN
    return out


def vote(sims: np.ndarray, owner: np.ndarray, allowed: np.ndarray, labels: tuple[tuple[str, ...], ...],
         index: dict[str, int]) -> tuple[int, float] | None:
    """The commitment (its index) the :data:`NEIGHBOURS` nearest allowed exemplars vote for, and its share of
    the vote; None when the unlabelled ones win or no commitment reaches :data:`VOTE_SHARE`.

    ``sims``: the sentence's cosine to every exemplar; ``allowed``: exemplars that may vote; an exemplar with
    two commitments votes for each."""
    return votes(np.asarray(sims)[None, :], owner, allowed, labels, index)[0]


def votes(sims: np.ndarray, owner: np.ndarray, allowed: np.ndarray, labels: tuple[tuple[str, ...], ...],
          index: dict[str, int]) -> list[tuple[int, float] | None]:
    """:func:`vote` for every row of ``sims`` (sentences x exemplars) at once: the nearest exemplars of all
    sentences are found by one partition, not one per sentence."""
    rows = np.flatnonzero(allowed & (owner != UNKNOWN))
    if rows.size == 0:
        return [None] * len(sims)
    near = sims[:, rows]
    if rows.size > NEIGHBOURS:  # the k nearest without sorting all 1,332 (then in order, ties by index)
        part = np.sort(np.argpartition(-near, NEIGHBOURS - 1, axis=1)[:, :NEIGHBOURS], axis=1)
        near = np.take_along_axis(near, part, axis=1)
    else:
        part = np.broadcast_to(np.arange(rows.size), near.shape)
    tops = rows[np.take_along_axis(part, np.argsort(-near, axis=1, kind="stable")[:, :NEIGHBOURS], axis=1)]
    voters: dict[int, list[int]] = {}  # exemplar -> the commitments it votes for
    out: list[tuple[int, float] | None] = []
    for row, top in zip(sims, tops.tolist()):
        weights: dict[int, float] = {}
        total = 0.0
        for r in top:
            w = float(row[r])
            total += w
            if r not in voters:
                voters[r] = [index[c] for c in labels[r] if c in index] or [NONE]
            for c in voters[r]:
                weights[c] = weights.get(c, 0.0) + w
        best, weight = max(weights.items(), key=lambda kv: (kv[1], kv[0] == NONE))
        out.append(None if best == NONE or total <= 0 or weight / total < VOTE_SHARE else (best, weight / total))
    return out
