"""Measure the product's judge on IndoNLI-format pairs.

``selaras eval nli FILE.jsonl`` runs *the judge the service uses* (:func:`service.bootstrap.build_judge`,
same settings) on each premise/hypothesis pair: both are embedded with the service's encoder
(same model and backend, the "query: " prompt, normalised), the premise becomes one
:class:`~service.judge.judge.Candidate` with its cosine, and the judge's relation maps back to a
label: conflicts → c, supports → e, unsupported → n. Sentences are judged in chunks; the judge
treats every sentence independently, so a chunk gives the same answers as one call per pair.

Modes: ``service`` (the configured judge), ``rules`` (no classifier), ``classifier`` (argmax
of the classifier alone, no similarity gating), ``all`` (the three, sharing one set of
classifier scores).

:func:`training.calibrate.calibrate` picks the judge's classifier thresholds on the premise-disjoint
held-out slice of IndoNLI train that training writes; it never reads val or test.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.encoder import load_model
from service.bootstrap import build_judge
from service.config import Settings
from service.domain import Candidate, PassageRef
from service.judge.judge import Judge
from service.judge.nli import LABELS, iter_jsonl
from training.data import accuracy_by_kind

log = logging.getLogger("selaras.eval")
RELATION_LABEL = {"conflicts": "c", "supports": "e", "unsupported": "n"}
CHUNK = 64


class RecordingClassifier:
    """Wraps a classifier, remembering every score it produced (so other modes reuse them)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.scores: dict[tuple[str, str], tuple[float, float, float]] = {}
        self.seconds = 0.0
        self.pairs = 0

    def predict(self, pairs: list[tuple[str, str]], scope: str = "") -> list[tuple[float, float, float]]:
        """Scores for ``pairs``, computing only the ones not seen before (evaluation has one scope)."""
        todo = list(dict.fromkeys(p for p in pairs if p not in self.scores))
        if todo:
            started = time.perf_counter()
            self.scores.update(zip(todo, self.inner.predict(todo)))
            self.seconds += time.perf_counter() - started
            self.pairs += len(todo)
        return [self.scores[p] for p in pairs]


def load_encoder(settings: Settings) -> tuple[Any, str | None]:
    """The service's embedding model and the prompt name the service's Encoder would use."""
    model = load_model(settings.model, settings.cache_dir, settings.torch_threads, settings.backend)
    prompts = getattr(model, "prompts", {}) or {}
    return model, ("query" if "query" in prompts else None)


def cosines(model: Any, prompt: str | None, premises: list[str], hypotheses: list[str],
            batch_size: int = 64) -> np.ndarray:
    """Cosine of each (premise, hypothesis) pair, embedding every distinct text once."""
    texts = list(dict.fromkeys(premises + hypotheses))
    vecs = model.encode(texts, batch_size=batch_size, prompt_name=prompt, normalize_embeddings=True)
    index = {t: i for i, t in enumerate(texts)}
    vecs = np.asarray(vecs, dtype=np.float32)
    return np.array([float(vecs[index[p]] @ vecs[index[h]]) for p, h in zip(premises, hypotheses)])


