"""Training pairs from the project's press-statement development sets (``bench/press*``).

The IndoNLI classifier does not read press statements: on the held-out press sets (press17-19) its
P(contradiction) ranks a planted conflict's sentence above a clean draft's sentence no better than chance
(AUC 0.51), and it calls contradictions said in other words neutral (0 of 18 negations, antonyms,
institutions and scopes at P >= 0.5: "menunda pemungutan pajak karbon" against "mulai memungut pajak
karbon"). IndoNLI pairs a short hypothesis with a longer premise; the service pairs a statement with a
statement. The development sets hold what it needs, labelled:

- every planted conflict: the draft sentence holding its span, against the sentence of the contradicted
  position that shares most of its words -> ``c``;
- every other draft sentence (clean drafts', and conflicting drafts' sentences without a planted span)
  against the sentences of the position it is about, where it shares at least ``MIN_COVERAGE`` -> ``not_c``
  (a clean draft restates positions or adds facts they do not state, and whether a pair is an entailment
  or a neutral pair is not labelled, so the loss only asks that P(e) + P(n) be high; see
  :func:`training.train_nli.pair_loss`), and against the closest sentence of another position -> ``n``
  (:func:`_calm_pairs`).

Which sets: :data:`TRAINING_SETS`. The held-out sets (press17-19), the sets that choose the judge's
thresholds (:data:`TUNING_SETS`) and any set not listed (a new set read unseen) are never trained on.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from service.text.segment import split_sentences
from service.text.words import content_words, roots

BENCH = Path(__file__).resolve().parents[1] / "bench"
HELD_OUT_SETS = ("press17", "press18", "press19")
# Written unseen like the held-out sets, then read: they choose the judge's bars for the new classifier.
TUNING_SETS = ("press24", "press25")
TRAINING_SETS = ("press", *(f"press{i}" for i in range(2, 17)), "press20", "press21", "press22", "press23",
                 "press26", "press27", "press28")
# A clean sentence sharing less than this with every position sentence is about something no position
# states: an easy neutral pair that teaches nothing the neighbour pairs do not.
MIN_COVERAGE = 0.3
GENERATOR = "press-pairs-v3"
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class PressPair:
    """One training pair: a position sentence (premise), a draft sentence (hypothesis) and its label."""

    premise: str
    hypothesis: str
    label: str  # "c" or "not_c"
    kind: str  # the planted conflict's kind, or "clean"
    source: str  # "<set>/<draft id>"

    def row(self) -> dict[str, Any]:
        """The row format of the training pipeline."""
        return {"premise": self.premise, "hypothesis": self.hypothesis, "label": self.label,
                "kind": f"press:{self.kind}", "source": self.source}


@lru_cache(maxsize=65536)  # each position sentence is compared with every draft sentence of its set
def _word_roots(text: str) -> frozenset[str]:
    # Roots carry English words to their Indonesian renderings, so a cross-lingual conflict finds its sentence.
    return frozenset(r for w in content_words(text) for r in roots(w) | {w})


def _figures(text: str) -> set[str]:
    return set(_DIGITS.findall(text))


def _closest(sentence: str, candidates: list[str]) -> tuple[float, str]:
    """The candidate sharing the largest share of ``sentence``'s word roots (first on a tie), with that share."""
    mine = _word_roots(sentence)
    best = (-1.0, "")
    for candidate in candidates:
        share = len(mine & _word_roots(candidate)) / max(1, len(mine))
        if share > best[0]:
            best = (share, candidate)
    return best


def _home(sentence: str, sentences: dict[str, list[str]]) -> str:
    """The position a sentence is about: the one sharing most of its word roots, all its sentences together."""
    mine = _word_roots(sentence)
    shares = {pid: len(mine & _word_roots(" ".join(texts))) for pid, texts in sentences.items()}
    return max(shares, key=lambda pid: shares[pid], default="")


def _calm_pairs(sentence: str, source: str, sentences: dict[str, list[str]]) -> list[PressPair]:
    """The pairs of a draft sentence that contradicts nothing.

    Against its own position (:func:`_home`): its closest sentence and the closest one stating all its
    figures -> ``not_c`` (a restatement, or a sentence adding facts: entailment or neutral, unlabelled).
    Against the closest sentence of any *other* position -> ``n``: a same-shaped sentence about another
    programme, year or region neither contradicts nor backs it. v2 labelled that pair ``not_c`` too, and
    the classifier then let same-shaped sentences about other subjects entail each other (press27's rice
    rule for PNS "backed" by another province's dress code for ASN). Without any such pair it learns "another
    figure means a contradiction" (v1), which the figure rules already judge with subject and time.
    """
    figures = _figures(sentence)
    home = _home(sentence, sentences)
    own = sentences.get(home, [])
    others = [s for pid, texts in sentences.items() if pid != home for s in texts]
    out: list[PressPair] = []
    closest = _closest(sentence, own)
    stating = _closest(sentence, [s for s in own if figures <= _figures(s)])
    for share, reference in dict.fromkeys((closest, stating)):
        if share >= MIN_COVERAGE:
            out.append(PressPair(reference, sentence, "not_c", "clean", source))
    share, reference = _closest(sentence, others)
    if share >= MIN_COVERAGE:
        out.append(PressPair(reference, sentence, "n", "other", source))
    return out


def set_pairs(folder: Path) -> list[PressPair]:
    """The pairs of one press set folder (``positions.jsonl`` + ``drafts.jsonl``)."""
    positions = [json.loads(line) for line in (folder / "positions.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    sentences = {p["id"]: [s.text for s in split_sentences(p["text"])] for p in positions}
    out: list[PressPair] = []
    for line in (folder / "drafts.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        draft = json.loads(line)
        source = f"{folder.name}/{draft['id']}"
        for sentence in (s.text for s in split_sentences(draft["text"])):
            planted = [c for c in draft["conflicts"] if c["span"] in sentence]
            if planted:
                # One pair per sentence and contradicted position (two spans may share both).
                for pid in dict.fromkeys(c["position_id"] for c in planted):
                    kind = next(c["kind"] for c in planted if c["position_id"] == pid)
                    _, reference = _closest(sentence, sentences.get(pid, []))
                    if reference:
                        out.append(PressPair(reference, sentence, "c", kind, source))
            else:
                out.extend(_calm_pairs(sentence, source, sentences))
    return out


def training_pairs(sets: tuple[str, ...] = TRAINING_SETS, bench: Path = BENCH) -> list[PressPair]:
    """The pairs of ``sets``; refuses a held-out or tuning set (they must stay unseen by the classifier)."""
    barred = set(sets) & set(HELD_OUT_SETS + TUNING_SETS)
    if barred:
        raise ValueError(f"press sets {sorted(barred)} are held out or choose thresholds; never train on them")
    return [p for name in sets for p in set_pairs(bench / name)]


def sample(pairs: list[PressPair], limit: int, seed: int) -> list[PressPair]:
    """At most ``limit`` of ``pairs``, each label keeping its share (so a smaller press share of the
    training set changes how much the classifier reads press statements, not which way it leans)."""
    if limit <= 0 or limit >= len(pairs):
        return list(pairs)
    by_label: dict[str, list[PressPair]] = {}
    for p in pairs:
        by_label.setdefault(p.label, []).append(p)
    rng = random.Random(seed)
    out: list[PressPair] = []
    for label in sorted(by_label):
        group = by_label[label]
        out.extend(rng.sample(group, round(limit * len(group) / len(pairs))))
    return out
