"""Calibrate the judge's classifier thresholds on the premise-disjoint held-out slice of IndoNLI train.

The held-out slice is what training writes (``.cache/nli-train/heldout.jsonl``); val and test are
never read. Calibration judges with the service's own rule: every label comes from
:func:`service.judge.judge.decide`, on pairs prepared once by :meth:`Judge.prepare` (classifier
scores, rule clashes, coverage: what no searched threshold changes). A grid search over ~500,000
settings stays affordable because, for one pair, two settings that no number of the pair separates
(its similarity, classifier probabilities, coverage, shared words) get the same decision:
:func:`grid_labels` calls ``decide`` once per such group, not once per setting.
"""

from __future__ import annotations

import json
import logging
import time
from itertools import product
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from service.config import Settings
from service.domain import Candidate, PassageRef
from service.judge.judge import PREPARED_BY, Judge, Prepared, decide
from service.judge.nli import LABELS, META_FILE, NliClassifier, iter_jsonl
from service.judge.policy import JudgePolicy
from service.judge.signals import shared_content_words
from training.data import read_indonli, write_meta
from training.evaluate import RELATION_LABEL, cosines, load_encoder, metrics

log = logging.getLogger("selaras.calibrate")

# Floors tried for "related" once the classifier is attached. Without it, 0.87 keeps random
# pairs out; with it, the classifier itself separates neighbouring topics (trained on them), and
# 13-26 % of IndoNLI pairs on one fact sit below 0.87 (measured on the held-out slice).
RELATED_GRID = (0.78, 0.80, 0.82, 0.84, 0.87)
NLI_CLASH_GRID = (0.78, 0.80, 0.82, 0.84, 0.87, 0.89)
# P(neutral) at which the classifier overrules a rule clash (9.0: never).
VETO_GRID = (9.0, 0.9, 0.8, 0.7, 0.6)
# Content words a conflict must share with its reference. 1 comes first: on a tie the judge keeps
# requiring a shared word (a cross-language or word-less pair never conflicts on the model alone).
SHARED_GRID = (1, 0, 2)
PROB_GRID = tuple(float(g) for g in np.round(np.arange(0.30, 0.951, 0.05), 2))
# Entailment thresholds above any probability: no support from the classifier (neighbour pairs).
NO_SUPPORT = 2.0
LABEL_CODE = {label: k for k, label in enumerate(LABELS)}  # e, n, c -> 0, 1, 2


def labels(policy: JudgePolicy, prepared: list[Prepared]) -> list[str]:
    """The judge's label (e/n/c) of each prepared pair under ``policy``."""
    return [RELATION_LABEL[decide(policy, p).relation] for p in prepared]


def _numbers(p: Prepared) -> np.ndarray:
    """Every number of a prepared pair that a threshold may be compared with, sorted."""
    values = [c.similarity for c in p.related] + [x for row in p.probs for x in row]
    values += [p.cover(i) for i in range(len(p.related))]
    values += [shared_content_words(c.passage, p.sentence) for c in p.related]
    return np.sort(np.asarray(values, dtype=np.float64))


def grid_labels(base: JudgePolicy, prepared: list[Prepared], columns: dict[str, np.ndarray]) -> Iterator[np.ndarray]:
    """Per prepared pair, the label code (:data:`LABEL_CODE`) under each of the ``G`` settings
    ``base`` with ``columns[name][g]`` for every column: ``decide`` itself, called once per group of
    settings that the pair's numbers do not separate (``decide`` compares thresholds with them only;
    tests/unit/judge/test_calibrate.py checks the labels against :meth:`Judge.judge`)."""
    if set(columns) & set(PREPARED_BY):
        raise ValueError(f"the grid varies fields the preparation read: {sorted(set(columns) & set(PREPARED_BY))}")
    names = list(columns)
    size = len(next(iter(columns.values())))
    distinct = {n: np.unique(columns[n], return_inverse=True) for n in names}
    for p in prepared:
        numbers = _numbers(p)
        code = np.zeros(size, dtype=np.int64)
        radix = 1
        for n in names:
            values, index = distinct[n]
            # A threshold's place among the pair's numbers (ties apart): equal places, equal comparisons.
            place = np.searchsorted(numbers, values, "left") * (len(numbers) + 1) + np.searchsorted(numbers, values, "right")
            _, bucket = np.unique(place, return_inverse=True)
            code += bucket[index] * radix
            radix *= int(bucket.max()) + 1
        groups, first, inverse = np.unique(code, return_index=True, return_inverse=True)
        decided = np.array([LABEL_CODE[RELATION_LABEL[decide(base.updated({n: columns[n][g] for n in names}), p).relation]]
                            for g in first], dtype=np.uint8)
        yield decided[inverse.reshape(-1)]