def metrics(gold: list[str], pred: list[str], seconds: float | None = None) -> dict[str, Any]:
    """3-way accuracy, per-class precision/recall/F1, contradiction F1, confusion matrix."""
    out: dict[str, Any] = {"n": len(gold),
                           "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4)}
    per: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        n_pred = sum(p == label for p in pred)
        n_gold = sum(g == label for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[label] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": n_gold}
    out["per_class"] = per
    out["contradiction_f1"] = per["c"]["f1"]
    out["macro_f1"] = round(sum(v["f1"] for v in per.values()) / len(per), 4)
    out["confusion"] = {"rows_gold_cols_pred": list(LABELS),
                        "matrix": [[sum(g == a and p == b for g, p in zip(gold, pred)) for b in LABELS]
                                   for a in LABELS]}
    if seconds is not None:
        out["seconds"] = round(seconds, 2)
        out["pairs_per_second"] = round(len(gold) / seconds, 1) if seconds > 0 else None
    return out


def run_judge(judge: Judge, premises: list[str], hypotheses: list[str], sims: np.ndarray,
              ids: list[Any]) -> tuple[list[str], float]:
    """Labels from ``judge`` for each pair (one candidate each), and the seconds it took."""
    labels: list[str] = []
    started = time.perf_counter()
    for lo in range(0, len(premises), CHUNK):
        sl = slice(lo, lo + CHUNK)
        cands = [[Candidate(p, float(s), PassageRef(str(i), f"pair {i}"))]
                 for p, s, i in zip(premises[sl], sims[sl], ids[sl])]
        labels += [RELATION_LABEL[j.relation] for j in judge.judge(hypotheses[sl], cands, pairs=True)]
    return labels, time.perf_counter() - started


def evaluate_file(path: Path, settings: Settings, mode: str = "service", limit: int | None = None) -> dict[str, Any]:
    """Metrics of the judge (and/or classifier) on an IndoNLI-format JSONL file."""
    rows = [r for r in iter_jsonl(path) if r.get("label") in LABELS]
    if limit:
        rows = rows[:limit]
    if not rows:
        raise SystemExit(f"error: no labelled pairs in {path}")
    premises = [r["premise"] for r in rows]
    hypotheses = [r["hypothesis"] for r in rows]
    gold = [r["label"] for r in rows]
    ids = [r.get("pair_id", i) for i, r in enumerate(rows)]

    started = time.perf_counter()
    model, prompt = load_encoder(settings)
    sims = cosines(model, prompt, premises, hypotheses)
    embed_s = time.perf_counter() - started

    service_judge = build_judge(settings)
    result: dict[str, Any] = {"file": str(path), "n": len(rows), "judge": service_judge.name,
                              "embedding_model": settings.model, "backend": settings.backend,
                              "embed_seconds": round(embed_s, 1),
                              "cosine": {"median": round(float(np.median(sims)), 4),
                                         "below_related": round(float((sims < service_judge.policy.related_threshold).mean()), 4)}}
    recorder = RecordingClassifier(service_judge.classifier) if service_judge.classifier else None
    preds: dict[str, list[str]] = {}  # mode -> the label of each pair
    if mode in ("service", "all"):
        judge = replace(service_judge, classifier=recorder) if recorder else service_judge
        pred, secs = run_judge(judge, premises, hypotheses, sims, ids)
        result["service"] = metrics(gold, pred, secs) | {"judge": service_judge.name,
                                                          "classifier_pairs": recorder.pairs if recorder else 0}
        preds["service"] = pred
    if mode in ("rules", "all"):
        judge = replace(service_judge, classifier=None, name="rules-v1")
        pred, secs = run_judge(judge, premises, hypotheses, sims, ids)
        result["rules"] = metrics(gold, pred, secs)
        preds["rules"] = pred
    if mode in ("classifier", "all"):
        if recorder is None:
            raise SystemExit("error: no classifier attached (weights missing or SELARAS_NLI=off)")
        before = recorder.seconds
        probs = recorder.predict(list(zip(premises, hypotheses)))
        pred = [LABELS[int(np.argmax(p))] for p in probs]
        result["classifier"] = metrics(gold, pred) | {
            "note": "argmax of the classifier alone, no similarity gating, no rules",
            "classifier_seconds_new_pairs": round(recorder.seconds - before, 2)}
        preds["classifier"] = pred
    kinds = [r.get("kind") for r in rows]
    if any(kinds):  # synthetic pairs (training/synthetic.py): accuracy per kind of change
        for key, pred in preds.items():
            result[key]["by_kind"] = accuracy_by_kind(kinds, gold, pred)
    if recorder:
        result["classifier_pairs_per_second"] = round(recorder.pairs / recorder.seconds, 1) if recorder.seconds else None
    return result


def main_eval(args: Any, settings: Settings) -> int:
    """Entry point for ``selaras eval nli`` (``args`` from :func:`service.cli.build_parser`)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    if args.nli:
        settings = settings.model_copy(update={"nli": args.nli})
    result = evaluate_file(Path(args.file), settings, args.mode, args.limit)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
