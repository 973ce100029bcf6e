"""Decide, for each draft sentence, whether the reference corpus supports it, conflicts with it, or is silent.

The judge is replaceable: the checker hands it every sentence with its retrieved
candidate passages and gets back one :class:`Judgement` per sentence. Rules:

1. Candidates below ``related_threshold`` cosine are not about the same thing;
   a sentence with none is ``unsupported``.
2. Among candidates close enough to clash (``clash_threshold`` and within
   ``clash_margin`` of the best one: a clash with a passage on a neighbouring
   topic is noise, measured on IndoNLI random pairs whose cosine reaches 0.87),
   precise signals (numbers, dates, negation,
   antonyms, entity swaps; :mod:`service.judge.signals`) and, when installed,
   the trained pair classifier (:mod:`service.judge.nli`) find contradictions.
   Any contradiction makes the sentence ``conflicts``, each with a reason.
3. Otherwise a candidate at or above ``support_threshold`` (or one the classifier
   calls entailment) ``supports`` it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from service.judge.signals import find_clashes


@dataclass(frozen=True)
class Candidate:
    """A retrieved reference passage and its metadata."""

    passage: str
    similarity: float
    meta: dict[str, Any]


@dataclass
class Judgement:
    """The judge's answer for one sentence; ``evidence`` is ordered most relevant first."""

    relation: str  # "supports" | "conflicts" | "unsupported"
    reasons: list[str] = field(default_factory=list)
    evidence: list[Candidate] = field(default_factory=list)


class PairClassifier(Protocol):
    """Scores (reference, draft) pairs; rows are P(entailment), P(neutral), P(contradiction)."""

    def predict(self, pairs: list[tuple[str, str]]) -> list[tuple[float, float, float]]: ...


@dataclass
class Judge:
    """Combines retrieval similarity, precise clash signals and an optional classifier."""

    related_threshold: float = 0.87
    support_threshold: float = 0.91
    clash_threshold: float = 0.89
    clash_margin: float = 0.04
    classifier: PairClassifier | None = None
    contradiction_threshold: float = 0.5
    entailment_threshold: float = 0.5
    name: str = "rules-v1"

    def judge(self, sentences: list[str], candidates: list[list[Candidate]]) -> list[Judgement]:
        """One judgement per sentence, given each sentence's candidates (best first)."""
        related = [[c for c in cands if c.similarity >= self.related_threshold] for cands in candidates]
        probs = self._classify(sentences, related)
        return [self._judge_one(s, rel, probs.get(i, [])) for i, (s, rel) in enumerate(zip(sentences, related))]

    def _classify(self, sentences: list[str], related: list[list[Candidate]]) -> dict[int, list[tuple[float, float, float]]]:
        # One batched classifier call for the whole draft: only plausible pairs get here.
        if self.classifier is None:
            return {}
        pairs = [(c.passage, s) for s, rel in zip(sentences, related) for c in rel]
        if not pairs:
            return {}
        scores = iter(self.classifier.predict(pairs))
        return {i: [next(scores) for _ in rel] for i, rel in enumerate(related) if rel}

    def _judge_one(self, sentence: str, related: list[Candidate],
                   probs: list[tuple[float, float, float]]) -> Judgement:
        if not related:
            return Judgement("unsupported", ["No reference passage is about the same thing."])
        conflicts: list[tuple[Candidate, list[str]]] = []
        supports: list[Candidate] = []
        clash_floor = max(self.clash_threshold, related[0].similarity - self.clash_margin)
        for i, cand in enumerate(related):
            close = cand.similarity >= clash_floor
            reasons = [clash.reason for clash in find_clashes(cand.passage, sentence)] if close else []
            p_e, _p_n, p_c = probs[i] if probs else (0.0, 0.0, 0.0)
            if close and not reasons and p_c >= self.contradiction_threshold:
                reasons.append(
                    f'The classifier judges this a contradiction of "{_short(cand.passage)}" '
                    f"(p={p_c:.2f})."
                )
            if reasons:
                conflicts.append((cand, reasons))
            elif cand.similarity >= self.support_threshold or p_e >= self.entailment_threshold:
                supports.append(cand)
        if conflicts:
            reasons = [r for _, rs in conflicts for r in rs]
            evidence = [c for c, _ in conflicts] + supports
            return Judgement("conflicts", _unique(reasons), evidence)
        if supports:
            best = supports[0]
            title = best.meta.get("title") or best.meta.get("position_id")
            return Judgement(
                "supports", [f'Says the same as "{title}" (similarity {best.similarity:.2f}).'], supports
            )
        return Judgement(
            "unsupported",
            [f"Related reference passages exist (best similarity {related[0].similarity:.2f}) "
             "but none states this."],
            related,
        )


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