def _grid() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray]:
    """The searched settings, in search order: one neighbour-check row per (related, nli_clash, veto,
    min_shared, t_c) and, for each, the held-out rows over (t_e, t_eh); and the neighbour row of each
    held-out row."""
    outer = [(r, c, v, s, t) for r, c, v, s in product(RELATED_GRID, NLI_CLASH_GRID, VETO_GRID, SHARED_GRID)
             if c >= r for t in PROB_GRID]
    inner = [(e, eh) for e in PROB_GRID for eh in (0.0, *[g for g in PROB_GRID if g <= e])]
    keys = ("related_threshold", "nli_clash_threshold", "rule_veto_neutral", "conflict_min_shared_words",
            "contradiction_threshold")
    nb = {k: np.array([o[j] for o in outer]) for j, k in enumerate(keys)}
    nb |= {"entailment_threshold": np.full(len(outer), NO_SUPPORT), "high_similarity_entailment": np.full(len(outer), NO_SUPPORT)}
    row = np.repeat(np.arange(len(outer)), len(inner))
    held = {k: v[row] for k, v in nb.items() if k in keys}
    held["entailment_threshold"] = np.tile([e for e, _ in inner], len(outer))
    held["high_similarity_entailment"] = np.tile([eh for _, eh in inner], len(outer))
    return nb, held, row


def _rounded(x: np.ndarray) -> np.ndarray:
    """``round(v, 4)`` of each value, as Python rounds (the recorded objective's ties)."""
    values, inverse = np.unique(x, return_inverse=True)
    return np.array([round(float(v), 4) for v in values])[inverse.reshape(-1)]


def _prepare(judge: Judge, premises: list[str], hypotheses: list[str], sims: np.ndarray) -> list[Prepared]:
    cands = [[Candidate(p, float(s), PassageRef(str(i), f"pair {i}"))] for i, (p, s) in enumerate(zip(premises, sims))]
    return judge.prepare(hypotheses, cands, pairs=True)


def calibrate(heldout_path: Path, settings: Settings, classifier: Any, premise_pool: list[str],
              max_false_conflict: float = 0.02) -> dict[str, Any]:
    """Grid-search the classifier thresholds on the held-out slice.

    Objective: 3-way accuracy of the judge (ties: contradiction F1, then fewer neighbour false
    conflicts), subject to at most ``max_false_conflict`` conflicts on *neighbouring-topic* pairs:
    each held-out hypothesis with the most similar other premise from ``premise_pool`` (by the
    service's encoder) that retrieval would still pass (cosine ≥ related threshold). Those are what
    the service sees when a draft sentence has no true counterpart in the corpus.
    """
    started = time.perf_counter()
    rows = [r for r in iter_jsonl(heldout_path) if r.get("label") in LABELS]
    premises = [r["premise"] for r in rows]
    hypotheses = [r["hypothesis"] for r in rows]
    gold = np.array([LABEL_CODE[r["label"]] for r in rows])
    model, prompt = load_encoder(settings)
    sims = cosines(model, prompt, premises, hypotheses)

    # Neighbouring-topic pairs: nearest different premise by the service's own cosine.
    pool = sorted(set(premise_pool))
    pv = np.asarray(model.encode(pool, batch_size=64, prompt_name=prompt, normalize_embeddings=True), np.float32)
    hyp_unique = list(dict.fromkeys(hypotheses))
    hv = np.asarray(model.encode(hyp_unique, batch_size=64, prompt_name=prompt, normalize_embeddings=True), np.float32)
    own = {h: r["premise"] for h, r in zip(hypotheses, rows)}
    pool_index = {p: i for i, p in enumerate(pool)}
    sim_all = hv @ pv.T
    nb_prem, nb_sim = [], []
    for k, h in enumerate(hyp_unique):
        if own[h] in pool_index:
            sim_all[k, pool_index[own[h]]] = -1.0
        j = int(np.argmax(sim_all[k]))
        nb_prem.append(pool[j])
        nb_sim.append(float(sim_all[k, j]))
    nb_sim_a = np.array(nb_sim)

    # The service's policy, prepared at the lowest related floor searched (a higher one only drops pairs).
    base = JudgePolicy(related_threshold=min(RELATED_GRID), support_threshold=settings.support_threshold,
                       nli_candidates=settings.nli_candidates, nli_min_shared_words=settings.nli_min_shared_words)
    log.info("calibration: preparing %d held-out and %d neighbour pairs", len(rows), len(nb_prem))
    judge = Judge(classifier, policy=base)
    held = _prepare(judge, premises, hypotheses, sims)
    neighbours = _prepare(judge, nb_prem, hyp_unique, nb_sim_a)
    prepared_s = time.perf_counter() - started

    nb_cols, held_cols, nb_row = _grid()
    nb_conflicts = np.zeros(len(nb_cols["related_threshold"]), dtype=np.int64)
    for lab in grid_labels(base, neighbours, nb_cols):
        nb_conflicts += lab == LABEL_CODE["c"]
    nb_related = (nb_sim_a[None, :] >= nb_cols["related_threshold"][:, None]).sum(axis=1)
    false_conflict = np.where(nb_related > 0, nb_conflicts / np.maximum(nb_related, 1), 0.0)
    allowed = false_conflict <= max_false_conflict
    if not allowed.any():
        raise RuntimeError("no threshold setting keeps neighbouring-topic false conflicts under the limit")

    keep = allowed[nb_row]  # only settings whose neighbour check passed are scored on held-out pairs
    cols = {k: v[keep] for k, v in held_cols.items()}
    row = nb_row[keep]
    correct = np.zeros(len(row), dtype=np.int64)
    tp = np.zeros(len(row), dtype=np.int64)
    pred_c = np.zeros(len(row), dtype=np.int64)
    for lab, g in zip(grid_labels(base, held, cols), gold):
        correct += lab == g
        is_c = lab == LABEL_CODE["c"]
        pred_c += is_c
        if g == LABEL_CODE["c"]:
            tp += is_c
    acc = correct / len(gold)
    f1c = 2 * tp / np.maximum(1.0, pred_c + (gold == LABEL_CODE["c"]).sum())
    # ties: contradiction F1, then fewer neighbour false conflicts; then the first in search order
    order = np.lexsort((np.arange(len(row)), _rounded(false_conflict[row]), -_rounded(f1c), -_rounded(acc)))
    g = int(order[0])
    chosen = base.updated({k: v[g] for k, v in cols.items()})
    fields = list(cols)
    pred = labels(chosen, held)
    rules = JudgePolicy(related_threshold=settings.related_threshold, support_threshold=settings.support_threshold)
    rules_only = labels(rules, _prepare(Judge(None, policy=rules), premises, hypotheses, sims))
    gold_labels = [LABELS[k] for k in gold]
    seconds = time.perf_counter() - started
    log.info("calibration: %d settings (%d passed the neighbour check) in %.1f s (%.1f s embedding and preparing)",
             len(nb_row), len(row), seconds, prepared_s)
    return {
        **{k: getattr(chosen, k) for k in fields},
        "calibrated_on": f"held-out slice of IndoNLI train ({len(rows)} pairs, premise-disjoint from training)",
        "objective": f"judge accuracy (ties: contradiction F1) with <= {max_false_conflict:.0%} conflicts on "
                     "neighbouring-topic pairs passing the related threshold",
        "fixed": {k: getattr(chosen, k) for k in ("clash_threshold", "support_threshold", "paraphrase_threshold",
                                                  "clash_margin", "rule_min_coverage", "veto_max_coverage")}
                 | {"related_without_classifier": settings.related_threshold},
        "heldout_judge": metrics(gold_labels, pred),
        "heldout_rules_only": metrics(gold_labels, rules_only),
        "neighbour_pairs": {"n": len(nb_prem), "passing_related": int(nb_related[row[g]]),
                            "false_conflict_rate": round(float(false_conflict[row[g]]), 4),
                            "cosine_median": round(float(np.median(nb_sim_a)), 4)},
        "settings_searched": int(len(held_cols["related_threshold"])),
        "search_seconds": round(seconds - prepared_s, 1),
    }


def calibrate_and_record(heldout_path: Path, weights_dir: Path, base_model: Path, cache_dir: Path,
                         record: bool = True) -> dict[str, Any]:
    """Load the installed classifier, calibrate on the held-out slice and (``record``) store the
    result as ``judge`` in ``nli-meta.json``; returns it."""
    meta = json.loads((Path(weights_dir) / META_FILE).read_text())
    settings = Settings(cache_dir=Path(cache_dir))
    # The backend the service runs (int8 by default): thresholds must fit the scores it sees.
    classifier = NliClassifier.load(base_model, weights_dir, backend=settings.backend, cache_dir=settings.cache_dir,
                                    threads=settings.nli_threads)
    data_dir = Path(meta["data"]["dir"])
    pool = [r["premise"] for r in read_indonli(data_dir / "train.jsonl")]
    started = time.perf_counter()
    judge = calibrate(Path(heldout_path), settings, classifier, pool)
    judge["seconds"] = round(time.perf_counter() - started, 1)
    if record:
        meta["judge"] = judge
        write_meta(Path(weights_dir), meta)
    log.info("calibrated judge thresholds: %s", {k: judge[k] for k in (
        "related_threshold", "rule_veto_neutral", "conflict_min_shared_words", "nli_clash_threshold",
        "contradiction_threshold", "entailment_threshold", "high_similarity_entailment")})
    return judge

